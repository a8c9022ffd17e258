using Pipeline.Protocol;

namespace Pipeline.Client.Consumer;

/// <summary>A partition and a timestamp to look up with <c>OffsetsForTimes</c>.</summary>
public readonly record struct TopicPartitionTimestamp(TopicPartition TopicPartition, Timestamp Timestamp)
{
    public TopicPartitionTimestamp(string topic, int partition, Timestamp timestamp)
        : this(new TopicPartition(topic, partition), timestamp)
    {
    }
}
