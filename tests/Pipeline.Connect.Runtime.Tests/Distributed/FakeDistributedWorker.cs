using System.Collections.Concurrent;
using Pipeline.Connect.Runtime.Distributed;
using Pipeline.Connect.Runtime.Herder;
using Pipeline.Connect.Runtime.Rest.Entities;

namespace Pipeline.Connect.Runtime.Tests.Distributed;

/// <summary>
/// A worker that runs nothing: it records which connectors and tasks it runs (in a registry shared
/// by the workers of one test, which fails when a task runs on two workers at once), generates
/// tasks.max task configs, and reports states like the real worker.
/// </summary>
internal sealed class FakeDistributedWorker(DistributedHerderContext context, FakeWorkerRegistry registry) : IDistributedWorker
{
    private readonly ConcurrentDictionary<string, TargetState> _connectors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ConnectorTaskId, TargetState> _tasks = new();
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> _configs = new(StringComparer.Ordinal);

    public string WorkerId => context.WorkerId;

    public IReadOnlyCollection<ConnectorTaskId> RunningTasks => _tasks.Keys.ToList();

    public Task StartConnectorAsync(string connector, IReadOnlyDictionary<string, string> config, TargetState targetState, CancellationToken cancellationToken)
    {
        _connectors[connector] = targetState;
        _configs[connector] = config;
        registry.Started(connector, WorkerId);
        Report(connector, targetState);
        return Task.CompletedTask;
    }

    public Task StopConnectorAsync(string connector, CancellationToken cancellationToken)
    {
        if (_connectors.TryRemove(connector, out _))
        {
            registry.Stopped(connector, WorkerId);
            context.StatusListener.OnConnectorShutdown(connector);
        }

        return Task.CompletedTask;
    }

    public bool IsConnectorRunning(string connector) => _connectors.ContainsKey(connector);

    public Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> ConnectorTaskConfigsAsync(string connector, CancellationToken cancellationToken)
    {
        var config = _configs[connector];
        var count = int.Parse(config.GetValueOrDefault("tasks.max", "1"), System.Globalization.CultureInfo.InvariantCulture);
        IReadOnlyList<IReadOnlyDictionary<string, string>> tasks = Enumerable.Range(0, count)
            .Select(i => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(config) { ["task.index"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            .ToList();
        return Task.FromResult(tasks);
    }

    public Task StartTaskAsync(ConnectorTaskId task, IReadOnlyDictionary<string, string> connectorConfig, IReadOnlyDictionary<string, string> taskConfig, TargetState targetState, CancellationToken cancellationToken)
    {
        _tasks[task] = targetState;
        registry.Started(task, WorkerId);
        if (targetState == TargetState.Paused)
        {
            context.StatusListener.OnTaskPause(task);
        }
        else
        {
            context.StatusListener.OnTaskStartup(task);
        }

        return Task.CompletedTask;
    }

    public Task StopTasksAsync(IReadOnlyCollection<ConnectorTaskId> tasks, CancellationToken cancellationToken)
    {
        foreach (var task in tasks)
        {
            if (_tasks.TryRemove(task, out _))
            {
                registry.Stopped(task, WorkerId);
                context.StatusListener.OnTaskShutdown(task);
            }
        }

        return Task.CompletedTask;
    }

    public bool IsTaskRunning(ConnectorTaskId task) => _tasks.ContainsKey(task);

    public Task SetTargetStateAsync(string connector, TargetState state, CancellationToken cancellationToken)
    {
        if (_connectors.ContainsKey(connector))
        {
            _connectors[connector] = state;
            Report(connector, state);
        }

        foreach (var task in _tasks.Keys.Where(t => t.Connector == connector))
        {
            _tasks[task] = state;
            if (state == TargetState.Paused)
            {
                context.StatusListener.OnTaskPause(task);
            }
            else
            {
                context.StatusListener.OnTaskRunning(task);
            }
        }

        return Task.CompletedTask;
    }

    public TargetState? TaskState(ConnectorTaskId task) => _tasks.TryGetValue(task, out var state) ? state : null;

    public string ConnectorTypeOf(IReadOnlyDictionary<string, string> config) => ConnectorType.Source;

    public Task<ConfigInfos> ValidateConnectorConfigAsync(IReadOnlyDictionary<string, string> config, CancellationToken cancellationToken)
    {
        var errors = config.ContainsKey("connector.class") ? 0 : 1;
        var value = new ConfigValueInfo("connector.class", config.GetValueOrDefault("connector.class"), [], errors == 0 ? [] : ["Missing required configuration \"connector.class\" which has no default value."], true);
        return Task.FromResult(new ConfigInfos("Fake", errors, [], [new ConfigInfo(null, value)]));
    }

    public IReadOnlyList<PluginInfo> Plugins(bool connectorsOnly) => [];

    public IReadOnlyList<ConfigKeyInfo> PluginConfig(string plugin) => [];

    private void Report(string connector, TargetState state)
    {
        switch (state)
        {
            case TargetState.Paused:
                context.StatusListener.OnConnectorPause(connector);
                break;
            case TargetState.Stopped:
                context.StatusListener.OnConnectorStopped(connector);
                break;
            default:
                context.StatusListener.OnConnectorStartup(connector);
                break;
        }
    }
}
