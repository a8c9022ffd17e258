using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Pipeline.Protocol.Primitives;

/// <summary>
/// Writes Kafka protocol primitives into one growable buffer rented from
/// <see cref="ArrayPool{T}.Shared"/>. A connection keeps one writer and <see cref="Reset"/>s it per
/// response, so steady-state encoding allocates nothing.
/// <para>
/// A <c>records</c> value that is a file region is not copied: the writer notes where it goes
/// (a <see cref="Splice"/>) and the sender interleaves buffer bytes with sendfile calls. The
/// length prefix of the frame therefore counts <see cref="TotalLength"/>, not just the buffer.
/// </para>
/// Owner: whoever created it; not thread-safe.
/// </summary>
public sealed class ProtocolWriter : IDisposable
{
    /// <summary>A file region that belongs between buffer bytes [.., BufferOffset) and [BufferOffset, ..).</summary>
    public readonly record struct Splice(int BufferOffset, IFileRegion Region);

    private byte[] _buffer;
    private int _position;
    private readonly List<Splice> _splices = [];
    private long _spliceBytes;

    public ProtocolWriter(int initialCapacity = 4096)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);
    }

    /// <summary>Bytes written to the buffer.</summary>
    public int Position => _position;

    /// <summary>Buffer bytes plus the bytes of every spliced file region.</summary>
    public long TotalLength => _position + _spliceBytes;

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _position);

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _position);

    public IReadOnlyList<Splice> Splices => _splices;

    /// <summary>Clears the content. File regions not yet handed to a sender are released.</summary>
    public void Reset()
    {
        foreach (var s in _splices)
        {
            s.Region.Release();
        }

        ResetKeepingRegions();
    }

    /// <summary>Clears the content after a sender took ownership of the spliced regions.</summary>
    public void ResetKeepingRegions()
    {
        _splices.Clear();
        _spliceBytes = 0;
        _position = 0;
        if (_buffer.Length > 1 << 20)
        {
            // Do not pin a huge buffer to a connection after one large response.
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(4096);
        }
    }

    public void Dispose()
    {
        Reset();
        var b = _buffer;
        _buffer = [];
        if (b.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(b);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<byte> GetSpan(int size)
    {
        if (_buffer.Length - _position < size)
        {
            Grow(size);
        }

        return _buffer.AsSpan(_position, size);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Advance(int count) => _position += count;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int size)
    {
        var needed = (long)_position + size;
        var newSize = Math.Max(_buffer.Length * 2L, needed);
        if (newSize > Array.MaxLength)
        {
            throw new InvalidOperationException($"message of {needed} bytes is too large to encode");
        }

        var bigger = ArrayPool<byte>.Shared.Rent((int)newSize);
        _buffer.AsSpan(0, _position).CopyTo(bigger);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = bigger;
    }

    /// <summary>Reserves <paramref name="count"/> bytes to be filled later with <see cref="PatchInt32"/> etc.</summary>
    public int Reserve(int count)
    {
        var at = _position;
        GetSpan(count);
        _position += count;
        return at;
    }

    public void PatchInt32(int at, int value) => BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(at, 4), value);

    /// <summary>Direct access to already written bytes (for CRCs and in-place fix-ups).</summary>
    public Span<byte> WrittenRange(int start, int length) => _buffer.AsSpan(start, length);

    public void WriteInt8(sbyte value)
    {
        GetSpan(1)[0] = (byte)value;
        _position++;
    }

    public void WriteUInt8(byte value)
    {
        GetSpan(1)[0] = value;
        _position++;
    }

    public void WriteBool(bool value) => WriteUInt8(value ? (byte)1 : (byte)0);

    public void WriteInt16(short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(GetSpan(2), value);
        _position += 2;
    }

    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(GetSpan(2), value);
        _position += 2;
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(GetSpan(4), value);
        _position += 4;
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(GetSpan(4), value);
        _position += 4;
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(GetSpan(8), value);
        _position += 8;
    }

    public void WriteFloat64(double value)
    {
        BinaryPrimitives.WriteDoubleBigEndian(GetSpan(8), value);
        _position += 8;
    }

    public void WriteUuid(Uuid value)
    {
        value.Write(GetSpan(Uuid.Size));
        _position += Uuid.Size;
    }

    public void WriteUnsignedVarInt(uint value)
    {
        var span = GetSpan(5);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        _position += i;
    }

    public void WriteVarInt(int value) => WriteUnsignedVarInt((uint)((value << 1) ^ (value >> 31)));

    public void WriteVarLong(long value)
    {
        var v = (ulong)((value << 1) ^ (value >> 63));
        var span = GetSpan(10);
        var i = 0;
        while (v >= 0x80)
        {
            span[i++] = (byte)(v | 0x80);
            v >>= 7;
        }

        span[i++] = (byte)v;
        _position += i;
    }

    public static int UnsignedVarIntSize(uint value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    public void WriteString(string value, bool compact) => WriteNullableString(value, compact);

    public void WriteNullableString(string? value, bool compact)
    {
        if (value is null)
        {
            if (compact)
            {
                WriteUnsignedVarInt(0);
            }
            else
            {
                WriteInt16(-1);
            }

            return;
        }

        var byteCount = Encoding.UTF8.GetByteCount(value);
        if (compact)
        {
            WriteUnsignedVarInt((uint)byteCount + 1);
        }
        else
        {
            if (byteCount > short.MaxValue)
            {
                throw new InvalidOperationException($"string of {byteCount} bytes does not fit an int16 length");
            }

            WriteInt16((short)byteCount);
        }

        Encoding.UTF8.GetBytes(value, GetSpan(byteCount));
        _position += byteCount;
    }

    public void WriteBytes(ReadOnlySpan<byte> value, bool compact)
    {
        if (compact)
        {
            WriteUnsignedVarInt((uint)value.Length + 1);
        }
        else
        {
            WriteInt32(value.Length);
        }

        WriteRaw(value);
    }

    public void WriteNullableBytes(byte[]? value, bool compact)
    {
        if (value is null)
        {
            WriteNullLength(compact);
            return;
        }

        WriteBytes(value, compact);
    }

    private void WriteNullLength(bool compact)
    {
        if (compact)
        {
            WriteUnsignedVarInt(0);
        }
        else
        {
            WriteInt32(-1);
        }
    }

    /// <summary>A records field. A file region is spliced, not copied (see the class comment).</summary>
    public void WriteRecords(RecordSet records, bool compact)
    {
        if (records.IsNull)
        {
            WriteNullLength(compact);
            return;
        }

        if (compact)
        {
            WriteUnsignedVarInt((uint)records.Length + 1);
        }
        else
        {
            WriteInt32(records.Length);
        }

        if (records.FileRegion is { } region)
        {
            _splices.Add(new Splice(_position, region));
            _spliceBytes += region.Length;
        }
        else
        {
            WriteRaw(records.Memory.Span);
        }
    }

    public void WriteArrayLength(int count, bool compact)
    {
        if (compact)
        {
            WriteUnsignedVarInt((uint)(count + 1));
        }
        else
        {
            WriteInt32(count);
        }
    }

    public void WriteNullArrayLength(bool compact) => WriteArrayLength(-1, compact);

    /// <summary>
    /// Starts a length-prefixed value whose size is not known up front (a tagged field): write the
    /// value, then call <see cref="EndSizedValue"/> with the returned mark, which inserts the
    /// unsigned varint length in front of it.
    /// </summary>
    public int BeginSizedValue() => _position;

    public void EndSizedValue(int mark)
    {
        var length = _position - mark;
        var prefix = UnsignedVarIntSize((uint)length);
        GetSpan(prefix);
        _buffer.AsSpan(mark, length).CopyTo(_buffer.AsSpan(mark + prefix));
        var p = mark;
        var v = (uint)length;
        while (v >= 0x80)
        {
            _buffer[p++] = (byte)(v | 0x80);
            v >>= 7;
        }

        _buffer[p] = (byte)v;
        _position += prefix;
    }

    public void WriteRaw(ReadOnlySpan<byte> value)
    {
        value.CopyTo(GetSpan(value.Length));
        _position += value.Length;
    }
}
