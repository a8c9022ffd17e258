namespace Pipeline.Client.Admin;

/// <summary>A topic to create. -1 partitions or replication factor take the broker's defaults (KIP-464).</summary>
public sealed record TopicSpecification
{
    public required string Name { get; init; }

    public int NumPartitions { get; init; } = -1;

    public short ReplicationFactor { get; init; } = -1;

    /// <summary>Topic configs (cleanup.policy, retention.ms, ...).</summary>
    public IReadOnlyDictionary<string, string>? Configs { get; init; }

    /// <summary>Manual placement: partition -> broker ids (then partitions and replication factor stay -1).</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<int>>? ReplicasAssignments { get; init; }
}
