using Pipeline.Protocol;
using Pipeline.Protocol.Primitives;
using Pipeline.Storage.Log;

namespace Pipeline.Broker.Partitions;

/// <summary>
/// A partition this broker leads: its log, leader epoch and the signal that wakes fetches
/// waiting for data. Appends are serialized by <see cref="_appendLock"/> so that validation
/// against producer state (later), offset assignment and the high watermark move together.
/// </summary>
public sealed class Partition
{
    private readonly object _appendLock = new();
    private TaskCompletionSource _dataArrived = NewSignal();

    public Partition(TopicPartition topicPartition, Uuid topicId, PartitionLog log, int leaderEpoch)
    {
        TopicPartition = topicPartition;
        TopicId = topicId;
        Log = log;
        LeaderEpoch = leaderEpoch;
    }

    public TopicPartition TopicPartition { get; }

    public Uuid TopicId { get; }

    public PartitionLog Log { get; }

    public int LeaderEpoch { get; set; }

    /// <summary>Last stable offset: the high watermark until transactions exist.</summary>
    public long LastStableOffset => Log.HighWatermark;

    /// <summary>Completes at the next append (a new task after each append).</summary>
    public Task DataArrived => Volatile.Read(ref _dataArrived).Task;

    public LogAppendInfo AppendAsLeader(Span<byte> batch)
    {
        LogAppendInfo info;
        lock (_appendLock)
        {
            info = Log.AppendAsLeader(batch, LeaderEpoch);

            // Single replica: everything appended is on the whole ISR.
            Log.UpdateHighWatermark(Log.LogEndOffset);
        }

        Interlocked.Exchange(ref _dataArrived, NewSignal()).TrySetResult();
        return info;
    }

    /// <summary>Wakes waiting fetches without an append (deletion, shutdown).</summary>
    public void Wake() => Interlocked.Exchange(ref _dataArrived, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
