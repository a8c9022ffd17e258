using Pipeline.Protocol;

namespace Pipeline.Client.Metadata;

/// <summary>One partition in a metadata snapshot. <see cref="LeaderId"/> is -1 while there is no leader.</summary>
internal sealed record PartitionMetadata(
    int Partition,
    int LeaderId,
    int LeaderEpoch,
    IReadOnlyList<int> Replicas,
    IReadOnlyList<int> Isr,
    IReadOnlyList<int> OfflineReplicas,
    ErrorCode Error);
