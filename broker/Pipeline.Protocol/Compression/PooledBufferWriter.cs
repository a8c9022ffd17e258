using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Pipeline.Protocol.Compression;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over one array rented from <see cref="ArrayPool{T}.Shared"/>,
/// grown by doubling. Meant to be kept by its owner (a connection, a validator, a log cleaner) and
/// <see cref="Reset"/> between uses so that steady-state work rents nothing. The written bytes stay
/// writable (<see cref="WrittenSpan"/>) because batches built here are patched in place (CRC,
/// offsets). Not thread-safe; the owner's thread is the only user.
/// </summary>
public sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    private const int MinimumGrowth = 256;

    private readonly int _retainLimit;
    private byte[] _buffer;
    private int _written;

    /// <param name="initialCapacity">Bytes rented up front (0 rents lazily).</param>
    /// <param name="retainLimit">
    /// On <see cref="Reset"/>, a buffer larger than this goes back to the pool, so that one huge
    /// batch does not pin memory to a long-lived owner.
    /// </param>
    public PooledBufferWriter(int initialCapacity = 0, int retainLimit = 4 << 20)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initialCapacity);
        _retainLimit = retainLimit;
        _buffer = initialCapacity == 0 ? [] : ArrayPool<byte>.Shared.Rent(initialCapacity);
    }

    public int WrittenCount => _written;

    public int Capacity => _buffer.Length;

    /// <summary>The bytes written so far; valid until the next write, <see cref="Reset"/> or <see cref="Dispose"/>.</summary>
    public Span<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    public Memory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    public void Reset()
    {
        _written = 0;
        if (_buffer.Length > _retainLimit)
        {
            ReturnBuffer();
        }
    }

    public void Dispose()
    {
        _written = 0;
        ReturnBuffer();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Advance(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _written))
        {
            ThrowAdvancedTooFar(count);
        }

        _written += count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        if (sizeHint <= 0)
        {
            sizeHint = 1;
        }

        if (_buffer.Length - _written < sizeHint)
        {
            Grow(sizeHint);
        }

        return _buffer.AsSpan(_written);
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        GetSpan(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _written += bytes.Length;
    }

    public byte[] ToArray() => WrittenSpan.ToArray();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int sizeHint)
    {
        var needed = (long)_written + sizeHint;
        if (needed > Array.MaxLength)
        {
            throw new InvalidOperationException($"buffer of {needed} bytes exceeds the largest array");
        }

        var size = Math.Max(Math.Max(_buffer.Length * 2L, needed), MinimumGrowth);
        var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(size, Array.MaxLength));
        _buffer.AsSpan(0, _written).CopyTo(bigger);
        ReturnBuffer();
        _buffer = bigger;
    }

    private void ReturnBuffer()
    {
        var b = _buffer;
        _buffer = [];
        if (b.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(b);
        }
    }

    [DoesNotReturn]
    private void ThrowAdvancedTooFar(int count) =>
        throw new InvalidOperationException($"cannot advance {count} byte(s): only {_buffer.Length - _written} were handed out");
}
