using System.Globalization;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Connectors;
using Pipeline.Connect.Runtime.Config;
using Pipeline.Connect.Runtime.Herder;
using Pipeline.Connect.Runtime.Plugins;
using Pipeline.Connect.Runtime.Rest.Entities;
using Pipeline.Connect.Runtime.Worker;

namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>
/// The real <see cref="ConnectWorker"/> behind <see cref="IDistributedWorker"/>. The herder owns
/// the offset store (it is started with the other internal topics), so the worker's own
/// StartAsync is not called.
/// </summary>
public sealed class ConnectWorkerAdapter(ConnectWorker worker, DistributedHerderContext context) : IDistributedWorker, IAsyncDisposable
{
    public ConnectWorker Worker => worker;

    public Task StartConnectorAsync(string connector, IReadOnlyDictionary<string, string> config, TargetState targetState, CancellationToken cancellationToken)
    {
        Remember(connector, config);
        return worker.StartConnectorAsync(connector, config, new Context(context, connector), targetState);
    }

    public Task StopConnectorAsync(string connector, CancellationToken cancellationToken) => worker.StopConnectorAsync(connector);

    public bool IsConnectorRunning(string connector) => worker.IsRunning(connector);

    public Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> ConnectorTaskConfigsAsync(string connector, CancellationToken cancellationToken)
    {
        // tasks.max of the config the connector was started with; the worker enforces it.
        var max = MaxTasks(connector);
        return Task.Run(() => worker.ConnectorTaskConfigs(connector, max), cancellationToken);
    }

    public Task StartTaskAsync(ConnectorTaskId task, IReadOnlyDictionary<string, string> connectorConfig, IReadOnlyDictionary<string, string> taskConfig, TargetState targetState, CancellationToken cancellationToken) =>
        worker.StartTaskAsync(task, connectorConfig, taskConfig, targetState == TargetState.Paused ? TargetState.Paused : TargetState.Started);

    public Task StopTasksAsync(IReadOnlyCollection<ConnectorTaskId> tasks, CancellationToken cancellationToken) => worker.StopAndAwaitTasksAsync(tasks);

    public bool IsTaskRunning(ConnectorTaskId task) => worker.TaskIds.Contains(task);

    public Task SetTargetStateAsync(string connector, TargetState state, CancellationToken cancellationToken)
    {
        worker.SetTargetState(connector, state);
        return Task.CompletedTask;
    }

    public string ConnectorTypeOf(IReadOnlyDictionary<string, string> config)
    {
        try
        {
            return worker.IsSinkConnector(config) ? ConnectorType.Sink : ConnectorType.Source;
        }
        catch (Exception e) when (e is ConfigException or Api.Errors.ConnectException or InvalidOperationException)
        {
            return ConnectorType.Unknown;
        }
    }

    public Task<ConfigInfos> ValidateConnectorConfigAsync(IReadOnlyDictionary<string, string> config, CancellationToken cancellationToken)
    {
        try
        {
            return Task.FromResult(ConfigValidation.Validate(worker.Plugins, config, worker.Config.Originals));
        }
        catch (ConfigException e)
        {
            throw ConnectRestException.BadRequest(e.Message);
        }
    }

    public IReadOnlyList<PluginInfo> Plugins(bool connectorsOnly) =>
        [.. worker.Plugins.Plugins
            .Where(p => !connectorsOnly || p.IsConnector)
            .OrderBy(p => PluginKinds.All.ToList().IndexOf(p.Kind))
            .ThenBy(p => p.ClassName, StringComparer.Ordinal)
            .Select(p => new PluginInfo(p.ClassName, p.Kind.RestName(), p.Version))
            .DistinctBy(p => (p.Class, p.Type))];

    public IReadOnlyList<ConfigKeyInfo> PluginConfig(string plugin) => ConfigValidation.PluginConfig(worker.Plugins, plugin);

    public ValueTask DisposeAsync() => worker.DisposeAsync();

    private int MaxTasks(string connector) => _maxTasks.TryGetValue(connector, out var max) ? max : 1;

    private readonly Dictionary<string, int> _maxTasks = new(StringComparer.Ordinal);

    /// <summary>Remembers tasks.max of a config (called before a connector starts).</summary>
    private void Remember(string connector, IReadOnlyDictionary<string, string> config) =>
        _maxTasks[connector] = config.TryGetValue(ConnectorConfigNames.TasksMax, out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var max) ? max : 1;

    private sealed class Context(DistributedHerderContext herder, string connector) : IConnectorContext
    {
        public void RequestTaskReconfiguration() => herder.RequestTaskReconfiguration(connector);

        public void RaiseError(Exception error) => herder.StatusListener.OnConnectorFailure(connector, error.ToString());
    }
}
