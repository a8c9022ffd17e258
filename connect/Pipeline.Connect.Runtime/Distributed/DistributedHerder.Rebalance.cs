using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>Rebalance handling: acting on assignments and revocations (herder loop).</summary>
public sealed partial class DistributedHerder
{
    async Task IWorkerRebalanceListener.OnAssignedAsync(ConnectAssignment assignment, int generation, CancellationToken cancellationToken)
    {
        DistributedLog.LogAssigned(_log, _options.WorkerId, generation, assignment.Leader, assignment.ConfigOffset, assignment.Connectors.Count, assignment.Tasks.Count, assignment.RevokedConnectors.Count, assignment.RevokedTasks.Count, assignment.Delay);
        if (assignment.Failed)
        {
            // The leader was behind some member: catch up and try again.
            _leadership = null;
            await CatchUpAsync(assignment.ConfigOffset, cancellationToken).ConfigureAwait(false);
            _member.RequestRejoin("the leader reported a config mismatch");
            return;
        }

        _generation = generation;
        _leadership = new Leadership(assignment.Leader, assignment.LeaderUrl, assignment.Leader == _member.MemberId);
        if (!await CatchUpAsync(assignment.ConfigOffset, cancellationToken).ConfigureAwait(false))
        {
            // Kafka leaves the group when it cannot catch up; rejoining gives the same effect here
            // (the leader sees our offset and the work is reassigned if we stay behind).
            DistributedLog.LogSyncFailed(_log, _options.WorkerId, assignment.ConfigOffset);
            _member.RequestRejoin("could not read the config topic to the assignment's offset");
        }

        var revokedConnectors = assignment.RevokedConnectors.Where(_ownedConnectors.Contains).ToList();
        var revokedTasks = assignment.RevokedTasks.Where(_ownedTasks.Contains).ToList();
        if (revokedConnectors.Count > 0 || revokedTasks.Count > 0)
        {
            await StopAsync(revokedConnectors, revokedTasks, cancellationToken).ConfigureAwait(false);

            // KIP-415: a member that gave work up rejoins at once, so the leader can hand it out.
            _member.RequestRejoin("connectors or tasks were revoked");
        }

        // Anything held before but no longer in the (merged) assignment is gone too (eager).
        var stale = _ownedConnectors.Where(c => !assignment.Connectors.Contains(c)).ToList();
        var staleTasks = _ownedTasks.Where(t => !assignment.Tasks.Contains(t)).ToList();
        await StopAsync(stale, staleTasks, cancellationToken).ConfigureAwait(false);

        var snapshot = _configs.Snapshot();
        foreach (var connector in assignment.Connectors)
        {
            if (_ownedConnectors.Add(connector))
            {
                await StartConnectorAsync(snapshot, connector, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var task in assignment.Tasks)
        {
            if (_ownedTasks.Add(task))
            {
                await StartTaskAsync(snapshot, task, cancellationToken).ConfigureAwait(false);
            }
        }

        _rejoinAt = assignment.Delay > 0 ? _time.GetUtcNow().AddMilliseconds(assignment.Delay) : null;
        if (IsLeader && _options.Protocol == ConnectProtocolCompatibility.Sessioned && snapshot.SessionKey is null)
        {
            var key = new byte[32];
            System.Security.Cryptography.RandomNumberGenerator.Fill(key);
            await _configs.PutSessionKeyAsync(new SessionKey(key, "HmacSHA256", _time.GetUtcNow().ToUnixTimeMilliseconds()), cancellationToken).ConfigureAwait(false);
        }
    }

    async Task IWorkerRebalanceListener.OnRevokedAsync(IReadOnlyCollection<string> connectors, IReadOnlyCollection<ConnectorTaskId> tasks, CancellationToken cancellationToken)
    {
        _leadership = null;
        await StopAsync(connectors.Where(_ownedConnectors.Contains).ToList(), tasks.Where(_ownedTasks.Contains).ToList(), cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> CatchUpAsync(long offset, CancellationToken cancellationToken)
    {
        if (_configs.Snapshot().Offset >= offset)
        {
            return true;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.WorkerSyncTimeout);
        try
        {
            await _configs.RefreshAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }

        return _configs.Snapshot().Offset >= offset;
    }

    private async Task StartConnectorAsync(ClusterConfigState snapshot, string connector, CancellationToken cancellationToken)
    {
        if (snapshot.ConnectorConfig(connector) is not { } config)
        {
            return;
        }

        var state = snapshot.TargetState(connector);
        try
        {
            await _worker.StartConnectorAsync(connector, config, state, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            DistributedLog.LogStartFailed(_log, _options.WorkerId, connector, e);
            OnConnectorFailure(connector, e.ToString());
            return;
        }

        if (state == TargetState.Started)
        {
            _reconfigure.Add(connector);
        }
    }

    private async Task StartTaskAsync(ClusterConfigState snapshot, ConnectorTaskId task, CancellationToken cancellationToken)
    {
        if (snapshot.ConnectorConfig(task.Connector) is not { } connectorConfig || snapshot.TaskConfig(task) is not { } taskConfig)
        {
            return;
        }

        try
        {
            await _worker.StartTaskAsync(task, connectorConfig, taskConfig, snapshot.TargetState(task.Connector), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            DistributedLog.LogStartFailed(_log, _options.WorkerId, task.ToString(), e);
            OnTaskFailure(task, e.ToString());
        }
    }

    private async Task StopAsync(IReadOnlyCollection<string> connectors, IReadOnlyCollection<ConnectorTaskId> tasks, CancellationToken cancellationToken)
    {
        if (tasks.Count > 0)
        {
            await _worker.StopTasksAsync(tasks, cancellationToken).ConfigureAwait(false);
            foreach (var task in tasks)
            {
                _ownedTasks.Remove(task);
            }
        }

        foreach (var connector in connectors)
        {
            await _worker.StopConnectorAsync(connector, cancellationToken).ConfigureAwait(false);
            _ownedConnectors.Remove(connector);
            _reconfigure.Remove(connector);
        }
    }

    private async Task StopAllAsync(CancellationToken cancellationToken)
    {
        await StopAsync(_ownedConnectors.ToList(), _ownedTasks.ToList(), cancellationToken).ConfigureAwait(false);
        _protocol.ClearHeld();
    }

    /// <summary>Generates task configs for the connectors this worker runs that asked for it, and has the leader store them when they changed.</summary>
    private async Task ReconfigureConnectorsAsync(CancellationToken cancellationToken)
    {
        while (_reconfigureRequests.TryDequeue(out var requested))
        {
            if (_ownedConnectors.Contains(requested))
            {
                _reconfigure.Add(requested);
            }
        }

        if (_reconfigure.Count == 0 || _time.GetUtcNow() < _reconfigureNotBefore)
        {
            return;
        }

        foreach (var connector in _reconfigure.ToList())
        {
            var snapshot = _configs.Snapshot();
            if (!_ownedConnectors.Contains(connector) || !snapshot.Contains(connector) || snapshot.TargetState(connector) != TargetState.Started || !_worker.IsConnectorRunning(connector))
            {
                _reconfigure.Remove(connector);
                continue;
            }

            try
            {
                var configs = await _worker.ConnectorTaskConfigsAsync(connector, cancellationToken).ConfigureAwait(false);
                if (!SameTaskConfigs(snapshot, connector, configs))
                {
                    var leadership = _leadership;
                    if (leadership is { IsSelf: true })
                    {
                        await _configs.PutTaskConfigsAsync(connector, configs, cancellationToken).ConfigureAwait(false);
                    }
                    else if (leadership is not null)
                    {
                        await _forwarder.ForwardAsync(leadership.Url, connector, configs, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        continue;
                    }
                }

                _reconfigure.Remove(connector);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                DistributedLog.LogReconfigureFailed(_log, _options.WorkerId, connector, e);
                _reconfigureNotBefore = _time.GetUtcNow() + ReconfigureBackoff;
            }
        }
    }

    private static bool SameTaskConfigs(ClusterConfigState snapshot, string connector, IReadOnlyList<IReadOnlyDictionary<string, string>> configs)
    {
        if (snapshot.Inconsistent.Contains(connector) || !snapshot.TaskCounts.ContainsKey(connector) || snapshot.TaskCount(connector) != configs.Count)
        {
            return false;
        }

        for (var i = 0; i < configs.Count; i++)
        {
            if (snapshot.TaskConfig(new ConnectorTaskId(connector, i)) is not { } stored || !SameMap(stored, configs[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameMap(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (k, v) in a)
        {
            if (!b.TryGetValue(k, out var other) || other != v)
            {
                return false;
            }
        }

        return true;
    }
}
