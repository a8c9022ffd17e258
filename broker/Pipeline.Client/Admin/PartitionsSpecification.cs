namespace Pipeline.Client.Admin;

/// <summary>Grow <see cref="Topic"/> to <see cref="IncreaseTo"/> partitions, optionally placing the new ones (one broker list per new partition).</summary>
public sealed record PartitionsSpecification(string Topic, int IncreaseTo, IReadOnlyList<IReadOnlyList<int>>? ReplicaAssignments = null);
