using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Client.Consumer;
using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>
/// Connector configs, task configs and target states in config.storage.topic (one partition), in
/// Kafka Connect's record formats (<see cref="ConfigRecordCodec"/>). The reader task applies every
/// record to the state and publishes an immutable <see cref="ClusterConfigState"/>; task records
/// are held back until their <c>commit-</c> record, and a commit whose task records are missing
/// marks the connector inconsistent (Kafka's rule, so a half-written reconfiguration never runs).
/// Writes return once the store has read its own write back.
/// <para>Threads: the state is mutated only on the log's reader task; <see cref="Snapshot"/> is a
/// volatile read; writes may come from any thread.</para>
/// </summary>
public sealed class KafkaConfigBackingStore : IAsyncDisposable
{
    private readonly KafkaBasedLog _log;
    private readonly ILogger _logger;

    // Reader-task state.
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _connectorConfigs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TargetState> _targetStates = new(StringComparer.Ordinal);
    private readonly Dictionary<ConnectorTaskId, IReadOnlyDictionary<string, string>> _taskConfigs = [];
    private readonly Dictionary<string, int> _taskCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<int, IReadOnlyDictionary<string, string>>> _deferredTasks = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inconsistent = new(StringComparer.Ordinal);
    private SessionKey? _sessionKey;

    private volatile ClusterConfigState _snapshot = ClusterConfigState.Empty;

    public KafkaConfigBackingStore(KafkaBasedLogOptions options, ILoggerFactory? loggers = null)
    {
        _log = new KafkaBasedLog(options with { Partitions = 1 }, OnRecord, loggers);
        _logger = (loggers ?? NullLoggerFactory.Instance).CreateLogger("Pipeline.Connect.Distributed.ConfigStore");
    }

    /// <summary>Told about each change as it is read; set before <see cref="StartAsync"/>.</summary>
    public IConfigUpdateListener? Listener { get; set; }

    public Task StartAsync(CancellationToken cancellationToken) => _log.StartAsync(cancellationToken);

    /// <summary>The state as of the last record read.</summary>
    public ClusterConfigState Snapshot() => _snapshot;

    /// <summary>Reads to the end of the topic (a worker catching up).</summary>
    public Task RefreshAsync(CancellationToken cancellationToken) => _log.ReadToEndAsync(cancellationToken);

    /// <summary>Writes a connector's config (and, when given, its target state first), then reads it back.</summary>
    public async Task PutConnectorConfigAsync(string connector, IReadOnlyDictionary<string, string> config, TargetState? targetState, CancellationToken cancellationToken)
    {
        if (targetState is { } state)
        {
            await SendAsync(ConfigRecordCodec.TargetStateKey(connector), ConfigRecordCodec.SerializeTargetState(state), cancellationToken).ConfigureAwait(false);
        }

        await SendAsync(ConfigRecordCodec.ConnectorKey(connector), ConfigRecordCodec.SerializeProperties(config), cancellationToken).ConfigureAwait(false);
        await _log.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Tombstones the connector's config and target state, then reads them back.</summary>
    public async Task RemoveConnectorConfigAsync(string connector, CancellationToken cancellationToken)
    {
        await SendAsync(ConfigRecordCodec.ConnectorKey(connector), null, cancellationToken).ConfigureAwait(false);
        await SendAsync(ConfigRecordCodec.TargetStateKey(connector), null, cancellationToken).ConfigureAwait(false);
        await _log.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes each task's config, then the commit record that makes them visible, reading to the end in between (Kafka's order).</summary>
    public async Task PutTaskConfigsAsync(string connector, IReadOnlyList<IReadOnlyDictionary<string, string>> configs, CancellationToken cancellationToken)
    {
        await _log.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < configs.Count; i++)
        {
            await SendAsync(ConfigRecordCodec.TaskKey(new ConnectorTaskId(connector, i)), ConfigRecordCodec.SerializeProperties(configs[i]), cancellationToken).ConfigureAwait(false);
        }

        if (configs.Count > 0)
        {
            await _log.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }

        await SendAsync(ConfigRecordCodec.CommitKey(connector), ConfigRecordCodec.SerializeCommit(configs.Count), cancellationToken).ConfigureAwait(false);
        await _log.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task PutTargetStateAsync(string connector, TargetState state, CancellationToken cancellationToken)
    {
        await SendAsync(ConfigRecordCodec.TargetStateKey(connector), ConfigRecordCodec.SerializeTargetState(state), cancellationToken).ConfigureAwait(false);
        await _log.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task PutRestartRequestAsync(RestartRequest request, CancellationToken cancellationToken)
    {
        await SendAsync(ConfigRecordCodec.RestartKey(request.Connector), ConfigRecordCodec.SerializeRestart(request), cancellationToken).ConfigureAwait(false);
        await _log.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task PutSessionKeyAsync(SessionKey key, CancellationToken cancellationToken)
    {
        await SendAsync(ConfigRecordCodec.SessionKeyKey, ConfigRecordCodec.SerializeSessionKey(key), cancellationToken).ConfigureAwait(false);
        await _log.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _log.DisposeAsync();

    private Task SendAsync(string key, byte[]? value, CancellationToken cancellationToken) =>
        _log.SendAsync(Encoding.UTF8.GetBytes(key), value, cancellationToken);

    private void OnRecord(ConsumeResult<byte[]?, byte[]?> record)
    {
        var key = record.Message?.Key is { } k ? Encoding.UTF8.GetString(k) : null;
        Action<IConfigUpdateListener>? notify = null;
        try
        {
            if (key is not null)
            {
                notify = Apply(key, ConfigRecordCodec.Payload(record.Message!.Value));
            }
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            DistributedLog.LogConfigRecordIgnored(_logger, key ?? "(null)", e.Message);
        }

        // The listener sees a snapshot that already includes the record.
        Publish(record.Offset + 1);
        if (notify is not null && Listener is { } listener)
        {
            notify(listener);
        }
    }

    /// <summary>Applies one record to the reader-task state; returns what to tell the listener.</summary>
    private Action<IConfigUpdateListener>? Apply(string key, JsonElement? value)
    {
        if (key.StartsWith(ConfigRecordCodec.TargetStatePrefix, StringComparison.Ordinal))
        {
            var connector = key[ConfigRecordCodec.TargetStatePrefix.Length..];
            if (value is { } v)
            {
                _targetStates[connector] = ConfigRecordCodec.ReadTargetState(v);
            }
            else
            {
                _targetStates.Remove(connector);
            }

            return l => l.OnConnectorTargetStateChange(connector);
        }
        else if (key.StartsWith(ConfigRecordCodec.ConnectorPrefix, StringComparison.Ordinal))
        {
            var connector = key[ConfigRecordCodec.ConnectorPrefix.Length..];
            if (value is { } v)
            {
                _connectorConfigs[connector] = ConfigRecordCodec.ReadProperties(v);
                return l => l.OnConnectorConfigUpdate(connector);
            }

            RemoveConnector(connector);
            return l => l.OnConnectorConfigRemove(connector);
        }
        else if (key.StartsWith(ConfigRecordCodec.TaskPrefix, StringComparison.Ordinal))
        {
            if (!ConfigRecordCodec.TryParseTaskKey(key, out var id))
            {
                throw new FormatException("malformed task key");
            }

            if (value is { } v)
            {
                if (!_deferredTasks.TryGetValue(id.Connector, out var deferred))
                {
                    _deferredTasks[id.Connector] = deferred = [];
                }

                deferred[id.Task] = ConfigRecordCodec.ReadProperties(v);
            }

            return null;
        }
        else if (key.StartsWith(ConfigRecordCodec.CommitPrefix, StringComparison.Ordinal))
        {
            var connector = key[ConfigRecordCodec.CommitPrefix.Length..];
            if (value is { } v)
            {
                var (applied, updated) = ApplyCommit(connector, ConfigRecordCodec.ReadCommit(v));
                if (applied)
                {
                    // Also for zero tasks: the connector's tasks changed (to none).
                    return l => l.OnTaskConfigUpdate(connector, updated);
                }
            }

            return null;
        }
        else if (key.StartsWith(ConfigRecordCodec.RestartPrefix, StringComparison.Ordinal))
        {
            if (value is { } v)
            {
                var request = ConfigRecordCodec.ReadRestart(key[ConfigRecordCodec.RestartPrefix.Length..], v);
                return l => l.OnRestartRequest(request);
            }

            return null;
        }
        else if (key == ConfigRecordCodec.SessionKeyKey)
        {
            if (value is { } v)
            {
                var sessionKey = ConfigRecordCodec.ReadSessionKey(v);
                _sessionKey = sessionKey;
                return l => l.OnSessionKeyUpdate(sessionKey);
            }

            return null;
        }

        throw new FormatException("unknown key");
    }

    private (bool Applied, List<ConnectorTaskId> Updated) ApplyCommit(string connector, int count)
    {
        _deferredTasks.TryGetValue(connector, out var deferred);
        deferred ??= [];
        for (var i = 0; i < count; i++)
        {
            if (!deferred.ContainsKey(i))
            {
                // Kafka: the commit names tasks whose configs were not all written; keep the old
                // tasks and wait for a complete reconfiguration.
                _inconsistent.Add(connector);
                deferred.Clear();
                DistributedLog.LogConfigRecordIgnored(_logger, ConfigRecordCodec.CommitKey(connector), $"task configs incomplete for {count} tasks; connector marked inconsistent");
                return (false, []);
            }
        }

        var previous = _taskCounts.GetValueOrDefault(connector);
        for (var i = count; i < previous; i++)
        {
            _taskConfigs.Remove(new ConnectorTaskId(connector, i));
        }

        var updated = new List<ConnectorTaskId>(count);
        for (var i = 0; i < count; i++)
        {
            var id = new ConnectorTaskId(connector, i);
            _taskConfigs[id] = deferred[i];
            updated.Add(id);
        }

        _taskCounts[connector] = count;
        _inconsistent.Remove(connector);
        deferred.Clear();
        return (true, updated);
    }

    private void RemoveConnector(string connector)
    {
        _connectorConfigs.Remove(connector);
        _targetStates.Remove(connector);
        var count = _taskCounts.GetValueOrDefault(connector);
        for (var i = 0; i < count; i++)
        {
            _taskConfigs.Remove(new ConnectorTaskId(connector, i));
        }

        _taskCounts.Remove(connector);
        _deferredTasks.Remove(connector);
        _inconsistent.Remove(connector);
    }

    private void Publish(long offset)
    {
        _snapshot = new ClusterConfigState(
            offset,
            _connectorConfigs.ToDictionary(StringComparer.Ordinal),
            _targetStates.ToDictionary(StringComparer.Ordinal),
            _taskConfigs.ToDictionary(),
            _taskCounts.ToDictionary(StringComparer.Ordinal),
            _inconsistent.ToHashSet(StringComparer.Ordinal),
            _sessionKey);
    }
}
