using System.Buffers;
using System.Diagnostics;
using Pipeline.Protocol;

namespace Pipeline.Client.Producer;

/// <summary>
/// buffer.memory (Kafka's BufferPool): the bytes all unsent and unacknowledged batches may hold.
/// Batch buffers of exactly batch.size are recycled through a free list, so a producer in steady
/// state allocates no buffers at all; other sizes (a record larger than batch.size) are rented
/// from <see cref="ArrayPool{T}.Shared"/>. A new batch blocks up to max.block.ms while memory is
/// exhausted; the sender gives buffers back when batches complete. Thread-safe.
/// <para>Accounting: total = unallocated bytes + free-list bytes + bytes held by batches.</para>
/// </summary>
internal sealed class BufferMemory
{
    private readonly object _lock = new();
    private readonly Stack<byte[]> _free = new();
    private readonly long _total;
    private readonly int _poolableSize;
    private long _unallocated;
    private long _freshBytes;
    private int _waiters;

    public BufferMemory(long total, int poolableSize = 16384)
    {
        _total = total;
        _poolableSize = poolableSize;
        _unallocated = total;
    }

    public long Total => _total;

    public int PoolableSize => _poolableSize;

    /// <summary>Bytes a new batch could take now (unallocated plus pooled).</summary>
    public long Available
    {
        get
        {
            lock (_lock)
            {
                return _unallocated + ((long)_free.Count * _poolableSize);
            }
        }
    }

    /// <summary>Bytes of new batch.size buffers allocated so far (those not served from the free list).</summary>
    public long FreshBufferBytes => Interlocked.Read(ref _freshBytes);

    /// <summary>True while an append waits for memory: the sender then sends batches without lingering.</summary>
    public bool HasWaiters => Volatile.Read(ref _waiters) > 0;

    /// <summary>A buffer of at least <paramref name="size"/> bytes (exactly, for the poolable size), reserving that much.</summary>
    public byte[] Allocate(int size, TimeSpan maxBlock, CancellationToken cancellationToken = default)
    {
        if (size > _total)
        {
            throw new KafkaException(ErrorCode.MessageTooLarge,
                $"Attempt to allocate {size} bytes, but there is a hard limit of {_total} on memory allocations (buffer.memory).");
        }

        lock (_lock)
        {
            if (size == _poolableSize && _free.TryPop(out var pooled))
            {
                return pooled;
            }

            if (_unallocated + ((long)_free.Count * _poolableSize) < size)
            {
                WaitLocked(size, maxBlock, cancellationToken);
                if (size == _poolableSize && _free.TryPop(out pooled))
                {
                    return pooled;
                }
            }

            // Turn pooled buffers back into unallocated memory until the request fits.
            while (_unallocated < size && _free.TryPop(out _))
            {
                _unallocated += _poolableSize;
            }

            _unallocated -= size;
        }

        try
        {
            if (size != _poolableSize)
            {
                return ArrayPool<byte>.Shared.Rent(size);
            }

            Interlocked.Add(ref _freshBytes, size);
            return GC.AllocateUninitializedArray<byte>(size);
        }
        catch
        {
            Release(null, size);
            throw;
        }
    }

    /// <summary>
    /// Gives back the reservation of <paramref name="size"/> bytes and its buffer: a poolable one
    /// joins the free list, a rented one goes back to the array pool (null = the buffer was dropped).
    /// </summary>
    public void Release(byte[]? buffer, int size)
    {
        lock (_lock)
        {
            if (buffer is not null && size == _poolableSize && buffer.Length == _poolableSize)
            {
                _free.Push(buffer);
            }
            else
            {
                _unallocated += size;
                if (buffer is not null)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }

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
            while (_unallocated + ((long)_free.Count * _poolableSize) < size)
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
