using Pipeline.Broker.Coordinators.Runtime;
using Pipeline.Protocol;
using Pipeline.Protocol.Records;

namespace Pipeline.Broker.Tests.Coordinators.Runtime;

/// <summary>
/// A coordinator log in memory: appends assign offsets like a partition, flushes complete at once
/// (<see cref="AutoFlush"/>) or when the test says (<see cref="CompleteFlushes"/>), and the next
/// append or flush can be made to fail. Used from the test thread only.
/// </summary>
internal sealed class InMemoryCoordinatorLog : ICoordinatorLog
{
    private readonly List<(long Base, byte[] Batch)> _batches = [];
    private readonly List<(long UpTo, TaskCompletionSource Done)> _flushes = [];

    public string Name { get; init; } = "__consumer_offsets-0";

    public long LogStartOffset => 0;

    public long LogEndOffset { get; private set; }

    public long FlushedOffset { get; private set; }

    public bool AutoFlush { get; set; } = true;

    public ErrorCode? FailNextAppend { get; set; }

    public Exception? FailNextFlush { get; set; }

    public int AppendCount { get; private set; }

    public int PendingFlushes => _flushes.Count;

    public CoordinatorAppendResult Append(Span<byte> batch)
    {
        if (FailNextAppend is { } error)
        {
            FailNextAppend = null;
            return CoordinatorAppendResult.Failed(error);
        }

        var offset = LogEndOffset;
        RecordBatchHeader.SetBaseOffset(batch, offset);
        var header = new RecordBatchHeader(batch);
        _batches.Add((offset, batch.ToArray()));
        LogEndOffset = header.NextOffset;
        AppendCount++;
        return new CoordinatorAppendResult(ErrorCode.None, offset, header.LastOffset);
    }

    public ValueTask FlushAsync(long upToOffset)
    {
        if (FailNextFlush is { } failure)
        {
            FailNextFlush = null;
            return ValueTask.FromException(failure);
        }

        if (AutoFlush || upToOffset <= FlushedOffset)
        {
            FlushedOffset = Math.Max(FlushedOffset, Math.Min(upToOffset, LogEndOffset));
            return ValueTask.CompletedTask;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _flushes.Add((upToOffset, done));
        return new ValueTask(done.Task);
    }

    /// <summary>Makes everything appended so far durable and completes the waiting flushes.</summary>
    public void CompleteFlushes()
    {
        FlushedOffset = LogEndOffset;
        var waiting = _flushes.ToList();
        _flushes.Clear();
        foreach (var (_, done) in waiting)
        {
            done.SetResult();
        }
    }

    public ReadOnlyMemory<byte> Read(long offset, int maxBytes)
    {
        var output = new List<byte>();
        foreach (var (b, batch) in _batches)
        {
            var last = new RecordBatchHeader(batch).LastOffset;
            if (last < offset)
            {
                continue;
            }

            if (output.Count > 0 && output.Count + batch.Length > maxBytes)
            {
                break;
            }

            output.AddRange(batch);
        }

        return output.ToArray();
    }

    /// <summary>Every record appended: offset, key and value (null for a tombstone).</summary>
    public List<(long Offset, byte[] Key, byte[]? Value)> Records()
    {
        var list = new List<(long, byte[], byte[]?)>();
        using var reader = new RecordBatchReader();
        foreach (var (_, batch) in _batches)
        {
            foreach (var r in reader.Records(batch))
            {
                list.Add((r.Offset, r.Key.ToArray(), r.ValueIsNull ? null : r.Value.ToArray()));
            }
        }

        return list;
    }

    /// <summary>Keeps only the first <paramref name="count"/> batches (a crash that lost the rest).</summary>
    public void TruncateBatches(int count)
    {
        _batches.RemoveRange(count, _batches.Count - count);
        LogEndOffset = _batches.Count == 0 ? 0 : new RecordBatchHeader(_batches[^1].Batch).NextOffset;
        FlushedOffset = Math.Min(FlushedOffset, LogEndOffset);
    }

    public int BatchCount => _batches.Count;
}
