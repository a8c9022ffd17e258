using System.Text;
using Microsoft.Extensions.Logging;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Connectors;
using Pipeline.Connect.Runtime.Config;
using Pipeline.Connect.Runtime.Herder;
using Pipeline.Connect.Runtime.Plugins;
using Pipeline.Connect.Runtime.Rest.Entities;
using Pipeline.Connect.Runtime.Storage;
using Pipeline.Connect.Runtime.Worker;

namespace Pipeline.Connect.Runtime.Standalone;

/// <summary>
/// Kafka Connect's standalone mode: one worker, connector configs and target states in memory
/// (given as files on the command line and through REST), source offsets in
/// offset.storage.file.filename, statuses from the worker. Every operation runs under one gate
/// (the herder's "loop"); tasks run on their own loops inside the <see cref="ConnectWorker"/>.
/// </summary>
public sealed class StandaloneHerder : IHerder
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, ConnectorEntry> _connectors = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<string> _connectorFiles;
    private readonly ILogger _logger;
    private readonly StandaloneStatusStore _status;
    private readonly CancellationTokenSource _disposed = new();

    /// <param name="config">The worker config (offset.storage.file.filename is required unless <paramref name="offsetStore"/> is given).</param>
    /// <param name="connectorFiles">Connector .properties/.json files to create at start.</param>
    /// <param name="offsetStore">Overrides the file store (tests).</param>
    public StandaloneHerder(WorkerConfig config, PluginRegistry plugins, ILoggerFactory loggers, IEnumerable<string>? connectorFiles = null, IOffsetBackingStore? offsetStore = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (offsetStore is null)
        {
            config.EnsureStandalone();
            offsetStore = new FileOffsetBackingStore(config.OffsetStorageFileFilename!);
        }

        WorkerId = config.AdvertisedWorkerId();
        _status = new StandaloneStatusStore(WorkerId);
        Worker = new ConnectWorker(WorkerId, config, plugins, offsetStore, _status, loggers, time);
        _connectorFiles = [.. connectorFiles ?? []];
        _logger = loggers.CreateLogger<StandaloneHerder>();
    }

    public string WorkerId { get; }

    public string KafkaClusterId { get; private set; } = string.Empty;

    /// <summary>The worker running the connectors.</summary>
    public ConnectWorker Worker { get; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Worker.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var cluster = await Worker.Admin.DescribeClusterAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            KafkaClusterId = cluster.ClusterId ?? string.Empty;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogWarning(e, "Could not read the Kafka cluster id");
        }

        foreach (var path in _connectorFiles)
        {
            var file = ConnectorFile.Load(path);
            await PutConnectorConfigAsync(file.Name, file.Config, allowReplace: false, file.InitialState, cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("Created connector {Connector} from {File}", file.Name, path);
        }
    }

    public async Task<IReadOnlyList<string>> ConnectorsAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return [.. _connectors.Keys.Order(StringComparer.Ordinal)];
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<ConnectorInfo> ConnectorInfoAsync(string connector, CancellationToken cancellationToken) =>
        UnderGate(cancellationToken, () => Info(Get(connector)));

    public Task<IReadOnlyDictionary<string, string>> ConnectorConfigAsync(string connector, CancellationToken cancellationToken) =>
        UnderGate(cancellationToken, () => Get(connector).Config);

    public async Task<PutConnectorResult> PutConnectorConfigAsync(string connector, IReadOnlyDictionary<string, string> config, bool allowReplace, TargetState? initialState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        var props = new Dictionary<string, string>(config, StringComparer.Ordinal);
        if (props.TryGetValue(ConnectorConfigNames.Name, out var configured) && configured != connector)
        {
            throw ConnectRestException.BadRequest($"Connector name configuration ({configured}) doesn't match connector name in the URL ({connector})");
        }

        props[ConnectorConfigNames.Name] = connector;
        ConfigInfos validation;
        try
        {
            validation = ConfigValidation.Validate(Worker.Plugins, props, Worker.Config.Originals);
        }
        catch (ConfigException e)
        {
            throw ConnectRestException.BadRequest(e.Message);
        }

        if (validation.ErrorCount > 0)
        {
            throw ConnectRestException.BadRequest(InvalidConfigMessage(validation));
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var exists = _connectors.TryGetValue(connector, out var entry);
            if (exists && !allowReplace)
            {
                throw ConnectRestException.Conflict($"Connector {connector} already exists");
            }

            TargetState target;
            if (exists)
            {
                target = entry!.Target;
                await StopTasksAsync(entry).ConfigureAwait(false);
                await Worker.StopConnectorAsync(connector).ConfigureAwait(false);
                entry.Config = props;
            }
            else
            {
                target = initialState ?? TargetState.Started;
                entry = new ConnectorEntry(connector, props, target);
                _connectors[connector] = entry;
            }

            await StartConnectorAsync(entry).ConfigureAwait(false);
            return new PutConnectorResult(!exists, Info(entry));
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task DeleteConnectorAsync(string connector, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var entry = Get(connector);
            await StopTasksAsync(entry).ConfigureAwait(false);
            await Worker.StopConnectorAsync(connector).ConfigureAwait(false);
            _connectors.Remove(connector);
            _status.Remove(connector);
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<ConnectorStateInfo> ConnectorStatusAsync(string connector, CancellationToken cancellationToken) =>
        UnderGate(cancellationToken, () => Status(Get(connector)));

    public Task<TaskState> TaskStatusAsync(ConnectorTaskId id, CancellationToken cancellationToken) =>
        UnderGate(cancellationToken, () =>
        {
            var entry = Get(id.Connector);
            return id.Task >= 0 && id.Task < entry.TaskConfigs.Count ? _status.Task(id) : throw ConnectRestException.NotFound($"No status found for task {id}");
        });

    public Task<IReadOnlyList<TaskInfo>> TaskConfigsAsync(string connector, CancellationToken cancellationToken) =>
        UnderGate(cancellationToken, () =>
        {
            var entry = Get(connector);
            return (IReadOnlyList<TaskInfo>)[.. entry.TaskConfigs.Select((c, i) => new TaskInfo(new ConnectorTaskId(connector, i), c))];
        });

    public async Task<ConnectorStateInfo?> RestartConnectorAsync(string connector, bool includeTasks, bool onlyFailed, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var entry = Get(connector);
            var status = Status(entry);
            var restartConnector = !onlyFailed || status.Connector.State == StateNames.Failed;
            var tasksToRestart = includeTasks
                ? status.Tasks.Where(t => !onlyFailed || t.State == StateNames.Failed).Select(t => t.Id).ToHashSet()
                : [];
            var planned = status with
            {
                Connector = restartConnector ? status.Connector with { State = StateNames.Restarting, Trace = null } : status.Connector,
                Tasks = [.. status.Tasks.Select(t => tasksToRestart.Contains(t.Id) ? t with { State = StateNames.Restarting, Trace = null } : t)],
            };
            if (restartConnector)
            {
                await Worker.StopConnectorAsync(connector).ConfigureAwait(false);
                await StartConnectorAsync(entry).ConfigureAwait(false);
            }

            if (tasksToRestart.Count > 0)
            {
                // The connector's restart may have regenerated fewer tasks.
                var ids = tasksToRestart.Where(t => t < entry.TaskConfigs.Count).Select(t => new ConnectorTaskId(connector, t)).ToList();
                await Worker.StopAndAwaitTasksAsync(ids).ConfigureAwait(false);
                foreach (var id in ids)
                {
                    await Worker.StartTaskAsync(id, entry.Config, entry.TaskConfigs[id.Task], TaskTarget(entry)).ConfigureAwait(false);
                }
            }

            return !includeTasks && !onlyFailed ? null : planned;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task RestartTaskAsync(ConnectorTaskId id, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var entry = Get(id.Connector);
            if (id.Task < 0 || id.Task >= entry.TaskConfigs.Count)
            {
                throw ConnectRestException.NotFound($"Task {id} not found");
            }

            await Worker.StopAndAwaitTasksAsync([id]).ConfigureAwait(false);
            await Worker.StartTaskAsync(id, entry.Config, entry.TaskConfigs[id.Task], TaskTarget(entry)).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task SetTargetStateAsync(string connector, TargetState state, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var entry = Get(connector);
            var previous = entry.Target;
            entry.Target = state;
            switch (state)
            {
                case TargetState.Stopped:
                    await StopTasksAsync(entry).ConfigureAwait(false);
                    entry.TaskConfigs = [];
                    Worker.SetTargetState(connector, TargetState.Stopped);
                    break;
                case TargetState.Paused:
                    Worker.SetTargetState(connector, TargetState.Paused);
                    break;
                default:
                    if (!Worker.ConnectorNames.Contains(connector))
                    {
                        await StartConnectorCoreAsync(entry).ConfigureAwait(false);
                    }
                    else
                    {
                        Worker.SetTargetState(connector, TargetState.Started);
                    }

                    if (previous != TargetState.Started || entry.TaskConfigs.Count == 0)
                    {
                        await UpdateTasksAsync(entry).ConfigureAwait(false);
                    }

                    break;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<ConfigInfos> ValidateConnectorConfigAsync(IReadOnlyDictionary<string, string> config, CancellationToken cancellationToken)
    {
        try
        {
            return Task.FromResult(ConfigValidation.Validate(Worker.Plugins, config, Worker.Config.Originals));
        }
        catch (ConfigException e)
        {
            throw ConnectRestException.BadRequest(e.Message);
        }
    }

    public IReadOnlyList<PluginInfo> Plugins(bool connectorsOnly) =>
        [.. Worker.Plugins.Plugins
            .Where(p => !connectorsOnly || p.IsConnector)
            .OrderBy(p => PluginKinds.All.ToList().IndexOf(p.Kind))
            .ThenBy(p => p.ClassName, StringComparer.Ordinal)
            .Select(p => new PluginInfo(p.ClassName, p.Kind.RestName(), p.Version))
            .DistinctBy(p => (p.Class, p.Type))];

    public IReadOnlyList<ConfigKeyInfo> PluginConfig(string plugin) => ConfigValidation.PluginConfig(Worker.Plugins, plugin);

    public async Task<ConnectorOffsets> ConnectorOffsetsAsync(string connector, CancellationToken cancellationToken)
    {
        var config = await ConnectorConfigAsync(connector, cancellationToken).ConfigureAwait(false);
        return await Worker.ConnectorOffsetsAsync(connector, config, cancellationToken).ConfigureAwait(false);
    }

    public async Task<string> AlterConnectorOffsetsAsync(string connector, ConnectorOffsets offsets, CancellationToken cancellationToken)
    {
        if (offsets?.Offsets is not { Count: > 0 })
        {
            throw ConnectRestException.BadRequest("The offsets to be modified must not be null or empty");
        }

        return await ModifyOffsetsAsync(connector, offsets, cancellationToken).ConfigureAwait(false);
    }

    public Task<string> ResetConnectorOffsetsAsync(string connector, CancellationToken cancellationToken) =>
        ModifyOffsetsAsync(connector, null, cancellationToken);

    public Task<IReadOnlyList<string>> ConnectorActiveTopicsAsync(string connector, CancellationToken cancellationToken) =>
        UnderGate(cancellationToken, () =>
        {
            if (!Worker.Config.TopicTrackingEnable)
            {
                throw new ConnectRestException(403, "Topic tracking is disabled.");
            }

            Get(connector);
            return _status.ActiveTopics(connector);
        });

    public Task ResetConnectorActiveTopicsAsync(string connector, CancellationToken cancellationToken) =>
        UnderGate(cancellationToken, () =>
        {
            if (!Worker.Config.TopicTrackingEnable)
            {
                throw new ConnectRestException(403, "Topic tracking is disabled.");
            }

            if (!Worker.Config.TopicTrackingAllowReset)
            {
                throw new ConnectRestException(403, "Topic tracking reset is disabled.");
            }

            Get(connector);
            _status.ResetActiveTopics(connector);
            return true;
        });

    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        await _disposed.CancelAsync().ConfigureAwait(false);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await Worker.DisposeAsync().ConfigureAwait(false);
            await Worker.OffsetStore.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Kafka's 400 message for an invalid connector config.</summary>
    public static string InvalidConfigMessage(ConfigInfos validation)
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

    private async Task<string> ModifyOffsetsAsync(string connector, ConnectorOffsets? offsets, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var entry = Get(connector);
            if (entry.Target != TargetState.Stopped || Worker.TasksOf(connector).Count > 0)
            {
                throw ConnectRestException.BadRequest($"Connectors must be in the STOPPED state before their offsets can be modified. This can be done for the specified connector by issuing a 'PUT' request to the '/connectors/{connector}/stop' endpoint");
            }

            return await Worker.ModifyConnectorOffsetsAsync(connector, entry.Config, offsets, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<T> UnderGate<T>(CancellationToken cancellationToken, Func<T> action)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return action();
        }
        finally
        {
            _gate.Release();
        }
    }

    private ConnectorEntry Get(string connector) =>
        _connectors.TryGetValue(connector, out var entry) ? entry : throw ConnectRestException.NotFound($"Connector {connector} not found");

    private ConnectorInfo Info(ConnectorEntry entry) =>
        new(entry.Name, entry.Config, [.. entry.TaskConfigs.Select((_, i) => new ConnectorTaskId(entry.Name, i))], TypeOf(entry));

    private ConnectorStateInfo Status(ConnectorEntry entry) =>
        new(entry.Name, _status.Connector(entry.Name), [.. entry.TaskConfigs.Select((_, i) => _status.Task(new ConnectorTaskId(entry.Name, i)))], TypeOf(entry));

    private string TypeOf(ConnectorEntry entry)
    {
        try
        {
            return Worker.IsSinkConnector(entry.Config) ? ConnectorType.Sink : ConnectorType.Source;
        }
        catch (Exception e) when (e is ConfigException or Api.Errors.ConnectException)
        {
            return ConnectorType.Unknown;
        }
    }

    private static TargetState TaskTarget(ConnectorEntry entry) => entry.Target == TargetState.Paused ? TargetState.Paused : TargetState.Started;

    private async Task StartConnectorAsync(ConnectorEntry entry)
    {
        if (await StartConnectorCoreAsync(entry).ConfigureAwait(false) && entry.Target == TargetState.Started)
        {
            await UpdateTasksAsync(entry).ConfigureAwait(false);
        }
    }

    private Task<bool> StartConnectorCoreAsync(ConnectorEntry entry) =>
        Worker.StartConnectorAsync(entry.Name, entry.Config, new HerderConnectorContext(this, entry.Name), entry.Target);

    /// <summary>Regenerates the task configs and, when they changed, replaces the running tasks.</summary>
    private async Task UpdateTasksAsync(ConnectorEntry entry)
    {
        if (!Worker.IsRunning(entry.Name))
        {
            return;
        }

        IReadOnlyList<IReadOnlyDictionary<string, string>> configs;
        try
        {
            var tasksMax = new ConnectorConfig(Worker.Plugins, entry.Config, Worker.Config.Originals).TasksMax;
            configs = Worker.ConnectorTaskConfigs(entry.Name, tasksMax);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Failed to generate task configs for connector {Connector}", entry.Name);
            _status.OnConnectorFailure(entry.Name, e.ToString());
            return;
        }

        if (SameConfigs(configs, entry.TaskConfigs) && Worker.TasksOf(entry.Name).Count == configs.Count)
        {
            return;
        }

        await StopTasksAsync(entry).ConfigureAwait(false);
        entry.TaskConfigs = configs;
        for (var i = 0; i < configs.Count; i++)
        {
            await Worker.StartTaskAsync(new ConnectorTaskId(entry.Name, i), entry.Config, configs[i], TaskTarget(entry)).ConfigureAwait(false);
        }
    }

    private async Task StopTasksAsync(ConnectorEntry entry)
    {
        var ids = Worker.TasksOf(entry.Name);
        await Worker.StopAndAwaitTasksAsync(ids).ConfigureAwait(false);
        _status.RemoveTasks(Enumerable.Range(0, entry.TaskConfigs.Count).Select(i => new ConnectorTaskId(entry.Name, i)).Concat(ids));
    }

    private static bool SameConfigs(IReadOnlyList<IReadOnlyDictionary<string, string>> a, IReadOnlyList<IReadOnlyDictionary<string, string>> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (a[i].Count != b[i].Count || a[i].Any(kv => !b[i].TryGetValue(kv.Key, out var v) || v != kv.Value))
            {
                return false;
            }
        }

        return true;
    }

    private void RequestReconfiguration(string connector)
    {
        _ = Task.Run(async () =>
        {
            try
            {
                await _gate.WaitAsync(_disposed.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                if (_connectors.TryGetValue(connector, out var entry) && entry.Target == TargetState.Started)
                {
                    await UpdateTasksAsync(entry).ConfigureAwait(false);
                }
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Task reconfiguration of {Connector} failed", connector);
            }
            finally
            {
                _gate.Release();
            }
        });
    }

    private sealed class ConnectorEntry(string name, IReadOnlyDictionary<string, string> config, TargetState target)
    {
        public string Name { get; } = name;

        public IReadOnlyDictionary<string, string> Config { get; set; } = config;

        public TargetState Target { get; set; } = target;

        public IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs { get; set; } = [];
    }

    private sealed class HerderConnectorContext(StandaloneHerder herder, string connector) : IConnectorContext
    {
        public void RequestTaskReconfiguration() => herder.RequestReconfiguration(connector);

        public void RaiseError(Exception error)
        {
            // The worker already marked the connector FAILED with this error's trace.
        }
    }
}
