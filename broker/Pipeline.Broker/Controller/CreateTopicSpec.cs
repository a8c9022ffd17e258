using Pipeline.Protocol.Primitives;

namespace Pipeline.Broker.Controller;

/// <summary>A topic to create: -1 partitions / replication factor mean the broker defaults.</summary>
public sealed record CreateTopicSpec(
    string Name,
    int NumPartitions,
    short ReplicationFactor,
    IReadOnlyDictionary<string, string?> Configs,
    IReadOnlyDictionary<int, IReadOnlyList<int>>? Assignments = null,
    Uuid? TopicId = null);
