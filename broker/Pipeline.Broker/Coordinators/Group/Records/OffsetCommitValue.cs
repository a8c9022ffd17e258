using Pipeline.Protocol.Messages;
using Pipeline.Protocol.Primitives;

namespace Pipeline.Broker.Coordinators.Group.Records;

/// <summary>
/// Value of a committed offset (Kafka's OffsetCommitValue v0-v4). Layout after the int16 version:
/// <code>
/// v0: int64 offset, string metadata, int64 commitTimestamp
/// v1: int64 offset, string metadata, int64 commitTimestamp, int64 expireTimestamp
/// v2: int64 offset, string metadata, int64 commitTimestamp
/// v3: int64 offset, int32 leaderEpoch, string metadata, int64 commitTimestamp
/// v4: as v3 with compact strings, then a tagged-field section (flexible)
/// </code>
/// Kafka writes v1 when the commit carried a retention time (OffsetCommit v2-v4) and v3 otherwise.
/// A null value (tombstone) deletes the offset.
/// </summary>
public sealed record OffsetCommitValue(long Offset, int LeaderEpoch, string Metadata, long CommitTimestamp, long ExpireTimestamp = -1)
{
    public short WriteVersion => ExpireTimestamp >= 0 ? (short)1 : (short)3;

    public byte[] Serialize()
    {
        var version = WriteVersion;
        using var writer = new ProtocolWriter(64 + Metadata.Length * 3);
        writer.WriteInt16(version);
        Write(writer, version);
        return writer.WrittenSpan.ToArray();
    }

    public void Write(ProtocolWriter writer, short version)
    {
        var flexible = version >= 4;
        writer.WriteInt64(Offset);
        if (version >= 3)
        {
            writer.WriteInt32(LeaderEpoch);
        }

        writer.WriteString(Metadata, flexible);
        writer.WriteInt64(CommitTimestamp);
        if (version == 1)
        {
            writer.WriteInt64(ExpireTimestamp);
        }

        if (flexible)
        {
            writer.WriteUnsignedVarInt(0);
        }
    }

    /// <summary>Reads the body of <paramref name="version"/> (0-4; a higher version is read as v4's known prefix).</summary>
    public static OffsetCommitValue Read(ref ProtocolReader reader, short version)
    {
        var flexible = version >= 4;
        var offset = reader.ReadInt64();
        var leaderEpoch = version >= 3 ? reader.ReadInt32() : -1;
        var metadata = reader.ReadString(flexible);
        var commitTimestamp = reader.ReadInt64();
        var expireTimestamp = version == 1 ? reader.ReadInt64() : -1;
        if (flexible)
        {
            MessageSupport.ReadTaggedFields(ref reader);
        }

        return new OffsetCommitValue(offset, leaderEpoch, metadata, commitTimestamp, expireTimestamp);
    }
}
