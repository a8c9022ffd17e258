using Pipeline.Client.Metadata;

namespace Pipeline.Client.Admin;

/// <summary>One partition of a described topic. <see cref="Leader"/> is null when it has none.</summary>
public sealed record TopicPartitionInfo(
    int Partition,
    BrokerNode? Leader,
    int LeaderEpoch,
    IReadOnlyList<BrokerNode> Replicas,
    IReadOnlyList<BrokerNode> Isr,
    IReadOnlyList<BrokerNode> OfflineReplicas);
