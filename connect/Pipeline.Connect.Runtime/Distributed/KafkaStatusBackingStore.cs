using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Client.Consumer;
using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>
/// Connector, task and topic statuses in status.storage.topic (Kafka's KafkaStatusBackingStore,
/// formats in <see cref="StatusRecordCodec"/>). Every worker reads the whole topic, so any of them
/// answers status requests. A write is applied to the local cache at once (the writer reads its
/// own status without waiting for the round trip) and again when it comes back from the topic.
/// <see cref="PutSafeAsync(string, StatusRecord, CancellationToken)"/> does not overwrite a status
/// that another worker wrote in a newer generation (a zombie cannot hide the new owner's state).
/// <para>Threads: the caches are written by the reader task and by writers, under one lock.</para>
/// </summary>
public sealed class KafkaStatusBackingStore : IAsyncDisposable
{
    private readonly KafkaBasedLog _log;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly Dictionary<string, StatusRecord> _connectors = new(StringComparer.Ordinal);
    private readonly Dictionary<ConnectorTaskId, StatusRecord> _tasks = [];
    private readonly Dictionary<string, Dictionary<string, TopicStatus>> _topics = new(StringComparer.Ordinal);

    public KafkaStatusBackingStore(KafkaBasedLogOptions options, ILoggerFactory? loggers = null)
    {
        _log = new KafkaBasedLog(options, OnRecord, loggers);
        _logger = (loggers ?? NullLoggerFactory.Instance).CreateLogger("Pipeline.Connect.Distributed.StatusStore");
    }

    public Task StartAsync(CancellationToken cancellationToken) => _log.StartAsync(cancellationToken);

    public Task RefreshAsync(CancellationToken cancellationToken) => _log.ReadToEndAsync(cancellationToken);

    public Task PutAsync(string connector, StatusRecord status, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _connectors[connector] = status;
        }

        return SendAsync(StatusRecordCodec.ConnectorKey(connector), StatusRecordCodec.Serialize(status), cancellationToken);
    }

    public Task PutAsync(ConnectorTaskId task, StatusRecord status, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _tasks[task] = status;
        }

        return SendAsync(StatusRecordCodec.TaskKey(task), StatusRecordCodec.Serialize(status), cancellationToken);
    }

    /// <summary>Writes unless the cached status comes from another worker in a newer generation.</summary>
    public Task PutSafeAsync(string connector, StatusRecord status, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_connectors.TryGetValue(connector, out var current) && IsNewerFromElsewhere(current, status))
            {
                return Task.CompletedTask;
            }
        }

        return PutAsync(connector, status, cancellationToken);
    }

    /// <inheritdoc cref="PutSafeAsync(string, StatusRecord, CancellationToken)"/>
    public Task PutSafeAsync(ConnectorTaskId task, StatusRecord status, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_tasks.TryGetValue(task, out var current) && IsNewerFromElsewhere(current, status))
            {
                return Task.CompletedTask;
            }
        }

        return PutAsync(task, status, cancellationToken);
    }

    /// <summary>Tombstones a deleted connector's status (Kafka writes DESTROYED as a null value).</summary>
    public Task DeleteAsync(string connector, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _connectors.Remove(connector);
        }

        return SendAsync(StatusRecordCodec.ConnectorKey(connector), null, cancellationToken);
    }

    public Task DeleteAsync(ConnectorTaskId task, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _tasks.Remove(task);
        }

        return SendAsync(StatusRecordCodec.TaskKey(task), null, cancellationToken);
    }

    public Task PutTopicAsync(TopicStatus status, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_topics.TryGetValue(status.Connector, out var known) && known.ContainsKey(status.Topic))
            {
                return Task.CompletedTask;
            }

            SetTopic(status);
        }

        return SendAsync(StatusRecordCodec.TopicKey(status.Topic, status.Connector), StatusRecordCodec.Serialize(status), cancellationToken);
    }

    public Task DeleteTopicAsync(string connector, string topic, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            RemoveTopic(connector, topic);
        }

        return SendAsync(StatusRecordCodec.TopicKey(topic, connector), null, cancellationToken);
    }

    public StatusRecord? Get(string connector)
    {
        lock (_gate)
        {
            return _connectors.GetValueOrDefault(connector);
        }
    }

    public StatusRecord? Get(ConnectorTaskId task)
    {
        lock (_gate)
        {
            return _tasks.GetValueOrDefault(task);
        }
    }

    /// <summary>The known task statuses of a connector by task number.</summary>
    public IReadOnlyDictionary<int, StatusRecord> GetAll(string connector)
    {
        lock (_gate)
        {
            var result = new SortedDictionary<int, StatusRecord>();
            foreach (var (id, status) in _tasks)
            {
                if (id.Connector == connector)
                {
                    result[id.Task] = status;
                }
            }

            return result;
        }
    }

    public IReadOnlyList<TopicStatus> GetAllTopics(string connector)
    {
        lock (_gate)
        {
            return _topics.TryGetValue(connector, out var topics) ? topics.Values.OrderBy(t => t.Topic, StringComparer.Ordinal).ToList() : [];
        }
    }

    public IReadOnlyCollection<string> Connectors()
    {
        lock (_gate)
        {
            return _connectors.Keys.ToList();
        }
    }

    public ValueTask DisposeAsync() => _log.DisposeAsync();

    private static bool IsNewerFromElsewhere(StatusRecord current, StatusRecord next) =>
        current.WorkerId != next.WorkerId && current.Generation > next.Generation;

    private Task SendAsync(string key, byte[]? value, CancellationToken cancellationToken) =>
        _log.SendAsync(Encoding.UTF8.GetBytes(key), value, cancellationToken);

    private void OnRecord(ConsumeResult<byte[]?, byte[]?> record)
    {
        if (record.Message?.Key is not { } keyBytes)
        {
            return;
        }

        var key = Encoding.UTF8.GetString(keyBytes);
        var value = record.Message.Value;
        try
        {
            lock (_gate)
            {
                Apply(key, value);
            }
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            DistributedLog.LogStatusRecordIgnored(_logger, key, e.Message);
        }
    }

    private void Apply(string key, byte[]? value)
    {
        if (key.StartsWith(StatusRecordCodec.ConnectorPrefix, StringComparison.Ordinal))
        {
            var connector = key[StatusRecordCodec.ConnectorPrefix.Length..];
            if (value is null)
            {
                _connectors.Remove(connector);
            }
            else
            {
                _connectors[connector] = StatusRecordCodec.ReadStatus(value);
            }
        }
        else if (key.StartsWith(StatusRecordCodec.TaskPrefix, StringComparison.Ordinal))
        {
            if (!StatusRecordCodec.TryParseTaskKey(key, out var id))
            {
                throw new FormatException("malformed task status key");
            }

            if (value is null)
            {
                _tasks.Remove(id);
            }
            else
            {
                _tasks[id] = StatusRecordCodec.ReadStatus(value);
            }
        }
        else if (key.StartsWith(StatusRecordCodec.TopicPrefix, StringComparison.Ordinal))
        {
            if (!StatusRecordCodec.TryParseTopicKey(key, out var topic, out var connector))
            {
                throw new FormatException("malformed topic status key");
            }

            if (value is null)
            {
                RemoveTopic(connector, topic);
            }
            else
            {
                SetTopic(StatusRecordCodec.ReadTopic(value));
            }
        }
        else
        {
            throw new FormatException("unknown key");
        }
    }

    private void SetTopic(TopicStatus status)
    {
        if (!_topics.TryGetValue(status.Connector, out var topics))
        {
            _topics[status.Connector] = topics = new Dictionary<string, TopicStatus>(StringComparer.Ordinal);
        }

        topics[status.Topic] = status;
    }

    private void RemoveTopic(string connector, string topic)
    {
        if (_topics.TryGetValue(connector, out var topics))
        {
            topics.Remove(topic);
            if (topics.Count == 0)
            {
                _topics.Remove(connector);
            }
        }
    }
}
