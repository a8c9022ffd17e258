using Pipeline.Connect.Runtime.Herder;
using Pipeline.Connect.Runtime.Rest.Entities;
using Pipeline.Connect.Runtime.Worker;

namespace Pipeline.Connect.Runtime.Standalone;

/// <summary>
/// The standalone worker's connector and task states and active topics, kept in memory from the
/// worker's <see cref="IStatusListener"/> calls (which come from task threads: everything locks).
/// </summary>
public sealed class StandaloneStatusStore(string workerId) : IStatusListener
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (string State, string? Trace)> _connectors = new(StringComparer.Ordinal);
    private readonly Dictionary<ConnectorTaskId, (string State, string? Trace)> _tasks = [];
    private readonly Dictionary<string, SortedSet<string>> _topics = new(StringComparer.Ordinal);

    public string WorkerId { get; } = workerId;

    public ConnectorState Connector(string name)
    {
        lock (_lock)
        {
            return _connectors.TryGetValue(name, out var s)
                ? new ConnectorState(s.State, WorkerId, s.Trace)
                : new ConnectorState(StateNames.Unassigned, WorkerId);
        }
    }

    public TaskState Task(ConnectorTaskId id)
    {
        lock (_lock)
        {
            return _tasks.TryGetValue(id, out var s)
                ? new TaskState(id.Task, s.State, WorkerId, s.Trace)
                : new TaskState(id.Task, StateNames.Unassigned, WorkerId);
        }
    }

    public IReadOnlyList<string> ActiveTopics(string connector)
    {
        lock (_lock)
        {
            return _topics.TryGetValue(connector, out var set) ? [.. set] : [];
        }
    }

    public void ResetActiveTopics(string connector)
    {
        lock (_lock)
        {
            _topics.Remove(connector);
        }
    }

    /// <summary>Forgets a deleted connector and its tasks.</summary>
    public void Remove(string connector)
    {
        lock (_lock)
        {
            _connectors.Remove(connector);
            _topics.Remove(connector);
            foreach (var id in _tasks.Keys.Where(k => k.Connector == connector).ToList())
            {
                _tasks.Remove(id);
            }
        }
    }

    /// <summary>Forgets tasks that no longer exist (after a reconfiguration or a stop).</summary>
    public void RemoveTasks(IEnumerable<ConnectorTaskId> ids)
    {
        lock (_lock)
        {
            foreach (var id in ids)
            {
                _tasks.Remove(id);
            }
        }
    }

    public void OnConnectorStartup(string connector) => SetConnector(connector, StateNames.Running);

    public void OnConnectorRunning(string connector) => SetConnector(connector, StateNames.Running);

    public void OnConnectorPause(string connector) => SetConnector(connector, StateNames.Paused);

    public void OnConnectorStopped(string connector) => SetConnector(connector, StateNames.Stopped);

    public void OnConnectorFailure(string connector, string trace) => SetConnector(connector, StateNames.Failed, trace);

    public void OnConnectorShutdown(string connector) => SetConnector(connector, StateNames.Unassigned);

    public void OnTaskStartup(ConnectorTaskId id) => SetTask(id, StateNames.Running);

    public void OnTaskRunning(ConnectorTaskId id) => SetTask(id, StateNames.Running);

    public void OnTaskPause(ConnectorTaskId id) => SetTask(id, StateNames.Paused);

    public void OnTaskFailure(ConnectorTaskId id, string trace) => SetTask(id, StateNames.Failed, trace);

    public void OnTaskShutdown(ConnectorTaskId id) => SetTask(id, StateNames.Unassigned);

    public void OnTopicActive(string connector, string topic)
    {
        lock (_lock)
        {
            if (!_topics.TryGetValue(connector, out var set))
            {
                set = new SortedSet<string>(StringComparer.Ordinal);
                _topics[connector] = set;
            }

            set.Add(topic);
        }
    }

    private void SetConnector(string connector, string state, string? trace = null)
    {
        lock (_lock)
        {
            _connectors[connector] = (state, trace);
        }
    }

    private void SetTask(ConnectorTaskId id, string state, string? trace = null)
    {
        lock (_lock)
        {
            _tasks[id] = (state, trace);
        }
    }
}
