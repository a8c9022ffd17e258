using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>Orders task ids by connector name (ordinal), then task number: the assignor's deterministic order.</summary>
public sealed class TaskIdComparer : IComparer<ConnectorTaskId>
{
    public static TaskIdComparer Instance { get; } = new();

    public int Compare(ConnectorTaskId? x, ConnectorTaskId? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        var byName = string.CompareOrdinal(x.Connector, y.Connector);
        return byName != 0 ? byName : x.Task.CompareTo(y.Task);
    }
}
