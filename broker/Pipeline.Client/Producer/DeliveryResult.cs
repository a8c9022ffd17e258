using Pipeline.Protocol;

namespace Pipeline.Client.Producer;

/// <summary>Where a produced record went: topic, partition, offset (-1 when unknown, e.g. acks=0) and its timestamp.</summary>
public class DeliveryResult<TKey, TValue>
{
    public string Topic { get; init; } = "";

    public int Partition { get; init; } = -1;

    public long Offset { get; init; } = -1;

    public Message<TKey, TValue> Message { get; init; } = null!;

    /// <summary>The record's create time, or the broker's append time when the topic uses LogAppendTime.</summary>
    public Timestamp Timestamp { get; init; }

    public PersistenceStatus Status { get; init; }

    public TopicPartition TopicPartition => new(Topic, Partition);

    public TopicPartitionOffset TopicPartitionOffset => new(Topic, Partition, Offset);

    public TKey Key => Message.Key;

    public TValue Value => Message.Value;

    public Headers? Headers => Message.Headers;
}
