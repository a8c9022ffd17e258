using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Pipeline.Avro.Codecs;

/// <summary>Avro binary primitives read from a span. Throws <see cref="AvroTypeException"/> on truncated or malformed input.</summary>
public ref struct AvroBinaryReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public AvroBinaryReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly int Position => _position;

    public readonly int Remaining => _data.Length - _position;

    public readonly bool IsAtEnd => _position >= _data.Length;

    public bool ReadBoolean()
    {
        Need(1);
        var b = _data[_position++];
        if (b > 1)
        {
            ThrowInvalid($"invalid boolean byte 0x{b:x2}");
        }

        return b == 1;
    }

    public int ReadInt()
    {
        ulong result = 0;
        var shift = 0;
        while (true)
        {
            Need(1);
            var b = _data[_position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                break;
            }

            shift += 7;
            if (shift >= 35)
            {
                ThrowInvalid("invalid int encoding (more than 5 bytes)");
            }
        }

        if (result > uint.MaxValue)
        {
            ThrowInvalid("invalid int encoding (out of range)");
        }

        var z = (uint)result;
        return (int)(z >> 1) ^ -(int)(z & 1);
    }

    public long ReadLong()
    {
        ulong result = 0;
        var shift = 0;
        while (true)
        {
            Need(1);
            var b = _data[_position++];
            if (shift == 63 && b > 1)
            {
                ThrowInvalid("invalid long encoding (out of range)");
            }

            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                break;
            }

            shift += 7;
            if (shift >= 70)
            {
                ThrowInvalid("invalid long encoding (more than 10 bytes)");
            }
        }

        return (long)(result >> 1) ^ -(long)(result & 1);
    }

    public float ReadFloat()
    {
        Need(4);
        var value = BinaryPrimitives.ReadSingleLittleEndian(_data[_position..]);
        _position += 4;
        return value;
    }

    public double ReadDouble()
    {
        Need(8);
        var value = BinaryPrimitives.ReadDoubleLittleEndian(_data[_position..]);
        _position += 8;
        return value;
    }

    public byte[] ReadBytes() => ReadSpan(ReadLength()).ToArray();

    public string ReadString()
    {
        var span = ReadSpan(ReadLength());
        try
        {
            return Encoding.UTF8.GetString(span);
        }
        catch (DecoderFallbackException e)
        {
            throw new AvroTypeException("string is not valid UTF-8", e);
        }
    }

    public ReadOnlySpan<byte> ReadFixed(int size) => ReadSpan(size);

    public void SkipBytes() => Skip(ReadLength());

    public void Skip(int count)
    {
        Need(count);
        _position += count;
    }

    /// <summary>A block count for arrays and maps: for a negative count, reads and ignores the byte size that follows.</summary>
    public long ReadBlockCount()
    {
        var count = ReadLong();
        if (count < 0)
        {
            if (count == long.MinValue)
            {
                ThrowInvalid("invalid block count");
            }

            ReadLong();
            count = -count;
        }

        return count;
    }

    /// <summary>For skipping: the count, and the block's byte size when the writer gave one (else -1).</summary>
    public long ReadBlockHeader(out long byteSize)
    {
        var count = ReadLong();
        byteSize = -1;
        if (count < 0)
        {
            if (count == long.MinValue)
            {
                ThrowInvalid("invalid block count");
            }

            byteSize = ReadLong();
            count = -count;
        }

        return count;
    }

    private ReadOnlySpan<byte> ReadSpan(int length)
    {
        Need(length);
        var span = _data.Slice(_position, length);
        _position += length;
        return span;
    }

    private int ReadLength()
    {
        var length = ReadLong();
        if (length < 0)
        {
            ThrowInvalid($"negative length {length}");
        }

        if (length > Remaining)
        {
            ThrowTruncated(length);
        }

        return (int)length;
    }

    private readonly void Need(long count)
    {
        if (count > _data.Length - _position)
        {
            ThrowTruncated(count);
        }
    }

    [DoesNotReturn]
    private readonly void ThrowTruncated(long count) =>
        throw new AvroTypeException($"truncated data: needed {count} more bytes at offset {_position}, {_data.Length - _position} left");

    [DoesNotReturn]
    private readonly void ThrowInvalid(string what) => throw new AvroTypeException($"{what} at offset {_position}");
}
