using Pipeline.Protocol.Primitives;

namespace Pipeline.Broker.Coordinators.Group.Records;

/// <summary>
/// Key of a classic group's metadata in <c>__consumer_offsets</c> (Kafka's GroupMetadataKey v2):
/// <code>
/// int16  version          2
/// string group
/// </code>
/// Versions 3 and up are the records of KIP-848 consumer groups, which this coordinator skips.
/// </summary>
public sealed record GroupMetadataKey(string Group)
{
    public const short Version = 2;

    public byte[] Serialize()
    {
        using var writer = new ProtocolWriter(32);
        writer.WriteInt16(Version);
        writer.WriteString(Group, compact: false);
        return writer.WrittenSpan.ToArray();
    }

    public static GroupMetadataKey Read(ref ProtocolReader reader) => new(reader.ReadString(compact: false));
}
