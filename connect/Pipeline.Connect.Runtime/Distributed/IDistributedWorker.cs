using Pipeline.Connect.Runtime.Herder;
using Pipeline.Connect.Runtime.Rest.Entities;

namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>
/// What the distributed herder needs from the worker that runs connectors and tasks (Kafka's
/// Worker as DistributedHerder uses it). The worker reports states to the herder through the
/// status listener it was built with, and a connector's RequestTaskReconfiguration through the
/// callback it was built with. Calls come from the herder loop only.
/// </summary>
public interface IDistributedWorker
{
    /// <summary>Starts a connector instance in <paramref name="targetState"/>; a failure is reported as FAILED status, not thrown.</summary>
    Task StartConnectorAsync(string connector, IReadOnlyDictionary<string, string> config, TargetState targetState, CancellationToken cancellationToken);

    /// <summary>Stops a connector instance and waits for it (no-op when not running).</summary>
    Task StopConnectorAsync(string connector, CancellationToken cancellationToken);

    bool IsConnectorRunning(string connector);

    /// <summary>The running connector's task configs (Connector.TaskConfigs with its tasks.max), each already merged with the framework settings the task needs.</summary>
    Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> ConnectorTaskConfigsAsync(string connector, CancellationToken cancellationToken);

    /// <summary>Starts a task; a failure is reported as FAILED status, not thrown.</summary>
    Task StartTaskAsync(ConnectorTaskId task, IReadOnlyDictionary<string, string> connectorConfig, IReadOnlyDictionary<string, string> taskConfig, TargetState targetState, CancellationToken cancellationToken);

    /// <summary>Stops the tasks and waits for them to finish (committing what they can).</summary>
    Task StopTasksAsync(IReadOnlyCollection<ConnectorTaskId> tasks, CancellationToken cancellationToken);

    bool IsTaskRunning(ConnectorTaskId task);

    /// <summary>Moves a running connector and its running tasks to <paramref name="state"/>.</summary>
    Task SetTargetStateAsync(string connector, TargetState state, CancellationToken cancellationToken);

    /// <summary><see cref="ConnectorType"/> of a config's connector.class: source, sink or unknown.</summary>
    string ConnectorTypeOf(IReadOnlyDictionary<string, string> config);

    /// <summary>Validates a connector config (never throws for bad values; 400 for a missing or unknown class).</summary>
    Task<ConfigInfos> ValidateConnectorConfigAsync(IReadOnlyDictionary<string, string> config, CancellationToken cancellationToken);

    IReadOnlyList<PluginInfo> Plugins(bool connectorsOnly);

    IReadOnlyList<ConfigKeyInfo> PluginConfig(string plugin);
}
