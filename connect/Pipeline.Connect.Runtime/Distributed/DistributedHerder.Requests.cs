using System.Text;
using Pipeline.Connect.Runtime.Herder;
using Pipeline.Connect.Runtime.Rest.Entities;

namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>The REST side (<see cref="IHerder"/>): reads from the caught-up snapshots, writes through the config topic (leader only).</summary>
public sealed partial class DistributedHerder
{
    public Task<IReadOnlyList<string>> ConnectorsAsync(CancellationToken cancellationToken) =>
        Task.FromResult(_configs.Snapshot().Connectors);

    public Task<ConnectorInfo> ConnectorInfoAsync(string connector, CancellationToken cancellationToken)
    {
        var snapshot = _configs.Snapshot();
        var config = snapshot.ConnectorConfig(connector) ?? throw NotFound(connector);
        return Task.FromResult(new ConnectorInfo(connector, config, snapshot.Tasks(connector), _worker.ConnectorTypeOf(config)));
    }

    public Task<IReadOnlyDictionary<string, string>> ConnectorConfigAsync(string connector, CancellationToken cancellationToken) =>
        Task.FromResult(_configs.Snapshot().ConnectorConfig(connector) ?? throw NotFound(connector));

    public async Task<PutConnectorResult> PutConnectorConfigAsync(string connector, IReadOnlyDictionary<string, string> config, bool allowReplace, TargetState? initialState, CancellationToken cancellationToken)
    {
        RequireLeader("Only the leader can set connector configs.");
        var validation = await _worker.ValidateConnectorConfigAsync(config, cancellationToken).ConfigureAwait(false);
        if (validation.ErrorCount > 0)
        {
            throw ConnectRestException.BadRequest(InvalidConfigMessage(validation));
        }

        var exists = _configs.Snapshot().Contains(connector);
        if (exists && !allowReplace)
        {
            throw ConnectRestException.Conflict($"Connector {connector} already exists");
        }

        await _configs.PutConnectorConfigAsync(connector, config, exists ? null : initialState, cancellationToken).ConfigureAwait(false);
        var snapshot = _configs.Snapshot();
        var info = new ConnectorInfo(connector, snapshot.ConnectorConfig(connector) ?? config, snapshot.Tasks(connector), _worker.ConnectorTypeOf(config));
        return new PutConnectorResult(!exists, info);
    }

    public async Task DeleteConnectorAsync(string connector, CancellationToken cancellationToken)
    {
        RequireLeader("Only the leader can delete connectors.");
        RequireConnector(connector);
        await _configs.RemoveConnectorConfigAsync(connector, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Leader only: stores the task configs a connector generated on the worker running it (Kafka's
    /// internal <c>POST /connectors/{c}/tasks</c>; the REST layer maps that route here).
    /// </summary>
    public async Task PutTaskConfigsAsync(string connector, IReadOnlyList<IReadOnlyDictionary<string, string>> taskConfigs, CancellationToken cancellationToken)
    {
        RequireLeader("Only the leader may write task configurations.");
        RequireConnector(connector);
        await _configs.PutTaskConfigsAsync(connector, taskConfigs, cancellationToken).ConfigureAwait(false);
    }

    public Task<ConnectorStateInfo> ConnectorStatusAsync(string connector, CancellationToken cancellationToken)
    {
        var snapshot = _configs.Snapshot();
        var config = snapshot.ConnectorConfig(connector) ?? throw NotFound(connector);
        var status = _statuses.Get(connector) ?? throw ConnectRestException.NotFound($"No status found for connector {connector}");
        return Task.FromResult(new ConnectorStateInfo(
            connector,
            new ConnectorState(status.State, status.WorkerId, status.Trace),
            TaskStates(snapshot, connector),
            _worker.ConnectorTypeOf(config)));
    }

    public Task<TaskState> TaskStatusAsync(ConnectorTaskId id, CancellationToken cancellationToken)
    {
        RequireConnector(id.Connector);
        var status = _statuses.Get(id) ?? throw ConnectRestException.NotFound($"No status found for task {id}");
        return Task.FromResult(new TaskState(id.Task, status.State, status.WorkerId, status.Trace));
    }

    public Task<IReadOnlyList<TaskInfo>> TaskConfigsAsync(string connector, CancellationToken cancellationToken)
    {
        var snapshot = _configs.Snapshot();
        RequireConnector(connector);
        IReadOnlyList<TaskInfo> tasks = snapshot.Tasks(connector)
            .Select(id => new TaskInfo(id, snapshot.TaskConfig(id) ?? new Dictionary<string, string>()))
            .ToList();
        return Task.FromResult(tasks);
    }

    public async Task<ConnectorStateInfo?> RestartConnectorAsync(string connector, bool includeTasks, bool onlyFailed, CancellationToken cancellationToken)
    {
        RequireLeader("Only the leader can restart connectors.");
        var snapshot = _configs.Snapshot();
        var config = snapshot.ConnectorConfig(connector) ?? throw NotFound(connector);
        var status = _statuses.Get(connector);
        if (includeTasks && status is null)
        {
            throw ConnectRestException.NotFound($"Status for connector {connector} not found");
        }

        ConnectorStateInfo? plan = null;
        if (includeTasks || onlyFailed)
        {
            var connectorState = status is null ? StateNames.Unassigned : ShouldRestart(status, onlyFailed) ? StateNames.Restarting : status.State;
            var tasks = includeTasks
                ? TaskStates(snapshot, connector).Select(t => ShouldRestart(new StatusRecord(t.State, t.Trace, t.WorkerId, 0), onlyFailed) ? t with { State = StateNames.Restarting, Trace = null } : t).ToList()
                : TaskStates(snapshot, connector);
            plan = new ConnectorStateInfo(connector, new ConnectorState(connectorState, status?.WorkerId ?? "", connectorState == StateNames.Restarting ? null : status?.Trace), tasks, _worker.ConnectorTypeOf(config));
        }

        await _configs.PutRestartRequestAsync(new RestartRequest(connector, onlyFailed, includeTasks), cancellationToken).ConfigureAwait(false);
        return includeTasks ? plan : null;
    }

    public async Task RestartTaskAsync(ConnectorTaskId id, CancellationToken cancellationToken)
    {
        var snapshot = _configs.Snapshot();
        RequireConnector(id.Connector);
        if (snapshot.TaskConfig(id) is null || !snapshot.Tasks(id.Connector).Contains(id))
        {
            throw ConnectRestException.NotFound($"Task {id} not found");
        }

        // The worker running the task restarts it; the leader knows who that is and forwards.
        var owns = false;
        await RunOnLoopAsync(async ct =>
        {
            owns = _ownedTasks.Contains(id);
            if (owns)
            {
                await RestartOwnedTaskAsync(_configs.Snapshot(), id, ct).ConfigureAwait(false);
            }
        }).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (owns)
        {
            return;
        }

        RequireLeader("Cannot restart a task that this worker does not run.");
        var owner = _protocol.OwnerUrl(id) ?? throw ConnectRestException.Conflict("Cannot complete request because of a conflicting operation (e.g. worker rebalance)");
        throw new NotLeaderException($"Task {id} runs on {owner}", owner);
    }

    public async Task SetTargetStateAsync(string connector, TargetState state, CancellationToken cancellationToken)
    {
        RequireConnector(connector);
        if (state == TargetState.Stopped)
        {
            // KIP-875: a stopped connector has no tasks; its configs and offsets stay.
            RequireLeader("Only the leader can stop connectors.");
            await _configs.PutTaskConfigsAsync(connector, [], cancellationToken).ConfigureAwait(false);
        }

        await _configs.PutTargetStateAsync(connector, state, cancellationToken).ConfigureAwait(false);
    }

    public Task<ConfigInfos> ValidateConnectorConfigAsync(IReadOnlyDictionary<string, string> config, CancellationToken cancellationToken) =>
        _worker.ValidateConnectorConfigAsync(config, cancellationToken);

    public IReadOnlyList<PluginInfo> Plugins(bool connectorsOnly) => _worker.Plugins(connectorsOnly);

    public IReadOnlyList<ConfigKeyInfo> PluginConfig(string plugin) => _worker.PluginConfig(plugin);

    public Task<IReadOnlyList<string>> ConnectorActiveTopicsAsync(string connector, CancellationToken cancellationToken)
    {
        RequireConnector(connector);
        IReadOnlyList<string> topics = _statuses.GetAllTopics(connector).Select(t => t.Topic).ToList();
        return Task.FromResult(topics);
    }

    public async Task ResetConnectorActiveTopicsAsync(string connector, CancellationToken cancellationToken)
    {
        RequireConnector(connector);
        foreach (var topic in _statuses.GetAllTopics(connector))
        {
            await _statuses.DeleteTopicAsync(connector, topic.Topic, cancellationToken).ConfigureAwait(false);
        }
    }

    private List<TaskState> TaskStates(ClusterConfigState snapshot, string connector)
    {
        var known = _statuses.GetAll(connector);
        var result = new List<TaskState>();
        foreach (var id in snapshot.Tasks(connector))
        {
            if (known.TryGetValue(id.Task, out var status))
            {
                result.Add(new TaskState(id.Task, status.State, status.WorkerId, status.Trace));
            }
        }

        return result;
    }

    private void RequireLeader(string message)
    {
        var leadership = _leadership;
        if (leadership is null)
        {
            throw new NotLeaderException("Cannot complete request momentarily due to no known leader URL, likely because a rebalance was underway.", null);
        }

        if (!leadership.IsSelf)
        {
            throw new NotLeaderException(message, leadership.Url);
        }
    }

    private void RequireConnector(string connector)
    {
        if (!_configs.Snapshot().Contains(connector))
        {
            throw NotFound(connector);
        }
    }

    private static ConnectRestException NotFound(string connector) => ConnectRestException.NotFound($"Connector {connector} not found");

    private static string InvalidConfigMessage(ConfigInfos validation)
    {
        var text = new StringBuilder();
        text.Append("Connector configuration is invalid and contains the following ").Append(validation.ErrorCount).Append(" error(s):\n");
        foreach (var config in validation.Configs)
        {
            foreach (var error in config.Value.Errors)
            {
                text.Append(error).Append('\n');
            }
        }

        text.Append("You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`");
        return text.ToString();
    }
}
