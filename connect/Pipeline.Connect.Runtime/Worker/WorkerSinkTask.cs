using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Pipeline.Client;
using Pipeline.Client.Consumer;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Api.Sink;
using Pipeline.Connect.Runtime.Config;
using Pipeline.Connect.Runtime.Errors;
using Pipeline.Connect.Runtime.Herder;
using Pipeline.Connect.Runtime.Plugins;
using ApiTopicPartition = Pipeline.Connect.Api.TopicPartition;
using KafkaTopicPartition = Pipeline.Protocol.TopicPartition;

namespace Pipeline.Connect.Runtime.Worker;

/// <summary>
/// Runs a <see cref="SinkTask"/>: a consumer in group <c>connect-{connector}</c> reads the topics,
/// each record is converted (headers, key, value) and transformed, and batches go to PutAsync.
/// A <see cref="RetriableException"/> from PutAsync pauses every partition and retries the same
/// batch after the context's timeout. Offsets (the next offset after each delivered record) are
/// committed through PreCommitAsync every offset.flush.interval.ms, on RequestCommit, before
/// partitions are revoked and at shutdown. Everything, rebalance callbacks included (they run
/// inside Consume), happens on the task's loop; the consumer is never touched elsewhere.
/// </summary>
internal sealed class WorkerSinkTask : WorkerTask
{
    private const int MaxBatch = 500;

    private readonly WorkerServices _services;
    private readonly IReadOnlyDictionary<string, string> _connectorProps;
    private readonly IReadOnlyDictionary<string, string> _taskProps;
    private readonly Dictionary<ApiTopicPartition, long> _currentOffsets = [];
    private readonly Dictionary<ApiTopicPartition, long> _lastCommitted = [];
    private readonly Dictionary<(string, int, long), ConsumedRecord> _batchOriginals = [];
    private readonly HashSet<string> _activeTopics = new(StringComparer.Ordinal);
    private readonly List<Task> _pendingReports = [];
    private SinkTask? _task;
    private ConnectorConfig? _config;
    private TaskConverters? _converters;
    private TransformationChain? _chain;
    private RetryWithToleranceOperator? _op;
    private IConsumer<byte[]?, byte[]?>? _consumer;
    private WorkerSinkTaskContext? _context;
    private List<SinkRecord>? _retryBatch;
    private Dictionary<ApiTopicPartition, long>? _retryConsumed;
    private long _retryAt;
    private bool _pausedAll;
    private bool _pausedForRetry;
    private bool _closing;
    private long _lastCommit;

    public WorkerSinkTask(ConnectorTaskId id, IReadOnlyDictionary<string, string> connectorProps, IReadOnlyDictionary<string, string> taskProps, TargetState initial, WorkerServices services)
        : base(id, initial, services.Listener, services.Loggers.CreateLogger<WorkerSinkTask>())
    {
        _services = services;
        _connectorProps = connectorProps;
        _taskProps = taskProps;
    }

    /// <summary>Kafka's sink consumer defaults, then the worker's consumer.*, then the connector's consumer.override.*.</summary>
    internal static Dictionary<string, string> ConsumerConfigs(WorkerConfig worker, ConnectorConfig config, ConnectorTaskId id)
    {
        var props = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["group.id"] = "connect-" + id.Connector,
            ["enable.auto.commit"] = "false",
            ["auto.offset.reset"] = "earliest",
            ["client.id"] = $"connector-consumer-{id}",
        };
        foreach (var (k, v) in worker.ConsumerConfigs())
        {
            props[k] = v;
        }

        foreach (var (k, v) in config.OriginalsWithPrefix("consumer.override."))
        {
            props[k] = v;
        }

        return props;
    }

    protected override async Task InitializeAndStartAsync()
    {
        _config = new ConnectorConfig(_services.Plugins, _connectorProps, _services.Config.Originals);
        var reporters = await SinkReporters.CreateAsync(Id, _config, _services, Logger, Stopping).ConfigureAwait(false);
        _op = new RetryWithToleranceOperator(_config, _services.Time, reporters) { Stopping = Stopping };
        _converters = TaskConverters.Create(_services.Plugins, _config);
        _chain = TransformationChain.Create(_services.Plugins, _config);
        _task = TaskInstantiator.Create<SinkTask>(_services.Plugins, _config, _taskProps);
        var reporter = new ErrantRecordReporter(_op, _task.GetType(), r => _batchOriginals.GetValueOrDefault((r.OriginalTopic, r.OriginalKafkaPartition, r.OriginalKafkaOffset)));
        _context = new WorkerSinkTaskContext(_taskProps, reporter);
        _consumer = new ConsumerBuilder<byte[]?, byte[]?>(ConsumerConfigs(_services.Config, _config, Id))
            .SetLoggerFactory(_services.Loggers)
            .SetPartitionsAssignedHandler((Func<IConsumer<byte[]?, byte[]?>, List<KafkaTopicPartition>, IEnumerable<TopicPartitionOffset>>)OnAssigned)
            .SetPartitionsRevokedHandler(OnRevoked)
            .SetPartitionsLostHandler(OnLost)
            .Build();
        using (PluginRegistry.EnterContext(_task))
        {
            _task.Initialize(_context);
            _task.Start(_taskProps);
        }

        if (_config.TopicsRegex is { } regex)
        {
            _consumer.Subscribe(new Regex($"^(?:{regex})$", RegexOptions.CultureInvariant));
        }
        else
        {
            _consumer.Subscribe(_config.Topics);
        }

        Logger.LogInformation("{Task} sink task finished initialization and start", Id);
    }

    protected override async Task ExecuteAsync()
    {
        using var scope = PluginRegistry.EnterContext(_task!);
        _lastCommit = _services.Time.GetTimestamp();
        while (!IsStopping)
        {
            ApplyTargetState();
            ApplyContextRequests();
            if (_pausedForRetry && _retryBatch is null)
            {
                // A rebalance dropped the batch being retried.
                _pausedForRetry = false;
                if (!_pausedAll)
                {
                    ResumeUnpausedByTask();
                }
            }

            if (_context!.CommitRequested || _services.Time.GetElapsedTime(_lastCommit) >= _services.Config.OffsetFlushInterval)
            {
                _context.CommitRequested = false;
                _lastCommit = _services.Time.GetTimestamp();
                await CommitOffsetsAsync(null).ConfigureAwait(false);
            }

            if (_retryBatch is not null && !_pausedAll && _services.Time.GetTimestamp() >= _retryAt)
            {
                await DeliverAsync(_retryBatch, _retryConsumed!).ConfigureAwait(false);
                continue;
            }

            var (batch, consumed) = await PollBatchAsync().ConfigureAwait(false);
            if (_pausedAll || _retryBatch is not null)
            {
                // Every partition is paused: the poll only kept the group membership alive.
                continue;
            }

            if (batch.Count > 0 || consumed.Count > 0)
            {
                await DeliverAsync(batch, consumed).ConfigureAwait(false);
            }
        }
    }

    protected override async Task CloseAsync()
    {
        _closing = true;
        if (_consumer is not null && _task is not null && !Failed)
        {
            try
            {
                await CommitOffsetsAsync(null).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                Logger.LogWarning(e, "{Task} final offset commit failed", Id);
            }
        }

        if (_task is not null)
        {
            using var scope = PluginRegistry.EnterContext(_task);
            try
            {
                if (_consumer is not null)
                {
                    _task.Close([.. _consumer.Assignment.Select(ToApi)]);
                }
            }
            catch (Exception e)
            {
                Logger.LogWarning(e, "{Task} Close threw", Id);
            }

            try
            {
                _task.Stop();
            }
            catch (Exception e)
            {
                Logger.LogWarning(e, "{Task} failed to stop", Id);
            }
        }

        if (_consumer is not null)
        {
            try
            {
                await _consumer.CloseAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                Logger.LogWarning(e, "{Task} consumer close failed", Id);
            }

            _consumer.Dispose();
        }

        _chain?.Dispose();
        foreach (var reporter in _op?.Reporters ?? [])
        {
            reporter.Dispose();
        }
    }

    private void ApplyTargetState()
    {
        var paused = Target == TargetState.Paused;
        if (paused && !_pausedAll)
        {
            _consumer!.Pause(_consumer.Assignment);
            _pausedAll = true;
            Listener.OnTaskPause(Id);
        }
        else if (!paused && _pausedAll)
        {
            _pausedAll = false;
            ResumeUnpausedByTask();
            Listener.OnTaskRunning(Id);
        }
    }

    private void ResumeUnpausedByTask()
    {
        if (_pausedForRetry)
        {
            return;
        }

        var keep = _context!.PausedByTask;
        _consumer!.Resume(_consumer.Assignment.Where(tp => !keep.Contains(ToApi(tp))));
    }

    private void ApplyContextRequests()
    {
        var seeks = _context!.TakeOffsets();
        foreach (var (tp, offset) in seeks)
        {
            if (_consumer!.Assignment.Contains(ToKafka(tp)))
            {
                _consumer.Seek(new TopicPartitionOffset(tp.Topic, tp.Partition, offset));
                _currentOffsets[tp] = offset;
            }
            else
            {
                _context.Offset(tp, offset);
            }
        }

        var (pause, resume) = _context.TakePauseRequests();
        var assigned = _consumer!.Assignment;
        if (pause.Count > 0)
        {
            _consumer.Pause(pause.Select(ToKafka).Where(assigned.Contains));
        }

        if (resume.Count > 0 && !_pausedAll && !_pausedForRetry)
        {
            _consumer.Resume(resume.Select(ToKafka).Where(assigned.Contains));
        }
    }

    private async Task<(List<SinkRecord> Batch, Dictionary<ApiTopicPartition, long> Consumed)> PollBatchAsync()
    {
        var batch = new List<SinkRecord>();
        var consumed = new Dictionary<ApiTopicPartition, long>();
        _batchOriginals.Clear();
        var wait = _retryBatch is not null
            ? TimeSpan.FromMilliseconds(Math.Clamp(_services.Time.GetElapsedTime(_services.Time.GetTimestamp(), _retryAt).TotalMilliseconds, 1, 500))
            : TimeSpan.FromMilliseconds(500);
        var first = await _consumer!.ConsumeAsync(wait, Stopping).ConfigureAwait(false);
        var result = first;
        while (result is not null)
        {
            if (result.Message is not null)
            {
                var tp = new ApiTopicPartition(result.Topic, result.Partition);
                consumed[tp] = result.Offset + 1;
                if (_activeTopics.Add(result.Topic))
                {
                    Listener.OnTopicActive(Id.Connector, result.Topic);
                }

                if (Convert(result) is { } record)
                {
                    batch.Add(record);
                }
            }

            if (batch.Count >= MaxBatch)
            {
                break;
            }

            result = _consumer.Consume(TimeSpan.Zero);
        }

        return (batch, consumed);
    }

    private SinkRecord? Convert(ConsumeResult<byte[]?, byte[]?> result)
    {
        var message = result.Message!;
        IReadOnlyList<(string Key, byte[]? Value)> rawHeaders = [];
        if (message.Headers is { Count: > 0 } kafkaHeaders)
        {
            var list = new List<(string Key, byte[]? Value)>(kafkaHeaders.Count);
            foreach (var h in kafkaHeaders)
            {
                list.Add((h.Key, h.Value));
            }

            rawHeaders = list;
        }

        var timestampType = message.Timestamp.Type switch
        {
            Protocol.Records.TimestampType.CreateTime => TimestampType.CreateTime,
            Protocol.Records.TimestampType.LogAppendTime => TimestampType.LogAppendTime,
            _ => TimestampType.NoTimestampType,
        };
        var consumed = new ConsumedRecord(result.Topic, result.Partition, result.Offset, message.Timestamp.UnixTimestampMs, message.Key, message.Value, rawHeaders, timestampType);
        _batchOriginals[(result.Topic, result.Partition, result.Offset)] = consumed;
        var ctx = new ProcessingContext(consumed);
        var op = _op!;
        var converters = _converters!;
        var topic = result.Topic;
        var headers = new ConnectHeaders();
        for (var i = 0; i < rawHeaders.Count; i++)
        {
            var (key, value) = rawHeaders[i];
            var converted = op.Execute(ctx, Stage.HeaderConverter, converters.Header.GetType(), (converters.Header, topic, key, value),
                static s => s.Header.ToConnectHeader(s.topic, s.key, s.value));
            headers.Add(key, converted);
        }

        // Static lambdas with the record as state: no closure per record on the success path.
        var keyData = op.Execute(ctx, Stage.KeyConverter, converters.Key.GetType(), (converters.Key, topic, headers, message.Key),
            static s => s.Item1.ToConnectData(s.topic, s.headers, s.Item4));
        var valueData = op.Execute(ctx, Stage.ValueConverter, converters.Value.GetType(), (converters.Value, topic, headers, message.Value),
            static s => s.Item1.ToConnectData(s.topic, s.headers, s.Item4));
        if (ctx.Failed)
        {
            _pendingReports.Add(ctx.Reported);
            return null;
        }

        var record = new SinkRecord(topic, result.Partition, keyData.Schema, keyData.Value, valueData.Schema, valueData.Value, result.Offset,
            timestampType == TimestampType.NoTimestampType ? null : message.Timestamp.UnixTimestampMs, timestampType, headers);
        var transformed = _chain!.Apply(record, op, ctx) as SinkRecord;
        if (ctx.Failed)
        {
            _pendingReports.Add(ctx.Reported);
        }

        return transformed;
    }

    private async Task DeliverAsync(List<SinkRecord> batch, Dictionary<ApiTopicPartition, long> consumed)
    {
        try
        {
            await _task!.PutAsync(batch, Stopping).ConfigureAwait(false);
        }
        catch (RetriableException e)
        {
            Logger.LogWarning(e, "{Task} PutAsync failed with a retriable error; retrying the batch of {Count} after {Timeout} ms", Id, batch.Count, _context!.TimeoutMs);
            _retryBatch = batch;
            _retryConsumed = consumed;
            _retryAt = _services.Time.GetTimestamp() + (long)(_context.TimeoutMs * _services.Time.TimestampFrequency / 1000.0);
            if (!_pausedForRetry)
            {
                _consumer!.Pause(_consumer.Assignment);
                _pausedForRetry = true;
            }

            return;
        }
        catch (OperationCanceledException) when (IsStopping)
        {
            return;
        }
        catch (Exception e)
        {
            throw new ConnectException("Exiting WorkerSinkTask due to unrecoverable exception.", e);
        }

        foreach (var (tp, next) in consumed)
        {
            _currentOffsets[tp] = next;
        }

        _retryBatch = null;
        _retryConsumed = null;
        if (_pausedForRetry)
        {
            _pausedForRetry = false;
            if (!_pausedAll)
            {
                ResumeUnpausedByTask();
            }
        }
    }

    private async Task CommitOffsetsAsync(IReadOnlyCollection<ApiTopicPartition>? only)
    {
        // Skipped records are committed past only once the dead letter queue has them.
        if (_pendingReports.Count > 0)
        {
            var reports = _pendingReports.ToArray();
            _pendingReports.Clear();
            await Task.WhenAll(reports).ConfigureAwait(false);
        }

        var assigned = _consumer!.Assignment.Select(ToApi).ToHashSet();
        var current = _currentOffsets.Where(kv => assigned.Contains(kv.Key) && (only is null || only.Contains(kv.Key))).ToDictionary();
        if (current.Count == 0)
        {
            return;
        }

        IReadOnlyDictionary<ApiTopicPartition, long> toCommit;
        try
        {
            toCommit = await _task!.PreCommitAsync(current, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Logger.LogError(e, "{Task} PreCommitAsync failed; offsets not committed this time", Id);
            return;
        }

        var offsets = toCommit
            .Where(kv => assigned.Contains(kv.Key) && (!_lastCommitted.TryGetValue(kv.Key, out var last) || last != kv.Value))
            .Select(kv => new TopicPartitionOffset(kv.Key.Topic, kv.Key.Partition, kv.Value))
            .ToList();
        if (offsets.Count == 0)
        {
            return;
        }

        await _consumer.CommitAsync(offsets, CancellationToken.None).ConfigureAwait(false);
        foreach (var o in offsets)
        {
            _lastCommitted[new ApiTopicPartition(o.Topic, o.Partition)] = o.Offset;
        }

        Logger.LogDebug("{Task} committed offsets {Offsets}", Id, string.Join(", ", offsets));
    }

    private IEnumerable<TopicPartitionOffset> OnAssigned(IConsumer<byte[]?, byte[]?> consumer, List<KafkaTopicPartition> partitions)
    {
        var api = partitions.Select(ToApi).ToList();
        _context!.Assignment = [.. consumer.Assignment.Select(ToApi).Union(api)];
        _task!.Open(api);
        if (_pausedAll || _pausedForRetry)
        {
            consumer.Pause(partitions);
        }

        return _context.TakeOffsets(api).Select(kv => new TopicPartitionOffset(kv.Key.Topic, kv.Key.Partition, kv.Value)).ToList();
    }

    private void OnRevoked(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartitionOffset> partitions)
    {
        if (_closing)
        {
            return;
        }

        var api = partitions.Select(p => new ApiTopicPartition(p.Topic, p.Partition)).ToList();
        try
        {
            CommitOffsetsAsync(api).GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            Logger.LogWarning(e, "{Task} offset commit before revocation failed", Id);
        }

        _task!.Close(api);
        Forget(api);
    }

    private void OnLost(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartitionOffset> partitions)
    {
        if (_closing)
        {
            return;
        }

        var api = partitions.Select(p => new ApiTopicPartition(p.Topic, p.Partition)).ToList();
        _task!.Close(api);
        Forget(api);
    }

    private void Forget(List<ApiTopicPartition> partitions)
    {
        foreach (var tp in partitions)
        {
            _currentOffsets.Remove(tp);
            _lastCommitted.Remove(tp);
        }

        _context!.Assignment = [.. _context.Assignment.Except(partitions)];
        if (_retryBatch is not null)
        {
            // The batch may hold records of partitions that now belong to another task.
            _retryBatch = null;
            _retryConsumed = null;
        }
    }

    private static ApiTopicPartition ToApi(KafkaTopicPartition tp) => new(tp.Topic, tp.Partition);

    private static KafkaTopicPartition ToKafka(ApiTopicPartition tp) => new(tp.Topic, tp.Partition);
}
