using System.Buffers.Binary;

namespace Pipeline.Protocol.Records.Legacy;

/// <summary>
/// One entry of a legacy message set (magic 0 or 1; reference section 5.6, Kafka's LegacyRecord),
/// as slices of the input:
/// <code>
///  0 offset int64           17 attributes int8 (bits 0-2 codec, bit 3 LogAppendTime in v1)
///  8 messageSize int32      18 timestamp int64 (v1 only)
/// 12 crc uint32 (IEEE CRC-32 of magic..end)
/// 16 magic int8             then keyLength int32 (-1 null) | key | valueLength int32 (-1 null) | value
/// </code>
/// </summary>
internal readonly ref struct LegacyMessage
{
    public const int LogOverhead = 12;
    public const int OverheadV0 = 14;
    public const int OverheadV1 = 22;

    private readonly ReadOnlySpan<byte> _key;
    private readonly ReadOnlySpan<byte> _value;

    private LegacyMessage(long offset, int entrySize, sbyte magic, byte attributes, long timestamp, ReadOnlySpan<byte> key, bool keyIsNull, ReadOnlySpan<byte> value, bool valueIsNull)
    {
        Offset = offset;
        EntrySize = entrySize;
        Magic = magic;
        Attributes = attributes;
        Timestamp = timestamp;
        _key = key;
        KeyIsNull = keyIsNull;
        _value = value;
        ValueIsNull = valueIsNull;
    }

    public long Offset { get; }

    /// <summary>Bytes of this entry including the 12-byte offset and size prefix.</summary>
    public int EntrySize { get; }

    public sbyte Magic { get; }

    public byte Attributes { get; }

    /// <summary>Codec id (0-7) of attributes bits 0-2.</summary>
    public int CodecId => Attributes & 0x07;

    public bool IsLogAppendTime => Magic == 1 && (Attributes & 0x08) != 0;

    /// <summary>The v1 timestamp; -1 (no timestamp) for v0.</summary>
    public long Timestamp { get; }

    public ReadOnlySpan<byte> Key => _key;

    public bool KeyIsNull { get; }

    public ReadOnlySpan<byte> Value => _value;

    public bool ValueIsNull { get; }

    /// <summary>Reads the entry at the start of <paramref name="data"/>. Every structural fault, the CRC included, is CORRUPT_MESSAGE.</summary>
    public static ErrorCode TryRead(ReadOnlySpan<byte> data, out LegacyMessage message, out string? error)
    {
        message = default;
        error = null;
        if (data.Length < LogOverhead + OverheadV0)
        {
            error = $"legacy message set is truncated: {data.Length} byte(s) left, a message needs at least {LogOverhead + OverheadV0}";
            return ErrorCode.CorruptMessage;
        }

        var size = BinaryPrimitives.ReadInt32BigEndian(data[8..]);
        var magic = (sbyte)data[16];
        if (magic is not (0 or 1))
        {
            error = $"legacy message has magic {magic}";
            return ErrorCode.CorruptMessage;
        }

        var overhead = magic == 0 ? OverheadV0 : OverheadV1;
        if (size < overhead)
        {
            error = $"Record size {size} is less than the minimum record overhead ({overhead})";
            return ErrorCode.CorruptMessage;
        }

        if (size > data.Length - LogOverhead)
        {
            error = $"legacy message is truncated: size {size}, {data.Length - LogOverhead} byte(s) left";
            return ErrorCode.CorruptMessage;
        }

        var body = data.Slice(LogOverhead, size);
        var storedCrc = BinaryPrimitives.ReadUInt32BigEndian(body);
        var computedCrc = Crc32.Compute(body[4..]);
        if (storedCrc != computedCrc)
        {
            error = $"Record is corrupt (stored crc = {storedCrc}, computed crc = {computedCrc})";
            return ErrorCode.CorruptMessage;
        }

        var attributes = body[5];
        var timestamp = magic == 0 ? -1 : BinaryPrimitives.ReadInt64BigEndian(body[6..]);
        var p = magic == 0 ? 6 : 14;
        if (!TryReadBytes(body, ref p, out var key, out var keyIsNull) || !TryReadBytes(body, ref p, out var value, out var valueIsNull) || p != body.Length)
        {
            error = "legacy message key and value lengths do not match its size";
            return ErrorCode.CorruptMessage;
        }

        message = new LegacyMessage(BinaryPrimitives.ReadInt64BigEndian(data), LogOverhead + size, magic, attributes, timestamp, key, keyIsNull, value, valueIsNull);
        return ErrorCode.None;
    }

    private static bool TryReadBytes(ReadOnlySpan<byte> body, scoped ref int p, out ReadOnlySpan<byte> bytes, out bool isNull)
    {
        bytes = default;
        isNull = false;
        if (body.Length - p < 4)
        {
            return false;
        }

        var n = BinaryPrimitives.ReadInt32BigEndian(body[p..]);
        p += 4;
        if (n < 0)
        {
            isNull = true;
            return n == -1;
        }

        if (n > body.Length - p)
        {
            return false;
        }

        bytes = body.Slice(p, n);
        p += n;
        return true;
    }
}
