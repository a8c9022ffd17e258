using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>One worker's connectors and tasks while the assignor works (sorted, so every choice is deterministic).</summary>
internal sealed class WorkerLoad(string worker)
{
    public string Worker { get; } = worker;

    public SortedSet<string> Connectors { get; } = new(StringComparer.Ordinal);

    public SortedSet<ConnectorTaskId> Tasks { get; } = new(TaskIdComparer.Instance);

    public bool IsEmpty => Connectors.Count == 0 && Tasks.Count == 0;

    public ConnectorsAndTasks ToAssignment() => new(Connectors.ToList(), Tasks.ToList());
}
