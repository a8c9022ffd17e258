using System.Text.RegularExpressions;
using Pipeline.Protocol;

namespace Pipeline.Client.Consumer;

/// <summary>
/// A Kafka consumer (shaped like Confluent.Kafka's IConsumer). Partitions come from a group
/// subscription (<see cref="Subscribe(IEnumerable{string})"/>, <see cref="Subscribe(Regex)"/>) or
/// are assigned by hand (<see cref="Assign(IEnumerable{TopicPartitionOffset})"/>); records are
/// read with <see cref="Consume(TimeSpan)"/>. Rebalance handlers run inside Consume (and Close,
/// Unsubscribe). Like Kafka's consumer it is meant for one thread at a time; <see cref="Close"/>
/// and <see cref="IDisposable.Dispose"/> may come from another.
/// </summary>
public interface IConsumer<TKey, TValue> : IDisposable, IAsyncDisposable
{
    /// <summary>The client.id (generated when not configured).</summary>
    string Name { get; }

    /// <summary>The member id in the group ("" when not a member).</summary>
    string MemberId { get; }

    /// <summary>The partitions currently assigned.</summary>
    List<TopicPartition> Assignment { get; }

    /// <summary>The subscribed topics (for a pattern, the topics it currently matches).</summary>
    List<string> Subscription { get; }

    void Subscribe(IEnumerable<string> topics);

    void Subscribe(string topic);

    /// <summary>Subscribes to every topic matching <paramref name="pattern"/>, re-evaluated at each metadata refresh (metadata.max.age.ms).</summary>
    void Subscribe(Regex pattern);

    /// <summary>Leaves the group (revoking the assigned partitions) and drops the subscription.</summary>
    void Unsubscribe();

    /// <summary>Reads the given partitions without a group; each starts at the committed offset (or auto.offset.reset).</summary>
    void Assign(IEnumerable<TopicPartition> partitions);

    /// <summary>Reads the given partitions from the given offsets (or the special values of <see cref="Offset"/>).</summary>
    void Assign(IEnumerable<TopicPartitionOffset> partitions);

    void Assign(TopicPartition partition);

    void Unassign();

    /// <summary>The next record, or null when none arrived within <paramref name="timeout"/>. Joins and rebalances the group as needed.</summary>
    ConsumeResult<TKey, TValue>? Consume(TimeSpan timeout);

    ConsumeResult<TKey, TValue>? Consume(int millisecondsTimeout);

    /// <summary>Blocks until a record arrives; throws <see cref="OperationCanceledException"/> when cancelled.</summary>
    ConsumeResult<TKey, TValue> Consume(CancellationToken cancellationToken = default);

    /// <summary>The asynchronous form: a record, or null when <paramref name="timeout"/> passes first.</summary>
    ValueTask<ConsumeResult<TKey, TValue>?> ConsumeAsync(TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>Commits the stored offsets of the assigned partitions (by default each consumed record's next offset) and returns them.</summary>
    List<TopicPartitionOffset> Commit();

    /// <summary>Commits the given offsets (each the next offset to read).</summary>
    void Commit(IEnumerable<TopicPartitionOffset> offsets);

    /// <summary>Commits <c>result.Offset + 1</c>.</summary>
    void Commit(ConsumeResult<TKey, TValue> result);

    Task<List<TopicPartitionOffset>> CommitAsync(CancellationToken cancellationToken = default);

    Task CommitAsync(IEnumerable<TopicPartitionOffset> offsets, CancellationToken cancellationToken = default);

    /// <summary>Marks <c>result.Offset + 1</c> as the offset the next commit sends (with enable.auto.offset.store=false).</summary>
    void StoreOffset(ConsumeResult<TKey, TValue> result);

    void StoreOffset(TopicPartitionOffset offset);

    /// <summary>The group's committed offsets (<see cref="Offset.Unset"/> where none).</summary>
    List<TopicPartitionOffset> Committed(IEnumerable<TopicPartition> partitions, TimeSpan timeout);

    List<TopicPartitionOffset> Committed(TimeSpan timeout);

    /// <summary>The next offset Consume would return for an assigned partition, or <see cref="Offset.Unset"/> while it is being looked up.</summary>
    long Position(TopicPartition partition);

    /// <summary>Moves an assigned partition's position (an offset, or <see cref="Offset.Beginning"/>, <see cref="Offset.End"/>, <see cref="Offset.Stored"/>).</summary>
    void Seek(TopicPartitionOffset offset);

    void SeekToBeginning(IEnumerable<TopicPartition> partitions);

    void SeekToEnd(IEnumerable<TopicPartition> partitions);

    /// <summary>For each partition the earliest offset whose timestamp is at least the one given (<see cref="Offset.End"/> when there is none).</summary>
    List<TopicPartitionOffset> OffsetsForTimes(IEnumerable<TopicPartitionTimestamp> timestamps, TimeSpan timeout);

    /// <summary>The log start and high watermark last seen by the fetcher (no request).</summary>
    WatermarkOffsets GetWatermarkOffsets(TopicPartition partition);

    /// <summary>The log start and high watermark, asked of the partition's leader.</summary>
    WatermarkOffsets QueryWatermarkOffsets(TopicPartition partition, TimeSpan timeout);

    /// <summary>Stops returning (and fetching) records of the partitions until <see cref="Resume"/>; the assignment is kept.</summary>
    void Pause(IEnumerable<TopicPartition> partitions);

    void Resume(IEnumerable<TopicPartition> partitions);

    List<TopicPartition> Paused();

    /// <summary>Commits (enable.auto.commit), revokes the partitions, leaves the group and stops. Dispose does the same.</summary>
    void Close();

    /// <summary>The asynchronous form of <see cref="Close"/> (and of DisposeAsync), for callers that must not block a thread.</summary>
    Task CloseAsync();
}
