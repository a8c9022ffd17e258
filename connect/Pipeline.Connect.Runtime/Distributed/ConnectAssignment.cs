using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>
/// What the leader hands one worker in SyncGroup (Kafka's ExtendedAssignment). Under the
/// incremental protocols <see cref="Connectors"/>/<see cref="Tasks"/> are only what is newly
/// assigned; the worker keeps what it had minus <see cref="RevokedConnectors"/>/<see cref="RevokedTasks"/>.
/// <see cref="Delay"/> (ms) is how long until the leader wants a follow-up rebalance (a departed
/// worker's work is being held for it).
/// </summary>
public sealed record ConnectAssignment(
    ConnectProtocolCompatibility Version,
    short Error,
    string Leader,
    string LeaderUrl,
    long ConfigOffset,
    IReadOnlyList<string> Connectors,
    IReadOnlyList<ConnectorTaskId> Tasks,
    IReadOnlyList<string> RevokedConnectors,
    IReadOnlyList<ConnectorTaskId> RevokedTasks,
    int Delay)
{
    /// <summary>The leader could not assign because configs diverged; read to the end and rejoin.</summary>
    public const short ConfigMismatch = 1;

    public const short NoError = 0;

    public bool Failed => Error != NoError;

    public bool IsEmpty => Connectors.Count == 0 && Tasks.Count == 0 && RevokedConnectors.Count == 0 && RevokedTasks.Count == 0;
}
