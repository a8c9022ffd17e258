using Pipeline.Protocol;

namespace Pipeline.Client;

/// <summary>A position in a partition: the next offset to read, or where a record was written.</summary>
public readonly record struct TopicPartitionOffset(string Topic, int Partition, long Offset, int LeaderEpoch = -1)
{
    public TopicPartitionOffset(TopicPartition topicPartition, long offset, int leaderEpoch = -1)
        : this(topicPartition.Topic, topicPartition.Partition, offset, leaderEpoch)
    {
    }

    public TopicPartition TopicPartition => new(Topic, Partition);

    public override string ToString() => $"{Topic}-{Partition}@{Offset}";
}
