using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>
/// An immutable snapshot of the config topic as read up to <see cref="Offset"/> (Kafka's
/// ClusterConfigState): connector configs, target states and the committed task configs. Task
/// configs of a connector become visible only when their commit record has been read; a commit
/// whose task records were incomplete leaves the connector <see cref="Inconsistent"/> (its previous
/// tasks stay).
/// </summary>
public sealed class ClusterConfigState
{
    public static ClusterConfigState Empty { get; } = new(
        -1,
        new Dictionary<string, IReadOnlyDictionary<string, string>>(),
        new Dictionary<string, TargetState>(),
        new Dictionary<ConnectorTaskId, IReadOnlyDictionary<string, string>>(),
        new Dictionary<string, int>(),
        new HashSet<string>(),
        null);

    public ClusterConfigState(
        long offset,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> connectorConfigs,
        IReadOnlyDictionary<string, TargetState> targetStates,
        IReadOnlyDictionary<ConnectorTaskId, IReadOnlyDictionary<string, string>> taskConfigs,
        IReadOnlyDictionary<string, int> taskCounts,
        IReadOnlySet<string> inconsistent,
        SessionKey? sessionKey)
    {
        Offset = offset;
        ConnectorConfigs = connectorConfigs;
        TargetStates = targetStates;
        TaskConfigs = taskConfigs;
        TaskCounts = taskCounts;
        Inconsistent = inconsistent;
        SessionKey = sessionKey;
    }

    /// <summary>The offset after the last record applied (-1 before any).</summary>
    public long Offset { get; }

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ConnectorConfigs { get; }

    public IReadOnlyDictionary<string, TargetState> TargetStates { get; }

    public IReadOnlyDictionary<ConnectorTaskId, IReadOnlyDictionary<string, string>> TaskConfigs { get; }

    public IReadOnlyDictionary<string, int> TaskCounts { get; }

    public IReadOnlySet<string> Inconsistent { get; }

    public SessionKey? SessionKey { get; }

    /// <summary>The configured connectors, sorted ordinally.</summary>
    public IReadOnlyList<string> Connectors
    {
        get
        {
            var names = ConnectorConfigs.Keys.ToList();
            names.Sort(StringComparer.Ordinal);
            return names;
        }
    }

    public bool Contains(string connector) => ConnectorConfigs.ContainsKey(connector);

    public IReadOnlyDictionary<string, string>? ConnectorConfig(string connector) =>
        ConnectorConfigs.TryGetValue(connector, out var config) ? config : null;

    /// <summary>The target state (STARTED when none was written, as in Kafka).</summary>
    public TargetState TargetState(string connector) =>
        TargetStates.TryGetValue(connector, out var state) ? state : Herder.TargetState.Started;

    public int TaskCount(string connector) => TaskCounts.TryGetValue(connector, out var count) ? count : 0;

    /// <summary>The committed tasks of a connector, in task order (none while inconsistent or never committed).</summary>
    public IReadOnlyList<ConnectorTaskId> Tasks(string connector)
    {
        if (Inconsistent.Contains(connector) || !ConnectorConfigs.ContainsKey(connector))
        {
            return [];
        }

        var count = TaskCount(connector);
        var tasks = new ConnectorTaskId[count];
        for (var i = 0; i < count; i++)
        {
            tasks[i] = new ConnectorTaskId(connector, i);
        }

        return tasks;
    }

    public IReadOnlyDictionary<string, string>? TaskConfig(ConnectorTaskId id) =>
        TaskConfigs.TryGetValue(id, out var config) ? config : null;

    /// <summary>Every configured connector's committed tasks, connectors in sorted order.</summary>
    public IReadOnlyList<ConnectorTaskId> AllTasks()
    {
        var all = new List<ConnectorTaskId>();
        foreach (var connector in Connectors)
        {
            all.AddRange(Tasks(connector));
        }

        return all;
    }
}
