using Pipeline.Protocol.Primitives;

namespace Pipeline.Broker.Coordinators.Group.Records;

/// <summary>
/// Key of a committed offset in <c>__consumer_offsets</c> (Kafka's OffsetCommitKey, versions 0
/// and 1, which share one layout; Kafka writes 1):
/// <code>
/// int16  version          0 or 1
/// string group            int16 length + UTF-8
/// string topic
/// int32  partition
/// </code>
/// </summary>
public sealed record OffsetCommitKey(string Group, string Topic, int Partition)
{
    public const short WriteVersion = 1;

    public static bool IsVersion(short version) => version is 0 or 1;

    public byte[] Serialize()
    {
        using var writer = new ProtocolWriter(64);
        writer.WriteInt16(WriteVersion);
        writer.WriteString(Group, compact: false);
        writer.WriteString(Topic, compact: false);
        writer.WriteInt32(Partition);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Reads the body after the version prefix.</summary>
    public static OffsetCommitKey Read(ref ProtocolReader reader) =>
        new(reader.ReadString(compact: false), reader.ReadString(compact: false), reader.ReadInt32());
}
