namespace Pipeline.Client.Consumer.Assignors;

/// <summary>The built-in assignors by protocol name, and the rebalance protocol a set of assignors implies.</summary>
public static class PartitionAssignors
{
    public static IConsumerPartitionAssignor? BuiltIn(string name) => name switch
    {
        RangeAssignor.AssignorName => new RangeAssignor(),
        RoundRobinAssignor.AssignorName => new RoundRobinAssignor(),
        StickyAssignor.AssignorName => new StickyAssignor(),
        CooperativeStickyAssignor.AssignorName => new CooperativeStickyAssignor(),
        _ => null,
    };

    /// <summary>
    /// Kafka's rule: the most advanced protocol every configured assignor supports. With the
    /// default "range,cooperative-sticky" that is eager, so a group can be upgraded member by member.
    /// </summary>
    public static RebalanceProtocol CommonProtocol(IReadOnlyList<IConsumerPartitionAssignor> assignors) =>
        assignors.Count > 0 && assignors.All(a => a.SupportedProtocols.Contains(RebalanceProtocol.Cooperative))
            ? RebalanceProtocol.Cooperative
            : RebalanceProtocol.Eager;
}
