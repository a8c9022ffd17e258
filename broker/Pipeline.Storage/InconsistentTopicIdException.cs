using Pipeline.Protocol;
using Pipeline.Protocol.Primitives;

namespace Pipeline.Storage;

/// <summary>The partition directory belongs to another incarnation of the topic (Kafka's INCONSISTENT_TOPIC_ID).</summary>
public sealed class InconsistentTopicIdException(TopicPartition tp, Uuid existing, Uuid requested)
    : Exception($"{tp} has topic id {existing} on disk, not {requested}")
{
    public TopicPartition TopicPartition { get; } = tp;
}
