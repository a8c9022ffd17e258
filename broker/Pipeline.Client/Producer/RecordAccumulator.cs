using System.Collections.Concurrent;
using System.Diagnostics;
using Pipeline.Protocol;
using Pipeline.Protocol.Records;

namespace Pipeline.Client.Producer;

/// <summary>
/// Per-partition queues of batches (Kafka's RecordAccumulator). User threads append; the sender
/// loop asks which nodes have a batch worth sending (<see cref="BatchDrainer"/>) and drains them.
/// A new batch reserves batch.size (or the record's size, if larger) from buffer.memory outside
/// the queue lock, because that may block.
/// </summary>
internal sealed class RecordAccumulator
{
    private readonly ConcurrentDictionary<TopicPartition, PartitionQueue> _queues = new();
    private readonly BufferMemory _memory;
    private readonly int _batchSize;
    private readonly TimeSpan _maxBlock;
    private long _incompleteRecords;
    private int _incompleteBatches;
    private volatile bool _closed;

    public RecordAccumulator(BufferMemory memory, int batchSize, TimeSpan maxBlock)
    {
        _memory = memory;
        _batchSize = Math.Max(batchSize, RecordBatchHeader.Size + 1);
        _maxBlock = maxBlock;
    }

    public BufferMemory Memory => _memory;

    /// <summary>Records appended and not yet completed (what Flush waits for).</summary>
    public long IncompleteRecords => Interlocked.Read(ref _incompleteRecords);

    public int IncompleteBatches => Volatile.Read(ref _incompleteBatches);

    public ICollection<PartitionQueue> Queues => _queues.Values;

    public void Close() => _closed = true;

    public AppendResult Append(TopicPartition tp, long timestamp, ReadOnlySpan<byte> key, bool keyIsNull, ReadOnlySpan<byte> value, bool valueIsNull,
        Headers? headers, object? callback, object? message, bool abortOnNewBatch, CancellationToken cancellationToken = default)
    {
        var queue = _queues.GetOrAdd(tp, static t => new PartitionQueue(t));
        lock (queue)
        {
            ThrowIfClosed();
            if (queue.Last is { } last && last.TryAppend(timestamp, key, keyIsNull, value, valueIsNull, headers, callback, message))
            {
                Interlocked.Increment(ref _incompleteRecords);
                return new AppendResult(true, false, queue.Count > 1 || last.IsFull);
            }
        }

        if (abortOnNewBatch)
        {
            return AppendResult.AbortedForNewBatch;
        }

        var recordSize = RecordBatchHeader.Size + RecordEncoding.MaxVarintSize * 6 + 10 + key.Length + value.Length + RecordEncoding.HeadersSize(headers);
        var reserve = Math.Max(_batchSize, recordSize);
        var buffer = _memory.Allocate(reserve, _maxBlock, cancellationToken);
        lock (queue)
        {
            try
            {
                ThrowIfClosed();
            }
            catch
            {
                _memory.Release(buffer, reserve);
                throw;
            }

            // Another thread may have made a batch while we waited for memory.
            if (queue.Last is { } last && last.TryAppend(timestamp, key, keyIsNull, value, valueIsNull, headers, callback, message))
            {
                _memory.Release(buffer, reserve);
                Interlocked.Increment(ref _incompleteRecords);
                return new AppendResult(true, false, queue.Count > 1 || last.IsFull);
            }

            var batch = new ProducerBatch(tp, buffer, reserve, _batchSize, Stopwatch.GetTimestamp());
            batch.TryAppend(timestamp, key, keyIsNull, value, valueIsNull, headers, callback, message);
            queue.AddLast(batch);
            Interlocked.Increment(ref _incompleteRecords);
            Interlocked.Increment(ref _incompleteBatches);
            return new AppendResult(true, true, queue.Count > 1 || batch.IsFull);
        }
    }

    /// <summary>Called by the sender when a batch is finished (delivered, failed or expired).</summary>
    public void Completed(ProducerBatch batch)
    {
        Interlocked.Add(ref _incompleteRecords, -batch.RecordCount);
        Interlocked.Decrement(ref _incompleteBatches);
        batch.Release(_memory);
    }

    private void ThrowIfClosed()
    {
        if (_closed)
        {
            throw new KafkaException(ErrorCode.UnknownServerError, "the producer is closed; no more records are accepted");
        }
    }
}
