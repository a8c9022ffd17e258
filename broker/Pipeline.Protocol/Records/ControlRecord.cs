using System.Buffers.Binary;

namespace Pipeline.Protocol.Records;

/// <summary>
/// Encoding of control records (reference section 5.5; Kafka's ControlRecordType and
/// EndTransactionMarker):
/// <code>
/// key                        version int16 (0) | type int16
/// value of ABORT / COMMIT    version int16 (0) | coordinatorEpoch int32
/// </code>
/// </summary>
public static class ControlRecord
{
    public const int KeySize = 4;
    public const int EndTransactionMarkerValueSize = 6;

    /// <summary>The type in a control key; <see cref="ControlRecordType.Unknown"/> for a short key, a negative version or an unknown type.</summary>
    public static ControlRecordType ReadType(ReadOnlySpan<byte> key)
    {
        if (key.Length < KeySize || BinaryPrimitives.ReadInt16BigEndian(key) < 0)
        {
            return ControlRecordType.Unknown;
        }

        var type = BinaryPrimitives.ReadInt16BigEndian(key[2..]);
        return type is >= (short)ControlRecordType.Abort and <= (short)ControlRecordType.KRaftVoters
            ? (ControlRecordType)type
            : ControlRecordType.Unknown;
    }

    public static void WriteKey(Span<byte> destination, ControlRecordType type)
    {
        BinaryPrimitives.WriteInt16BigEndian(destination, 0);
        BinaryPrimitives.WriteInt16BigEndian(destination[2..], (short)type);
    }

    public static bool TryReadEndTransactionMarker(ReadOnlySpan<byte> value, out int coordinatorEpoch)
    {
        if (value.Length < EndTransactionMarkerValueSize || BinaryPrimitives.ReadInt16BigEndian(value) < 0)
        {
            coordinatorEpoch = -1;
            return false;
        }

        coordinatorEpoch = BinaryPrimitives.ReadInt32BigEndian(value[2..]);
        return true;
    }

    public static void WriteEndTransactionMarker(Span<byte> destination, int coordinatorEpoch)
    {
        BinaryPrimitives.WriteInt16BigEndian(destination, 0);
        BinaryPrimitives.WriteInt32BigEndian(destination[2..], coordinatorEpoch);
    }
}
