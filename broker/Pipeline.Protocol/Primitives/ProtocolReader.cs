using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Pipeline.Protocol.Primitives;

/// <summary>
/// Reads Kafka protocol primitives (section 1.4 of the protocol reference) from one frame held in
/// memory. Every read checks bounds and throws <see cref="ProtocolException"/> on a short or
/// malformed frame. <c>records</c> values are returned as slices of the frame, so the frame's
/// buffer must outlive the message that was read from it.
/// </summary>
public ref struct ProtocolReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlyMemory<byte> _memory;
    private readonly ReadOnlySpan<byte> _span;
    private int _position;

    public ProtocolReader(ReadOnlyMemory<byte> memory)
    {
        _memory = memory;
        _span = memory.Span;
        _position = 0;
    }

    public readonly int Position => _position;

    public readonly int Remaining => _span.Length - _position;

    public readonly bool End => _position >= _span.Length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Take(int count)
    {
        if ((uint)count > (uint)(_span.Length - _position))
        {
            ThrowHelper.ThrowEndOfData(count, _span.Length - _position);
        }

        var s = _span.Slice(_position, count);
        _position += count;
        return s;
    }

    public void Skip(int count) => Take(count);

    public sbyte ReadInt8() => (sbyte)Take(1)[0];

    public byte ReadUInt8() => Take(1)[0];

    public bool ReadBool() => Take(1)[0] != 0;

    public short ReadInt16() => BinaryPrimitives.ReadInt16BigEndian(Take(2));

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));

    public int ReadInt32() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    public double ReadFloat64() => BinaryPrimitives.ReadDoubleBigEndian(Take(8));

    public Uuid ReadUuid() => Uuid.Read(Take(Uuid.Size));

    /// <summary>Unsigned LEB128 varint of at most 5 bytes (compact lengths, tags).</summary>
    public uint ReadUnsignedVarInt()
    {
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = ReadUInt8();
            value |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        return ThrowHelper.ThrowMalformed<uint>("unsigned varint longer than 5 bytes");
    }

    /// <summary>Zig-zag signed varint (record fields).</summary>
    public int ReadVarInt()
    {
        var raw = ReadUnsignedVarInt();
        return (int)(raw >> 1) ^ -(int)(raw & 1);
    }

    /// <summary>Zig-zag signed varlong (record fields).</summary>
    public long ReadVarLong()
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = ReadUInt8();
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return (long)(value >> 1) ^ -(long)(value & 1);
            }
        }

        return ThrowHelper.ThrowMalformed<long>("varlong longer than 10 bytes");
    }

    /// <summary>Length of a string: int16 (classic) or unsigned varint N+1 (compact); -1 = null.</summary>
    private int ReadStringLength(bool compact) =>
        compact ? (int)ReadUnsignedVarInt() - 1 : ReadInt16();

    private int ReadBytesLength(bool compact) =>
        compact ? (int)ReadUnsignedVarInt() - 1 : ReadInt32();

    public string ReadString(bool compact) =>
        ReadNullableString(compact) ?? ThrowHelper.ThrowMalformed<string>("non-nullable string was null");

    public string? ReadNullableString(bool compact)
    {
        var length = ReadStringLength(compact);
        if (length < 0)
        {
            return length == -1 ? null : ThrowHelper.ThrowMalformed<string>($"invalid string length {length}");
        }

        if (length == 0)
        {
            return string.Empty;
        }

        try
        {
            return StrictUtf8.GetString(Take(length));
        }
        catch (DecoderFallbackException e)
        {
            throw new ProtocolException("string is not valid UTF-8", e);
        }
    }

    public byte[] ReadBytes(bool compact) =>
        ReadNullableBytes(compact) ?? ThrowHelper.ThrowMalformed<byte[]>("non-nullable bytes were null");

    public byte[]? ReadNullableBytes(bool compact)
    {
        var length = ReadBytesLength(compact);
        if (length < 0)
        {
            return length == -1 ? null : ThrowHelper.ThrowMalformed<byte[]>($"invalid bytes length {length}");
        }

        return length == 0 ? [] : Take(length).ToArray();
    }

    /// <summary>A records field: a slice of the frame, never copied.</summary>
    public RecordSet ReadRecords(bool compact)
    {
        var length = ReadBytesLength(compact);
        if (length < 0)
        {
            return length == -1 ? RecordSet.Null : ThrowHelper.ThrowMalformed<RecordSet>($"invalid records length {length}");
        }

        var start = _position;
        Take(length);
        return new RecordSet(_memory.Slice(start, length));
    }

    /// <summary>Element count of an array: int32 (classic) or unsigned varint N+1 (compact); -1 = null.</summary>
    public int ReadArrayLength(bool compact)
    {
        var length = compact ? (int)ReadUnsignedVarInt() - 1 : ReadInt32();
        if (length < -1)
        {
            ThrowHelper.ThrowMalformed($"invalid array length {length}");
        }

        // Every element takes at least one byte, so a count above the bytes left is a lie that
        // would otherwise make us allocate a huge list before failing.
        if (length > Remaining)
        {
            ThrowHelper.ThrowMalformed($"array length {length} exceeds the {Remaining} byte(s) left in the frame");
        }

        return length;
    }

    /// <summary>Reads raw bytes (a tagged field's value) as a copy.</summary>
    public byte[] ReadRaw(int count) => Take(count).ToArray();

    /// <summary>Reads raw bytes as a span of the frame.</summary>
    public ReadOnlySpan<byte> ReadRawSpan(int count) => Take(count);

    /// <summary>A sub-reader over the next <paramref name="count"/> bytes (used for tagged field values).</summary>
    public ProtocolReader Slice(int count)
    {
        var start = _position;
        Take(count);
        return new ProtocolReader(_memory.Slice(start, count));
    }
}
