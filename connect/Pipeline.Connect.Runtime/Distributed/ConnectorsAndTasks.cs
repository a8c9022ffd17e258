using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>A set of connector instances and tasks (a worker's load, a revocation, the configured work).</summary>
public sealed record ConnectorsAndTasks(IReadOnlyList<string> Connectors, IReadOnlyList<ConnectorTaskId> Tasks)
{
    public static ConnectorsAndTasks Empty { get; } = new([], []);

    public bool IsEmpty => Connectors.Count == 0 && Tasks.Count == 0;

    public int Count => Connectors.Count + Tasks.Count;

    public override string ToString() =>
        $"connectors [{string.Join(", ", Connectors)}], tasks [{string.Join(", ", Tasks)}]";
}
