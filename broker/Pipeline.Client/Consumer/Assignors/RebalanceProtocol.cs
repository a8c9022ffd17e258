namespace Pipeline.Client.Consumer.Assignors;

/// <summary>How partitions change hands in a rebalance (KIP-429).</summary>
public enum RebalanceProtocol
{
    /// <summary>Every member gives up all its partitions before it rejoins, then gets a fresh set.</summary>
    Eager,

    /// <summary>
    /// Members keep their partitions while rejoining; a partition that moves is first revoked by its
    /// owner (which then rejoins) and only assigned to its new owner in the following rebalance.
    /// </summary>
    Cooperative,
}
