using Pipeline.Connect.Api.Connectors;

namespace Pipeline.Connect.Api.Sink;

/// <summary>
/// Writes records of its assigned partitions to an outside system. The runtime calls
/// <see cref="PutAsync"/> with batches in offset order per partition, then, every
/// <c>offset.flush.interval.ms</c>, <see cref="PreCommitAsync"/>; the offsets it returns are
/// committed to the consumer group, so a sink that flushes there gets at-least-once delivery.
/// </summary>
public abstract class SinkTask : ITask
{
    private ISinkTaskContext? _context;

    /// <summary>The context given by <see cref="Initialize"/>.</summary>
    protected ISinkTaskContext Context => _context ?? throw new InvalidOperationException("the task was not initialized");

    /// <inheritdoc/>
    public abstract string Version { get; }

    /// <summary>Called once before <see cref="Start"/>.</summary>
    public virtual void Initialize(ISinkTaskContext context) => _context = context;

    /// <inheritdoc/>
    public abstract void Start(IReadOnlyDictionary<string, string> props);

    /// <summary>
    /// Takes a batch of records (possibly empty). Writing may be buffered until
    /// <see cref="FlushAsync"/>. Throw <see cref="Errors.RetriableException"/> to get the same batch
    /// again later; any other exception fails the task.
    /// </summary>
    public abstract ValueTask PutAsync(IReadOnlyList<SinkRecord> records, CancellationToken cancellationToken);

    /// <summary>Makes everything put so far durable. <paramref name="currentOffsets"/> are the next offsets to read per partition.</summary>
    public virtual ValueTask FlushAsync(IReadOnlyDictionary<TopicPartition, long> currentOffsets, CancellationToken cancellationToken) => default;

    /// <summary>
    /// Before an offset commit: flushes and returns the offsets safe to commit (the default
    /// flushes and returns <paramref name="currentOffsets"/>). Return fewer partitions or lower
    /// offsets to commit less.
    /// </summary>
    public virtual async ValueTask<IReadOnlyDictionary<TopicPartition, long>> PreCommitAsync(IReadOnlyDictionary<TopicPartition, long> currentOffsets, CancellationToken cancellationToken)
    {
        await FlushAsync(currentOffsets, cancellationToken).ConfigureAwait(false);
        return currentOffsets;
    }

    /// <summary>Partitions were assigned to the task (after a rebalance).</summary>
    public virtual void Open(IReadOnlyCollection<TopicPartition> partitions)
    {
    }

    /// <summary>Partitions were taken away; write out what is buffered for them.</summary>
    public virtual void Close(IReadOnlyCollection<TopicPartition> partitions)
    {
    }

    /// <inheritdoc/>
    public abstract void Stop();
}
