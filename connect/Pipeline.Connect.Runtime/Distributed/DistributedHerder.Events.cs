using Pipeline.Client;
using Pipeline.Connect.Runtime.Herder;
using Pipeline.Connect.Runtime.Rest.Entities;

namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>Config-topic changes (queued by the config store's reader, handled on the herder loop) and status reports from the worker.</summary>
public sealed partial class DistributedHerder
{
    void IConfigUpdateListener.OnConnectorConfigUpdate(string connector) => Queue(new ConfigEvent.ConnectorUpdated(connector));

    void IConfigUpdateListener.OnConnectorConfigRemove(string connector) => Queue(new ConfigEvent.ConnectorRemoved(connector));

    void IConfigUpdateListener.OnTaskConfigUpdate(string connector, IReadOnlyCollection<ConnectorTaskId> tasks) => Queue(new ConfigEvent.TasksUpdated(connector, tasks));

    void IConfigUpdateListener.OnConnectorTargetStateChange(string connector) => Queue(new ConfigEvent.TargetStateChanged(connector));

    void IConfigUpdateListener.OnRestartRequest(RestartRequest request) => Queue(new ConfigEvent.Restart(request));

    void IConfigUpdateListener.OnSessionKeyUpdate(SessionKey key)
    {
    }

    private void Queue(ConfigEvent change)
    {
        _events.Enqueue(change);
        Wake();
    }

    private async Task ProcessConfigEventsAsync(CancellationToken cancellationToken)
    {
        var rejoin = false;
        while (_events.TryDequeue(out var change))
        {
            var snapshot = _configs.Snapshot();
            switch (change)
            {
                case ConfigEvent.ConnectorUpdated(var connector):
                    if (_ownedConnectors.Contains(connector))
                    {
                        // A new config: restart the instance, which then regenerates its tasks.
                        await _worker.StopConnectorAsync(connector, cancellationToken).ConfigureAwait(false);
                        await StartConnectorAsync(snapshot, connector, cancellationToken).ConfigureAwait(false);
                    }
                    else if (IsLeader && _protocol.OwnerUrl(connector) is null)
                    {
                        rejoin = true;
                    }

                    break;

                case ConfigEvent.ConnectorRemoved(var connector):
                    var tasks = _ownedTasks.Where(t => t.Connector == connector).ToList();
                    var owned = _ownedConnectors.Contains(connector);
                    await StopAsync(owned ? [connector] : [], tasks, cancellationToken).ConfigureAwait(false);
                    foreach (var task in tasks)
                    {
                        await Quietly(_statuses.DeleteAsync(task, cancellationToken)).ConfigureAwait(false);
                    }

                    if (owned)
                    {
                        await Quietly(_statuses.DeleteAsync(connector, cancellationToken)).ConfigureAwait(false);
                    }

                    rejoin |= IsLeader;
                    break;

                case ConfigEvent.TasksUpdated(var connector, _):
                    var configured = snapshot.Tasks(connector).ToHashSet();
                    foreach (var task in _ownedTasks.Where(t => t.Connector == connector).ToList())
                    {
                        await StopAsync([], [task], cancellationToken).ConfigureAwait(false);
                        if (configured.Contains(task))
                        {
                            _ownedTasks.Add(task);
                            await StartTaskAsync(snapshot, task, cancellationToken).ConfigureAwait(false);
                        }
                        else
                        {
                            await Quietly(_statuses.DeleteAsync(task, cancellationToken)).ConfigureAwait(false);
                        }
                    }

                    rejoin |= IsLeader && (configured.Any(t => _protocol.OwnerUrl(t) is null) || _protocol.Held is null || TasksOwnedElsewhereGone(connector, configured));
                    break;

                case ConfigEvent.TargetStateChanged(var connector):
                    var state = snapshot.TargetState(connector);
                    if (_ownedConnectors.Contains(connector) || _ownedTasks.Any(t => t.Connector == connector))
                    {
                        await _worker.SetTargetStateAsync(connector, state, cancellationToken).ConfigureAwait(false);
                    }

                    if (state == TargetState.Started && _ownedConnectors.Contains(connector))
                    {
                        _reconfigure.Add(connector);
                    }

                    break;

                case ConfigEvent.Restart(var request):
                    await RestartLocalAsync(snapshot, request, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }

        if (rejoin)
        {
            _member.RequestRejoin("connectors or tasks were added or removed");
        }
    }

    /// <summary>Leader: a task beyond the new count that some worker still holds (tasks are numbered from 0, so checking the first one is enough) must be revoked through a rebalance.</summary>
    private bool TasksOwnedElsewhereGone(string connector, HashSet<ConnectorTaskId> configured) =>
        _protocol.OwnerUrl(new ConnectorTaskId(connector, configured.Count)) is not null;

    private async Task RestartLocalAsync(ClusterConfigState snapshot, RestartRequest request, CancellationToken cancellationToken)
    {
        if (!snapshot.Contains(request.Connector))
        {
            return;
        }

        if (_ownedConnectors.Contains(request.Connector) && ShouldRestart(_statuses.Get(request.Connector), request.OnlyFailed))
        {
            await _worker.StopConnectorAsync(request.Connector, cancellationToken).ConfigureAwait(false);
            await StartConnectorAsync(snapshot, request.Connector, cancellationToken).ConfigureAwait(false);
        }

        if (!request.IncludeTasks)
        {
            return;
        }

        foreach (var task in _ownedTasks.Where(t => t.Connector == request.Connector).ToList())
        {
            if (ShouldRestart(_statuses.Get(task), request.OnlyFailed))
            {
                await RestartOwnedTaskAsync(snapshot, task, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RestartOwnedTaskAsync(ClusterConfigState snapshot, ConnectorTaskId task, CancellationToken cancellationToken)
    {
        await _worker.StopTasksAsync([task], cancellationToken).ConfigureAwait(false);
        await StartTaskAsync(snapshot, task, cancellationToken).ConfigureAwait(false);
    }

    private static bool ShouldRestart(StatusRecord? status, bool onlyFailed) =>
        !onlyFailed || status?.State == StateNames.Failed;

    private async Task Quietly(Task write)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        catch (KafkaException e)
        {
            DistributedLog.LogTickFailed(_log, _options.WorkerId, e);
        }
    }

    // Status reports from the worker (any thread): written to the status topic under this
    // worker's id and current generation, without waiting.
    private void OnConnectorFailure(string connector, string trace) => PutStatus(connector, StateNames.Failed, trace);

    private void OnTaskFailure(ConnectorTaskId task, string trace) => PutStatus(task, StateNames.Failed, trace);

    private void PutStatus(string connector, string state, string? trace = null) =>
        _ = Quietly(_statuses.PutSafeAsync(connector, new StatusRecord(state, trace, _options.WorkerId, _generation), _stop.Token));

    private void PutStatus(ConnectorTaskId task, string state, string? trace = null) =>
        _ = Quietly(_statuses.PutSafeAsync(task, new StatusRecord(state, trace, _options.WorkerId, _generation), _stop.Token));

    private void PutTopic(string connector, string topic) =>
        _ = Quietly(_statuses.PutTopicAsync(new TopicStatus(topic, connector, 0, _time.GetUtcNow().ToUnixTimeMilliseconds()), _stop.Token));

    /// <summary>The worker's <see cref="Worker.IStatusListener"/>: forwards to the herder's status writes.</summary>
    private sealed class HerderStatusListener(DistributedHerder herder) : Worker.IStatusListener
    {
        public void OnConnectorStartup(string connector) => herder.PutStatus(connector, StateNames.Running);

        public void OnConnectorRunning(string connector) => herder.PutStatus(connector, StateNames.Running);

        public void OnConnectorPause(string connector) => herder.PutStatus(connector, StateNames.Paused);

        public void OnConnectorStopped(string connector) => herder.PutStatus(connector, StateNames.Stopped);

        public void OnConnectorFailure(string connector, string trace) => herder.PutStatus(connector, StateNames.Failed, trace);

        public void OnConnectorShutdown(string connector) => herder.PutStatus(connector, StateNames.Unassigned);

        public void OnTaskStartup(ConnectorTaskId id) => herder.PutStatus(id, StateNames.Running);

        public void OnTaskRunning(ConnectorTaskId id) => herder.PutStatus(id, StateNames.Running);

        public void OnTaskPause(ConnectorTaskId id) => herder.PutStatus(id, StateNames.Paused);

        public void OnTaskFailure(ConnectorTaskId id, string trace) => herder.PutStatus(id, StateNames.Failed, trace);

        public void OnTaskShutdown(ConnectorTaskId id) => herder.PutStatus(id, StateNames.Unassigned);

        public void OnTopicActive(string connector, string topic) => herder.PutTopic(connector, topic);
    }
}
