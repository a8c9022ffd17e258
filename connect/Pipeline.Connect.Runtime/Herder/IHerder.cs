using Pipeline.Connect.Runtime.Rest.Entities;

namespace Pipeline.Connect.Runtime.Herder;

/// <summary>
/// The boundary between the REST API and a worker cluster: what <c>/connectors</c> and
/// <c>/connector-plugins</c> do. Implemented by the standalone herder (one worker, configs in
/// memory, offsets in a file) and the distributed herder (a group of workers, configs, offsets and
/// status in compacted topics). Failures are <see cref="ConnectRestException"/> with their HTTP
/// status; a distributed follower throws <see cref="NotLeaderException"/> for writes.
/// </summary>
public interface IHerder : IAsyncDisposable
{
    /// <summary>This worker's id (its advertised host:port).</summary>
    string WorkerId { get; }

    /// <summary>The Kafka cluster id of the broker the worker uses (for <c>GET /</c>).</summary>
    string KafkaClusterId { get; }

    /// <summary>Starts: creates/reads internal topics, joins the group (distributed), starts stored connectors.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Names of the connectors, sorted.</summary>
    Task<IReadOnlyList<string>> ConnectorsAsync(CancellationToken cancellationToken);

    /// <summary>A connector's config, tasks and type; 404 when unknown.</summary>
    Task<ConnectorInfo> ConnectorInfoAsync(string connector, CancellationToken cancellationToken);

    /// <summary>A connector's config; 404 when unknown.</summary>
    Task<IReadOnlyDictionary<string, string>> ConnectorConfigAsync(string connector, CancellationToken cancellationToken);

    /// <summary>
    /// Creates or (with <paramref name="allowReplace"/>) updates a connector. 409 when it exists and
    /// replacing is not allowed; 400 with every validation error when the config is invalid.
    /// </summary>
    Task<PutConnectorResult> PutConnectorConfigAsync(string connector, IReadOnlyDictionary<string, string> config, bool allowReplace, TargetState? initialState, CancellationToken cancellationToken);

    /// <summary>Deletes a connector and stops its tasks; 404 when unknown.</summary>
    Task DeleteConnectorAsync(string connector, CancellationToken cancellationToken);

    /// <summary>Connector and task states with worker ids and traces; 404 when unknown.</summary>
    Task<ConnectorStateInfo> ConnectorStatusAsync(string connector, CancellationToken cancellationToken);

    /// <summary>One task's state; 404 when unknown.</summary>
    Task<TaskState> TaskStatusAsync(ConnectorTaskId id, CancellationToken cancellationToken);

    /// <summary>The task configs the connector generated.</summary>
    Task<IReadOnlyList<TaskInfo>> TaskConfigsAsync(string connector, CancellationToken cancellationToken);

    /// <summary>
    /// Restarts the connector, and with <paramref name="includeTasks"/> its tasks (only the failed
    /// ones with <paramref name="onlyFailed"/>). Returns the status after the restart was planned
    /// (instances being restarted show RESTARTING) when tasks are included, else null.
    /// </summary>
    Task<ConnectorStateInfo?> RestartConnectorAsync(string connector, bool includeTasks, bool onlyFailed, CancellationToken cancellationToken);

    /// <summary>Restarts one task; 404 when unknown.</summary>
    Task RestartTaskAsync(ConnectorTaskId id, CancellationToken cancellationToken);

    /// <summary>Pauses, resumes or stops a connector and its tasks.</summary>
    Task SetTargetStateAsync(string connector, TargetState state, CancellationToken cancellationToken);

    /// <summary>Validates a config against its connector plugin (per-setting errors; never throws for bad values, 400 for a missing or unknown connector.class).</summary>
    Task<ConfigInfos> ValidateConnectorConfigAsync(IReadOnlyDictionary<string, string> config, CancellationToken cancellationToken);

    /// <summary>The installed plugins; only connectors unless <paramref name="connectorsOnly"/> is false.</summary>
    IReadOnlyList<PluginInfo> Plugins(bool connectorsOnly);

    /// <summary>The config definition of a plugin; 404 when unknown.</summary>
    IReadOnlyList<ConfigKeyInfo> PluginConfig(string plugin);

    /// <summary>The committed offsets of a connector (source partitions and offsets, or sink topic partitions).</summary>
    Task<ConnectorOffsets> ConnectorOffsetsAsync(string connector, CancellationToken cancellationToken);

    /// <summary>Alters offsets (connector must be STOPPED, else 400); returns the message of the answer.</summary>
    Task<string> AlterConnectorOffsetsAsync(string connector, ConnectorOffsets offsets, CancellationToken cancellationToken);

    /// <summary>Resets all offsets (connector must be STOPPED, else 400); returns the message of the answer.</summary>
    Task<string> ResetConnectorOffsetsAsync(string connector, CancellationToken cancellationToken);

    /// <summary>The topics the connector has used since creation or the last reset.</summary>
    Task<IReadOnlyList<string>> ConnectorActiveTopicsAsync(string connector, CancellationToken cancellationToken);

    /// <summary>Forgets the connector's active topics.</summary>
    Task ResetConnectorActiveTopicsAsync(string connector, CancellationToken cancellationToken);
}
