using Pipeline.Protocol.Primitives;

namespace Pipeline.Client.Admin;

/// <summary>The outcome of creating one topic, with what the broker chose (CreateTopics v5+; -1 before).</summary>
public sealed record CreateTopicReport(
    string Topic,
    KafkaError Error,
    Uuid TopicId,
    int NumPartitions,
    short ReplicationFactor,
    IReadOnlyDictionary<string, string?> Configs) : IAdminResult;
