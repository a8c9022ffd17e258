using Microsoft.Extensions.Logging;
using Pipeline.Client.Admin;
using Pipeline.Connect.Api.Connectors;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Api.Sink;
using Pipeline.Connect.Runtime.Config;
using Pipeline.Connect.Runtime.Herder;
using Pipeline.Connect.Runtime.Plugins;
using Pipeline.Connect.Runtime.Rest.Entities;
using Pipeline.Connect.Runtime.Storage;

namespace Pipeline.Connect.Runtime.Worker;

/// <summary>
/// Kafka Connect's Worker: runs the connectors and tasks a herder assigns it, with the plugin
/// registry, one shared admin client and the offset store. A connector or task that fails goes
/// FAILED through the <see cref="IStatusListener"/> (with its full trace) and never takes the
/// worker down; these methods do not throw for plugin failures. (Named ConnectWorker because the
/// Worker namespace would hide a type called Worker from the herders' namespaces.)
/// Thread-safety: every method may be called from any thread; the connector and task maps are
/// under one lock, connector calls are serialized per worker, tasks run on their own loops.
/// </summary>
public sealed class ConnectWorker : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _connectorGate = new(1, 1);
    private readonly Dictionary<string, WorkerConnector> _connectors = new(StringComparer.Ordinal);
    private readonly Dictionary<ConnectorTaskId, WorkerTask> _tasks = [];
    private readonly WorkerServices _services;
    private readonly WorkerOffsets _offsets;
    private readonly bool _ownsAdmin;
    private readonly ILogger _logger;

    /// <param name="workerId">The advertised host:port (status worker_id).</param>
    /// <param name="admin">A shared admin client; null creates one from the worker's admin.* settings (disposed with the worker).</param>
    public ConnectWorker(string workerId, WorkerConfig config, PluginRegistry plugins, IOffsetBackingStore offsetStore, IStatusListener listener, ILoggerFactory loggers, TimeProvider? time = null, IAdminClient? admin = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        WorkerId = workerId;
        _ownsAdmin = admin is null;
        admin ??= new AdminClient(config.AdminConfigs(), loggers);
        _services = new WorkerServices(config, plugins, admin, offsetStore, listener, loggers, time ?? TimeProvider.System);
        _offsets = new WorkerOffsets(_services);
        _logger = loggers.CreateLogger<ConnectWorker>();
    }

    public string WorkerId { get; }

    public WorkerConfig Config => _services.Config;

    public PluginRegistry Plugins => _services.Plugins;

    public IAdminClient Admin => _services.Admin;

    public IOffsetBackingStore OffsetStore => _services.OffsetStore;

    /// <summary>Names of the connectors running here.</summary>
    public IReadOnlyCollection<string> ConnectorNames
    {
        get
        {
            lock (_lock)
            {
                return [.. _connectors.Keys];
            }
        }
    }

    /// <summary>Ids of the tasks running here.</summary>
    public IReadOnlyCollection<ConnectorTaskId> TaskIds
    {
        get
        {
            lock (_lock)
            {
                return [.. _tasks.Keys];
            }
        }
    }

    /// <summary>Loads the offset store.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => _services.OffsetStore.StartAsync(cancellationToken);

    /// <summary>Whether the config names a sink connector (false for sources; throws Api.Config.ConfigException for an unknown class).</summary>
    public bool IsSinkConnector(IReadOnlyDictionary<string, string> connectorConfig)
    {
        var cls = connectorConfig.TryGetValue(ConnectorConfigNames.ConnectorClass, out var c) ? c : throw new Api.Config.ConfigException(ConnectorConfigNames.ConnectorClass, null, "Missing required configuration \"connector.class\" which has no default value.");
        return _services.Plugins.ResolveConnector(cls).Kind == PluginKind.Sink;
    }

    /// <summary>
    /// Creates, initializes and (unless <paramref name="target"/> says otherwise) starts a connector.
    /// False when it failed (its status is then FAILED). Replaces nothing: stop it first.
    /// </summary>
    public async Task<bool> StartConnectorAsync(string name, IReadOnlyDictionary<string, string> config, IConnectorContext ctx, TargetState target)
    {
        await _connectorGate.WaitAsync().ConfigureAwait(false);
        try
        {
            lock (_lock)
            {
                if (_connectors.ContainsKey(name))
                {
                    throw new ConnectException($"Connector with name {name} already exists");
                }
            }

            Connector connector;
            try
            {
                var parsed = new ConnectorConfig(_services.Plugins, config, _services.Config.Originals);
                connector = _services.Plugins.NewInstance<Connector>(parsed.Connector);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Failed to create connector {Connector}", name);
                _services.Listener.OnConnectorFailure(name, e.ToString());
                return false;
            }

            var worker = new WorkerConnector(name, connector, config, _services.Listener, _services.Loggers.CreateLogger<WorkerConnector>());
            lock (_lock)
            {
                _connectors[name] = worker;
            }

            if (!worker.Initialize(ctx, new OffsetStorageReader(_services.OffsetStore, name)))
            {
                return false;
            }

            var ok = worker.Start(target);
            _logger.LogInformation("Connector {Connector} created in state {State}{Failed}", name, target, ok ? string.Empty : " (failed)");
            return ok;
        }
        finally
        {
            _connectorGate.Release();
        }
    }

    /// <summary>Whether the connector runs here and has not failed.</summary>
    public bool IsRunning(string name)
    {
        lock (_lock)
        {
            return _connectors.TryGetValue(name, out var c) && !c.Failed && c.Target == TargetState.Started;
        }
    }

    /// <summary>
    /// The connector's task configs (at most <paramref name="maxTasks"/>, else an error unless
    /// tasks.max.enforce=false), each with <c>task.class</c> and, for sinks, the connector's
    /// <c>topics</c>/<c>topics.regex</c> added. Throws when the connector is not running here or
    /// throws itself.
    /// </summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> ConnectorTaskConfigs(string name, int maxTasks)
    {
        WorkerConnector connector;
        lock (_lock)
        {
            connector = _connectors.TryGetValue(name, out var c) ? c : throw new ConnectException($"Connector {name} not found in this worker.");
        }

        var generated = connector.TaskConfigs(maxTasks);
        var config = connector.Config;
        var enforce = !config.TryGetValue(ConnectorConfigNames.TasksMaxEnforce, out var e) || !string.Equals(e.Trim(), "false", StringComparison.OrdinalIgnoreCase);
        if (generated.Count > maxTasks && enforce)
        {
            throw new ConnectException($"The connector {name} has generated {generated.Count} tasks, which is greater than {maxTasks}, the maximum number of tasks it is configured to create. This behaviour should be considered a bug and is disallowed. If necessary, it can be permitted by reconfiguring the connector with 'tasks.max.enforce' set to false; however, this option will be removed in a future release of Kafka Connect.");
        }

        var taskClass = connector.Connector.TaskType.FullName!;
        var result = new List<IReadOnlyDictionary<string, string>>(generated.Count);
        foreach (var generatedConfig in generated)
        {
            var copy = new Dictionary<string, string>(generatedConfig, StringComparer.Ordinal)
            {
                [TaskInstantiator.TaskClassConfig] = taskClass,
            };
            if (connector.IsSink)
            {
                if (config.TryGetValue(SinkConnector.TopicsConfig, out var topics))
                {
                    copy[SinkConnector.TopicsConfig] = topics;
                }

                if (config.TryGetValue(SinkConnector.TopicsRegexConfig, out var regex))
                {
                    copy[SinkConnector.TopicsRegexConfig] = regex;
                }
            }

            result.Add(copy);
        }

        return result;
    }

    /// <summary>Stops and forgets a connector (not its tasks); nothing when it does not run here.</summary>
    public async Task StopConnectorAsync(string name)
    {
        await _connectorGate.WaitAsync().ConfigureAwait(false);
        try
        {
            WorkerConnector? connector;
            lock (_lock)
            {
                if (_connectors.Remove(name, out connector) is false)
                {
                    return;
                }
            }

            connector!.Shutdown();
        }
        finally
        {
            _connectorGate.Release();
        }
    }

    /// <summary>Starts a task on its own loop; false when it could not be created (its status is then FAILED).</summary>
    public Task<bool> StartTaskAsync(ConnectorTaskId id, IReadOnlyDictionary<string, string> connectorConfig, IReadOnlyDictionary<string, string> taskConfig, TargetState target)
    {
        WorkerTask task;
        try
        {
            task = IsSinkConnector(connectorConfig)
                ? new WorkerSinkTask(id, connectorConfig, taskConfig, target, _services)
                : new WorkerSourceTask(id, connectorConfig, taskConfig, target, _services);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Failed to create task {Task}", id);
            _services.Listener.OnTaskFailure(id, e.ToString());
            return Task.FromResult(false);
        }

        lock (_lock)
        {
            if (_tasks.ContainsKey(id))
            {
                throw new ConnectException($"Task already exists in this worker: {id}");
            }

            _tasks[id] = task;
        }

        task.Start();
        return Task.FromResult(true);
    }

    /// <summary>Asks the tasks to stop and waits for each up to task.shutdown.graceful.timeout.ms; they are forgotten either way.</summary>
    public async Task StopAndAwaitTasksAsync(IEnumerable<ConnectorTaskId> ids)
    {
        var stopping = new List<WorkerTask>();
        lock (_lock)
        {
            foreach (var id in ids)
            {
                if (_tasks.Remove(id, out var task))
                {
                    stopping.Add(task);
                }
            }
        }

        foreach (var task in stopping)
        {
            task.Stop();
        }

        // One deadline shared by all tasks (as Kafka): they stop in parallel, so N tasks take the timeout once, not N times.
        var timeout = _services.Config.TaskShutdownGracefulTimeout;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        foreach (var task in stopping)
        {
            var left = timeout - System.Diagnostics.Stopwatch.GetElapsedTime(started);
            if (!await task.AwaitStopAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero).ConfigureAwait(false))
            {
                _logger.LogError("Graceful stop of task {Task} failed (still running after {Timeout})", task.Id, timeout);
            }
        }
    }

    /// <summary>The ids of the tasks of <paramref name="connector"/> running here.</summary>
    public IReadOnlyList<ConnectorTaskId> TasksOf(string connector)
    {
        lock (_lock)
        {
            return [.. _tasks.Keys.Where(t => t.Connector == connector).OrderBy(t => t.Task)];
        }
    }

    /// <summary>Pauses or resumes the connector and its tasks here (STOPPED stops the connector instance; the herder stops the tasks).</summary>
    public void SetTargetState(string name, TargetState state)
    {
        _connectorGate.Wait();
        try
        {
            WorkerConnector? connector;
            List<WorkerTask> tasks;
            lock (_lock)
            {
                _connectors.TryGetValue(name, out connector);
                tasks = [.. _tasks.Values.Where(t => t.Id.Connector == name)];
            }

            connector?.TransitionTo(state);
            if (state != TargetState.Stopped)
            {
                foreach (var task in tasks)
                {
                    task.TransitionTo(state);
                }
            }
        }
        finally
        {
            _connectorGate.Release();
        }
    }

    /// <summary>The committed offsets of a connector: source offsets from the store, sink offsets from its consumer group.</summary>
    public Task<ConnectorOffsets> ConnectorOffsetsAsync(string name, IReadOnlyDictionary<string, string> connectorConfig, CancellationToken cancellationToken) =>
        _offsets.GetAsync(name, connectorConfig, cancellationToken);

    /// <summary>
    /// Alters (or with null <paramref name="offsets"/> resets) a stopped connector's offsets; returns
    /// the REST message. Throws <see cref="ConnectRestException"/> 400 for malformed offsets or a
    /// connector that refuses them.
    /// </summary>
    public Task<string> ModifyConnectorOffsetsAsync(string name, IReadOnlyDictionary<string, string> connectorConfig, ConnectorOffsets? offsets, CancellationToken cancellationToken) =>
        _offsets.ModifyAsync(name, connectorConfig, offsets, cancellationToken);

    /// <summary>Stops every task and connector.</summary>
    public async Task StopAllAsync()
    {
        await StopAndAwaitTasksAsync(TaskIds).ConfigureAwait(false);
        foreach (var name in ConnectorNames)
        {
            await StopConnectorAsync(name).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAllAsync().ConfigureAwait(false);
        if (_ownsAdmin)
        {
            await _services.Admin.DisposeAsync().ConfigureAwait(false);
        }
    }
}
