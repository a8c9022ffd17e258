using Pipeline.Protocol;

namespace Pipeline.Client.Consumer;

/// <summary>
/// One record returned by <c>Consume</c> (Confluent's shape): where it was read and the message.
/// With enable.partition.eof, a result with <see cref="IsPartitionEOF"/> and no message marks the
/// end of a partition.
/// </summary>
public sealed class ConsumeResult<TKey, TValue>
{
    public string Topic { get; init; } = "";

    public int Partition { get; init; }

    public long Offset { get; init; }

    /// <summary>The leader epoch of the batch the record came in (-1 when the broker did not set one).</summary>
    public int LeaderEpoch { get; init; } = -1;

    public Message<TKey, TValue>? Message { get; init; }

    public bool IsPartitionEOF { get; init; }

    public TopicPartition TopicPartition => new(Topic, Partition);

    public TopicPartitionOffset TopicPartitionOffset => new(Topic, Partition, Offset, LeaderEpoch);

    public override string ToString() => $"{Topic}-{Partition}@{Offset}";
}
