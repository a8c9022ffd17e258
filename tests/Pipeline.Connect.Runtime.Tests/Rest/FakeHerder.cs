using System.Text.Json;
using Pipeline.Connect.Runtime.Herder;
using Pipeline.Connect.Runtime.Rest.Entities;

namespace Pipeline.Connect.Runtime.Tests.Rest;

/// <summary>
/// An in-memory herder for the REST routing and error-body tests: connectors with one task each,
/// target states, offsets and topics kept in dictionaries. <see cref="Refuse"/> makes every write
/// throw (e.g. a <see cref="NotLeaderException"/>); <see cref="Hang"/> makes every call wait forever.
/// </summary>
internal sealed class FakeHerder : IHerder
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, Dictionary<string, string>> _configs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TargetState> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _topics = new(StringComparer.Ordinal);

    public string WorkerId => "127.0.0.1:8083";

    public string KafkaClusterId => "fake-cluster";

    public Func<Exception>? Refuse { get; set; }

    public bool Hang { get; set; }

    public Exception? Throw { get; set; }

    public ConnectorOffsets? LastAltered { get; private set; }

    public List<string> Restarts { get; } = [];

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<IReadOnlyList<string>> ConnectorsAsync(CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken);
        lock (_gate)
        {
            return [.. _configs.Keys];
        }
    }

    public async Task<ConnectorInfo> ConnectorInfoAsync(string connector, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken);
        lock (_gate)
        {
            return Info(connector);
        }
    }

    public async Task<IReadOnlyDictionary<string, string>> ConnectorConfigAsync(string connector, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken);
        lock (_gate)
        {
            return new Dictionary<string, string>(Config(connector));
        }
    }

    public async Task<PutConnectorResult> PutConnectorConfigAsync(string connector, IReadOnlyDictionary<string, string> config, bool allowReplace, TargetState? initialState, CancellationToken cancellationToken)
    {
        await EnterWriteAsync(cancellationToken);
        if (!config.TryGetValue("connector.class", out var cls) || cls.Length == 0)
        {
            throw ConnectRestException.BadRequest("Connector configuration is invalid and contains the following 1 error(s):\nMissing required configuration \"connector.class\" which has no default value.");
        }

        lock (_gate)
        {
            var exists = _configs.ContainsKey(connector);
            if (exists && !allowReplace)
            {
                throw ConnectRestException.Conflict($"Connector {connector} already exists");
            }

            _configs[connector] = new Dictionary<string, string>(config);
            if (!exists)
            {
                _states[connector] = initialState ?? TargetState.Started;
                _topics[connector] = [];
            }

            return new PutConnectorResult(!exists, Info(connector));
        }
    }

    public async Task DeleteConnectorAsync(string connector, CancellationToken cancellationToken)
    {
        await EnterWriteAsync(cancellationToken);
        lock (_gate)
        {
            Config(connector);
            _configs.Remove(connector);
            _states.Remove(connector);
        }
    }

    public async Task<ConnectorStateInfo> ConnectorStatusAsync(string connector, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken);
        lock (_gate)
        {
            return Status(connector, restarting: false);
        }
    }

    public async Task<TaskState> TaskStatusAsync(ConnectorTaskId id, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken);
        lock (_gate)
        {
            var status = Status(id.Connector, restarting: false);
            return status.Tasks.FirstOrDefault(t => t.Id == id.Task) ?? throw ConnectRestException.NotFound($"No status found for task {id}");
        }
    }

    public async Task<IReadOnlyList<TaskInfo>> TaskConfigsAsync(string connector, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken);
        lock (_gate)
        {
            var config = Config(connector);
            return _states[connector] == TargetState.Stopped ? [] : [new TaskInfo(new ConnectorTaskId(connector, 0), new Dictionary<string, string> { ["task.class"] = config["connector.class"] + "Task" })];
        }
    }

    public async Task<ConnectorStateInfo?> RestartConnectorAsync(string connector, bool includeTasks, bool onlyFailed, CancellationToken cancellationToken)
    {
        await EnterWriteAsync(cancellationToken);
        lock (_gate)
        {
            Restarts.Add($"{connector}:{includeTasks}:{onlyFailed}");
            var status = Status(connector, restarting: includeTasks && !onlyFailed);
            return includeTasks ? status : null;
        }
    }

    public async Task RestartTaskAsync(ConnectorTaskId id, CancellationToken cancellationToken)
    {
        await EnterWriteAsync(cancellationToken);
        lock (_gate)
        {
            if (id.Task != 0 || !_configs.ContainsKey(id.Connector))
            {
                throw ConnectRestException.NotFound($"Task {id} not found");
            }

            Restarts.Add(id.ToString());
        }
    }

    public async Task SetTargetStateAsync(string connector, TargetState state, CancellationToken cancellationToken)
    {
        await EnterWriteAsync(cancellationToken);
        lock (_gate)
        {
            Config(connector);
            _states[connector] = state;
        }
    }

    public TargetState StateOf(string connector)
    {
        lock (_gate)
        {
            return _states[connector];
        }
    }

    public async Task<ConfigInfos> ValidateConnectorConfigAsync(IReadOnlyDictionary<string, string> config, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken);
        var configs = new List<ConfigInfo>();
        var errors = 0;
        foreach (var (k, v) in config)
        {
            var fieldErrors = k == "file" && v.Length == 0 ? new[] { "file must not be empty" } : [];
            errors += fieldErrors.Length;
            configs.Add(new ConfigInfo(Definition(k), new ConfigValueInfo(k, v, [], fieldErrors, true)));
        }

        return new ConfigInfos(config["connector.class"], errors, ["Common"], configs);
    }

    public IReadOnlyList<PluginInfo> Plugins(bool connectorsOnly) => connectorsOnly
        ? [new PluginInfo("org.apache.kafka.connect.file.FileStreamSinkConnector", "sink", "1.0"), new PluginInfo("org.apache.kafka.connect.file.FileStreamSourceConnector", "source", "1.0")]
        : [new PluginInfo("org.apache.kafka.connect.file.FileStreamSinkConnector", "sink", "1.0"), new PluginInfo("org.apache.kafka.connect.file.FileStreamSourceConnector", "source", "1.0"), new PluginInfo("org.apache.kafka.connect.json.JsonConverter", "converter", null)];

    public IReadOnlyList<ConfigKeyInfo> PluginConfig(string plugin) => plugin is "FileStreamSink" or "FileStreamSinkConnector" or "org.apache.kafka.connect.file.FileStreamSinkConnector"
        ? [Definition("file"), Definition("topics")]
        : throw ConnectRestException.NotFound($"Unknown plugin {plugin}.");

    public async Task<ConnectorOffsets> ConnectorOffsetsAsync(string connector, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken);
        lock (_gate)
        {
            Config(connector);
        }

        using var partition = JsonDocument.Parse("{\"filename\":\"in.txt\"}");
        using var offset = JsonDocument.Parse("{\"position\":42}");
        return new ConnectorOffsets([new ConnectorOffset(partition.RootElement.Clone(), offset.RootElement.Clone())]);
    }

    public async Task<string> AlterConnectorOffsetsAsync(string connector, ConnectorOffsets offsets, CancellationToken cancellationToken)
    {
        await EnterWriteAsync(cancellationToken);
        lock (_gate)
        {
            Config(connector);
            if (_states[connector] != TargetState.Stopped)
            {
                throw ConnectRestException.BadRequest("Connectors must be in the STOPPED state before their offsets can be modified.");
            }

            LastAltered = offsets;
        }

        return "The offsets for this connector have been altered successfully";
    }

    public async Task<string> ResetConnectorOffsetsAsync(string connector, CancellationToken cancellationToken)
    {
        await EnterWriteAsync(cancellationToken);
        lock (_gate)
        {
            Config(connector);
        }

        return "The offsets for this connector have been reset successfully";
    }

    public async Task<IReadOnlyList<string>> ConnectorActiveTopicsAsync(string connector, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken);
        lock (_gate)
        {
            Config(connector);
            return [.. _topics[connector]];
        }
    }

    public void AddTopic(string connector, string topic)
    {
        lock (_gate)
        {
            _topics[connector].Add(topic);
        }
    }

    public async Task ResetConnectorActiveTopicsAsync(string connector, CancellationToken cancellationToken)
    {
        await EnterWriteAsync(cancellationToken);
        lock (_gate)
        {
            Config(connector);
            _topics[connector].Clear();
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static ConfigKeyInfo Definition(string name) =>
        new(name, "STRING", false, "", "HIGH", "doc of " + name, "Common", "NONE", name, [], 1);

    private async Task EnterAsync(CancellationToken cancellationToken)
    {
        if (Throw is { } e)
        {
            throw e;
        }

        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, CancellationToken.None);
        }

        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task EnterWriteAsync(CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken);
        if (Refuse is { } refuse)
        {
            throw refuse();
        }
    }

    private Dictionary<string, string> Config(string connector) =>
        _configs.TryGetValue(connector, out var config) ? config : throw ConnectRestException.NotFound($"Connector {connector} not found");

    private ConnectorInfo Info(string connector)
    {
        var config = Config(connector);
        var tasks = _states[connector] == TargetState.Stopped ? [] : new[] { new ConnectorTaskId(connector, 0) };
        return new ConnectorInfo(connector, new Dictionary<string, string>(config), tasks, config["connector.class"].Contains("Sink", StringComparison.Ordinal) ? ConnectorType.Sink : ConnectorType.Source);
    }

    private ConnectorStateInfo Status(string connector, bool restarting)
    {
        var info = Info(connector);
        var state = restarting ? StateNames.Restarting : _states[connector] switch
        {
            TargetState.Paused => StateNames.Paused,
            TargetState.Stopped => StateNames.Stopped,
            _ => StateNames.Running,
        };
        var tasks = info.Tasks.Select(t => new TaskState(t.Task, state == StateNames.Stopped ? StateNames.Unassigned : state, WorkerId)).ToList();
        return new ConnectorStateInfo(connector, new ConnectorState(state, WorkerId), tasks, info.Type);
    }
}
