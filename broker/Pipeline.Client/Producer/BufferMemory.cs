using System.Buffers;
using System.Diagnostics;
using Pipeline.Protocol;

namespace Pipeline.Client.Producer;

/// <summary>
/// buffer.memory: the bytes all unsent and unacknowledged batches may hold. A new batch reserves
/// its buffer here and blocks up to max.block.ms while the producer is full; the sender returns
/// the bytes when a batch completes. Buffers themselves come from <see cref="ArrayPool{T}.Shared"/>.
/// Thread-safe; waiters are woken in no particular order.
/// </summary>
internal sealed class BufferMemory
{
    private readonly object _lock = new();
    private readonly long _total;
    private long _available;
    private int _waiters;

    public BufferMemory(long total)
    {
        _total = total;
        _available = total;
    }

    public long Total => _total;

    public long Available => Volatile.Read(ref _available);

    /// <summary>True while an append waits for memory: the sender then sends batches without lingering.</summary>
    public bool HasWaiters => Volatile.Read(ref _waiters) > 0;

    /// <summary>Reserves <paramref name="size"/> bytes and rents a buffer of at least that size.</summary>
    public byte[] Allocate(int size, TimeSpan maxBlock, CancellationToken cancellationToken = default)
    {
        if (size > _total)
        {
            throw new KafkaException(ErrorCode.MessageTooLarge,
                $"Attempt to allocate {size} bytes, but there is a hard limit of {_total} on memory allocations (buffer.memory).");
        }

        lock (_lock)
        {
            if (_available < size)
            {
                WaitLocked(size, maxBlock, cancellationToken);
            }

            _available -= size;
        }

        try
        {
            return ArrayPool<byte>.Shared.Rent(size);
        }
        catch
        {
            Release(size);
            throw;
        }
    }

    public void Release(int size)
    {
        lock (_lock)
        {
            _available += size;
            if (_waiters > 0)
            {
                Monitor.PulseAll(_lock);
            }
        }
    }

    private void WaitLocked(int size, TimeSpan maxBlock, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        _waiters++;
        try
        {
            while (_available < size)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var left = maxBlock - Stopwatch.GetElapsedTime(start);
                if (left <= TimeSpan.Zero)
                {
                    throw new KafkaException(ErrorCode.RequestTimedOut,
                        $"Failed to allocate memory within the configured max blocking time {(long)maxBlock.TotalMilliseconds} ms.");
                }

                // Short slices so that cancellation is noticed.
                Monitor.Wait(_lock, left < TimeSpan.FromMilliseconds(100) ? left : TimeSpan.FromMilliseconds(100));
            }
        }
        finally
        {
            _waiters--;
        }
    }
}
