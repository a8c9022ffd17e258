using Pipeline.Broker.Coordinators.Runtime;
using Pipeline.Protocol.Primitives;

namespace Pipeline.Broker.Coordinators.Group.Records;

/// <summary>
/// Kafka's GroupCoordinatorRecordSerde for the classic records: the key's int16 version says what
/// the record is (0-1 offset commit, 2 group metadata); the value carries its own int16 version.
/// Key versions 3 and up (KIP-848 consumer groups, share groups) are unknown here and skipped.
/// </summary>
public sealed class GroupCoordinatorRecordSerde : ICoordinatorRecordSerde<GroupCoordinatorRecord>
{
    public static readonly GroupCoordinatorRecordSerde Instance = new();

    public (byte[] Key, byte[]? Value) Serialize(GroupCoordinatorRecord record) => record switch
    {
        OffsetCommitRecord o => (o.Key.Serialize(), o.Value?.Serialize()),
        GroupMetadataRecord g => (g.Key.Serialize(), g.Value?.Serialize()),
        _ => throw new ArgumentException($"unknown record {record.GetType().Name}", nameof(record)),
    };

    public GroupCoordinatorRecord? Deserialize(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, bool valueIsNull)
    {
        var keyReader = new ProtocolReader(key.ToArray());
        var keyVersion = keyReader.ReadInt16();
        if (OffsetCommitKey.IsVersion(keyVersion))
        {
            var k = OffsetCommitKey.Read(ref keyReader);
            if (valueIsNull)
            {
                return new OffsetCommitRecord(k, null);
            }

            var valueReader = new ProtocolReader(value.ToArray());
            var version = valueReader.ReadInt16();
            return new OffsetCommitRecord(k, OffsetCommitValue.Read(ref valueReader, version));
        }

        if (keyVersion == GroupMetadataKey.Version)
        {
            var k = GroupMetadataKey.Read(ref keyReader);
            if (valueIsNull)
            {
                return new GroupMetadataRecord(k, null);
            }

            var valueReader = new ProtocolReader(value.ToArray());
            var version = valueReader.ReadInt16();
            return new GroupMetadataRecord(k, GroupMetadataValue.Read(ref valueReader, version));
        }

        return null;
    }
}
