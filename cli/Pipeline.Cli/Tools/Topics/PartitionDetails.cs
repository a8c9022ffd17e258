namespace Pipeline.Cli.Tools.Topics;

/// <summary>One partition of <c>topics describe</c>; Leader is null when it has none, offsets are -1 when unknown.</summary>
public sealed record PartitionDetails(
    int Partition,
    int? Leader,
    int LeaderEpoch,
    IReadOnlyList<int> Replicas,
    IReadOnlyList<int> Isr,
    IReadOnlyList<int> OfflineReplicas,
    long LogStartOffset,
    long LogEndOffset);
