using System.Buffers;
using Pipeline.Protocol.Records;

namespace Pipeline.Storage.IO;

/// <summary>
/// Reads the batches of a file range one after the other through a pooled buffer (one pread per
/// 64 KiB, not per batch), checking each with <see cref="BatchValidator"/>. Used by recovery,
/// index rebuilds, read verification and the cleaner. Dispose returns the buffer.
/// Threads: a scanner is used by one thread; the file may be appended to meanwhile (only bytes
/// below <c>end</c> are looked at).
/// </summary>
internal ref struct BatchScanner
{
    private const int DefaultBufferSize = 64 * 1024;

    private readonly FileRecords _file;
    private readonly long _end;
    private readonly long _segmentBaseOffset;
    private readonly bool _checkCrc;
    private byte[] _buffer;
    private long _bufferFilePosition;
    private int _bufferLength;
    private long _position;
    private long _minBaseOffset;

    public BatchScanner(FileRecords file, long start, long end, long segmentBaseOffset, long minBaseOffset, bool checkCrc)
    {
        _file = file;
        _end = end;
        _segmentBaseOffset = segmentBaseOffset;
        _checkCrc = checkCrc;
        _buffer = ArrayPool<byte>.Shared.Rent(DefaultBufferSize);
        _bufferFilePosition = start;
        _bufferLength = 0;
        _position = start;
        _minBaseOffset = minBaseOffset;
    }

    /// <summary>File position of the next batch, i.e. the end of the last valid one.</summary>
    public readonly long Position => _position;

    /// <summary>Smallest base offset the next batch may have (the previous batch's next offset).</summary>
    public readonly long NextOffset => _minBaseOffset;

    public string? FailureReason { get; private set; }

    /// <summary>
    /// Advances to the next batch. On <see cref="BatchCheck.Valid"/>, <paramref name="batch"/> is
    /// the whole batch (valid until the next call) and <paramref name="position"/> its file position.
    /// </summary>
    public BatchCheck Next(out ReadOnlySpan<byte> batch, out long position)
    {
        batch = default;
        position = _position;
        var remaining = _end - _position;
        if (remaining <= 0)
        {
            return BatchCheck.End;
        }

        var head = Ensure((int)Math.Min(RecordBatchHeader.Size, remaining));
        var check = BatchValidator.CheckHeader(head, remaining, _minBaseOffset, _segmentBaseOffset, out var size, out var reason);
        if (check != BatchCheck.Valid)
        {
            FailureReason = reason;
            return check;
        }

        var whole = Ensure(size);
        if (whole.Length < size)
        {
            FailureReason = "file is shorter than its size";
            return BatchCheck.Torn;
        }

        if (_checkCrc && !RecordBatchHeader.IsCrcValid(whole))
        {
            FailureReason = "CRC-32C mismatch";
            return BatchCheck.Corrupt;
        }

        batch = whole;
        _position += size;
        _minBaseOffset = new RecordBatchHeader(whole).NextOffset;
        return BatchCheck.Valid;
    }

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    // Returns up to `count` bytes starting at _position, refilling or growing the buffer.
    private ReadOnlySpan<byte> Ensure(int count)
    {
        var offsetInBuffer = (int)(_position - _bufferFilePosition);
        if (_position >= _bufferFilePosition && offsetInBuffer + count <= _bufferLength)
        {
            return _buffer.AsSpan(offsetInBuffer, count);
        }

        if (count > _buffer.Length)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(count);
        }

        _bufferFilePosition = _position;
        var want = (int)Math.Min(_buffer.Length, _end - _position);
        _bufferLength = _file.Read(_buffer.AsSpan(0, want), _position);
        return _buffer.AsSpan(0, Math.Min(count, _bufferLength));
    }
}
