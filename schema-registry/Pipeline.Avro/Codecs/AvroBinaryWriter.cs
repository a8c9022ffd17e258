using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Pipeline.Avro.Codecs;

/// <summary>
/// Avro binary primitives written into an <see cref="IBufferWriter{T}"/> (spec §Binary encoding):
/// zig-zag varints, little-endian IEEE floats, length-prefixed bytes and UTF-8 strings. It keeps
/// a span of the output and advances the buffer writer only in <see cref="Flush"/>, so the
/// caller must call Flush when done. Allocates nothing.
/// </summary>
public ref struct AvroBinaryWriter
{
    private const int MinimumChunk = 256;

    private readonly IBufferWriter<byte> _output;
    private Span<byte> _span;
    private int _position;

    public AvroBinaryWriter(IBufferWriter<byte> output)
    {
        _output = output;
        _span = default;
        _position = 0;
        BytesCommitted = 0;
    }

    /// <summary>Bytes advanced into the buffer writer so far (excluding what is still unflushed).</summary>
    public long BytesCommitted { get; private set; }

    /// <summary>Total bytes written, flushed or not.</summary>
    public readonly long BytesWritten => BytesCommitted + _position;

    public void WriteNull()
    {
    }

    public void WriteBoolean(bool value)
    {
        Ensure(1);
        _span[_position++] = value ? (byte)1 : (byte)0;
    }

    public void WriteInt(int value) => WriteLong(value);

    public void WriteLong(long value)
    {
        Ensure(10);
        var zigzag = (ulong)((value << 1) ^ (value >> 63));
        while (zigzag >= 0x80)
        {
            _span[_position++] = (byte)(zigzag | 0x80);
            zigzag >>= 7;
        }

        _span[_position++] = (byte)zigzag;
    }

    public void WriteFloat(float value)
    {
        Ensure(4);
        BinaryPrimitives.WriteSingleLittleEndian(_span[_position..], value);
        _position += 4;
    }

    public void WriteDouble(double value)
    {
        Ensure(8);
        BinaryPrimitives.WriteDoubleLittleEndian(_span[_position..], value);
        _position += 8;
    }

    /// <summary>A long length, then the bytes.</summary>
    public void WriteBytes(scoped ReadOnlySpan<byte> value)
    {
        WriteLong(value.Length);
        WriteFixed(value);
    }

    /// <summary>The raw bytes with no length (fixed).</summary>
    public void WriteFixed(scoped ReadOnlySpan<byte> value)
    {
        Ensure(value.Length);
        value.CopyTo(_span[_position..]);
        _position += value.Length;
    }

    /// <summary>A long byte length, then UTF-8, encoded straight into the output.</summary>
    public void WriteString(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteLong(length);
        Ensure(length);
        _position += Encoding.UTF8.GetBytes(value, _span[_position..]);
    }

    /// <summary>Hands the written bytes to the buffer writer. Call before using the output.</summary>
    public void Flush()
    {
        if (_position > 0)
        {
            _output.Advance(_position);
            BytesCommitted += _position;
            _position = 0;
        }

        _span = default;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Ensure(int count)
    {
        if (_span.Length - _position < count)
        {
            Grow(count);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int count)
    {
        Flush();
        _span = _output.GetSpan(Math.Max(count, MinimumChunk));
    }
}
