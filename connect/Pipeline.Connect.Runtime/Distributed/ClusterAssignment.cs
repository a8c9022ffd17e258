namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>
/// The leader's decision for one rebalance, per member id: what each member newly gets, what it
/// must give up, and everything it holds afterwards; plus the delay (ms) before the follow-up
/// rebalance the leader wants (0: none).
/// </summary>
public sealed record ClusterAssignment(
    IReadOnlyDictionary<string, ConnectorsAndTasks> Assigned,
    IReadOnlyDictionary<string, ConnectorsAndTasks> Revoked,
    IReadOnlyDictionary<string, ConnectorsAndTasks> Held,
    int Delay);
