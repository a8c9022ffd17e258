using Microsoft.Extensions.Logging;
using Pipeline.Client;
using Pipeline.Client.Producer;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Api.Source;
using Pipeline.Connect.Runtime.Config;
using Pipeline.Connect.Runtime.Errors;
using Pipeline.Connect.Runtime.Herder;
using Pipeline.Connect.Runtime.Plugins;

namespace Pipeline.Connect.Runtime.Worker;

/// <summary>
/// Runs a <see cref="SourceTask"/>: poll, then per record transform, convert (key, value,
/// headers) and produce; offsets are committed every offset.flush.interval.ms and at shutdown,
/// only up to the last record of each source partition whose own and earlier sends were
/// acknowledged. The loop runs on the task's own task; delivery reports arrive on the producer's
/// I/O loop and touch only <see cref="SubmittedRecords"/>, <see cref="_producerError"/> and the
/// plugin's CommitRecord (as in Kafka, called from the producer callback).
/// </summary>
internal sealed class WorkerSourceTask : WorkerTask
{
    private readonly WorkerServices _services;
    private readonly IReadOnlyDictionary<string, string> _connectorProps;
    private readonly IReadOnlyDictionary<string, string> _taskProps;
    private readonly SubmittedRecords _submitted = new();
    private readonly HashSet<string> _activeTopics = new(StringComparer.Ordinal);
    private SourceTask? _task;
    private ConnectorConfig? _config;
    private TaskConverters? _converters;
    private TransformationChain? _chain;
    private RetryWithToleranceOperator? _op;
    private IProducer<byte[]?, byte[]?>? _producer;
    private OffsetStorageWriter? _offsets;
    private TopicCreator? _topicCreator;
    private OffsetKeyCache? _offsetKeys;
    private volatile Exception? _producerError;
    private long _lastCommit;

    public WorkerSourceTask(ConnectorTaskId id, IReadOnlyDictionary<string, string> connectorProps, IReadOnlyDictionary<string, string> taskProps, TargetState initial, WorkerServices services)
        : base(id, initial, services.Listener, services.Loggers.CreateLogger<WorkerSourceTask>())
    {
        _services = services;
        _connectorProps = connectorProps;
        _taskProps = taskProps;
    }

    protected override Task InitializeAndStartAsync()
    {
        var worker = _services.Config;
        _config = new ConnectorConfig(_services.Plugins, _connectorProps, worker.Originals);
        _op = new RetryWithToleranceOperator(_config, _services.Time, [new LogReporter(Id, _config, Logger)]) { Stopping = Stopping };
        _converters = TaskConverters.Create(_services.Plugins, _config);
        _chain = TransformationChain.Create(_services.Plugins, _config);
        _offsets = new OffsetStorageWriter(_services.OffsetStore, Id.Connector);
        _offsetKeys = new OffsetKeyCache(Id.Connector);
        if (_config.TopicCreation is { } creation)
        {
            _topicCreator = new TopicCreator(_services.Admin, creation, Logger);
        }

        _producer = new ProducerBuilder<byte[]?, byte[]?>(ProducerConfigs(worker, _config, Id))
            .SetLoggerFactory(_services.Loggers)
            .Build();
        _task = TaskInstantiator.Create<SourceTask>(_services.Plugins, _config, _taskProps);
        using (PluginRegistry.EnterContext(_task))
        {
            _task.Initialize(new WorkerSourceTaskContext(_taskProps, new OffsetStorageReader(_services.OffsetStore, Id.Connector)));
            _task.Start(_taskProps);
        }

        Logger.LogInformation("{Task} source task finished initialization and start", Id);
        return Task.CompletedTask;
    }

    /// <summary>Kafka's source producer defaults, then the worker's producer.*, then the connector's producer.override.*.</summary>
    internal static Dictionary<string, string> ProducerConfigs(WorkerConfig worker, ConnectorConfig config, ConnectorTaskId id)
    {
        var props = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["acks"] = "all",
            ["enable.idempotence"] = "true",
            ["max.in.flight.requests.per.connection"] = "5",
            ["delivery.timeout.ms"] = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["client.id"] = $"connector-producer-{id}",
        };
        foreach (var (k, v) in worker.ProducerConfigs())
        {
            props[k] = v;
        }

        foreach (var (k, v) in config.OriginalsWithPrefix("producer.override."))
        {
            props[k] = v;
        }

        return props;
    }

    protected override async Task ExecuteAsync()
    {
        using var scope = PluginRegistry.EnterContext(_task!);
        _lastCommit = _services.Time.GetTimestamp();
        var paused = false;
        while (!IsStopping)
        {
            // While paused nothing is polled, but acknowledged records' offsets are still committed.
            var changed = StateChanged;
            if (Target == TargetState.Paused)
            {
                if (!paused)
                {
                    paused = true;
                    Listener.OnTaskPause(Id);
                }

                await Task.WhenAny(changed, Task.Delay(_services.Config.OffsetFlushInterval, _services.Time, Stopping)).ConfigureAwait(false);
                await MaybeCommitAsync(force: false).ConfigureAwait(false);
                continue;
            }

            if (paused)
            {
                paused = false;
                Listener.OnTaskRunning(Id);
            }

            ThrowIfProducerFailed();
            await MaybeCommitAsync(force: false).ConfigureAwait(false);
            var records = await PollAsync().ConfigureAwait(false);
            if (records is null)
            {
                continue;
            }

            foreach (var record in records)
            {
                await SendAsync(record).ConfigureAwait(false);
            }
        }
    }

    protected override async Task CloseAsync()
    {
        if (_task is not null)
        {
            try
            {
                using var scope = PluginRegistry.EnterContext(_task);
                _task.Stop();
            }
            catch (Exception e)
            {
                Logger.LogWarning(e, "{Task} failed to stop", Id);
            }
        }

        if (_producer is not null)
        {
            var timeout = _services.Config.OffsetFlushTimeout;
            if (!Failed)
            {
                await Task.Run(() => _producer.Flush(timeout)).ConfigureAwait(false);
                await _submitted.AwaitAllAsync(timeout, CancellationToken.None).ConfigureAwait(false);
            }

            // Even after a failure the acknowledged prefix is committed, so a restart resumes there.
            await MaybeCommitAsync(force: true).ConfigureAwait(false);
            await Task.Run(() => _producer.Close(Failed ? TimeSpan.Zero : timeout)).ConfigureAwait(false);
            _producer.Dispose();
        }

        _chain?.Dispose();
        foreach (var reporter in _op?.Reporters ?? [])
        {
            reporter.Dispose();
        }
    }

    private async Task<IReadOnlyList<SourceRecord>?> PollAsync()
    {
        // A pause or a stop cancels a poll that waits for data; records it still returns are kept.
        var changed = StateChanged;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Stopping);
        try
        {
            var poll = _task!.PollAsync(cts.Token).AsTask();
            if (await Task.WhenAny(poll, changed).ConfigureAwait(false) != poll)
            {
                await cts.CancelAsync().ConfigureAwait(false);
            }

            var records = await poll.ConfigureAwait(false);
            return records is { Count: > 0 } ? records : null;
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            return null;
        }
        catch (RetriableException e)
        {
            Logger.LogWarning(e, "{Task} poll failed with a retriable error; polling again", Id);
            return null;
        }
    }

    private async Task SendAsync(SourceRecord record)
    {
        var ctx = new ProcessingContext(record);
        var op = _op!;
        var transformed = _chain!.Apply(record, op, ctx);
        if (transformed is null)
        {
            SkipRecord(record);
            return;
        }

        var topic = transformed.Topic;
        var converters = _converters!;
        Headers? headers = null;
        if (transformed.Headers.Count > 0)
        {
            foreach (var header in transformed.Headers)
            {
                var bytes = op.Execute(ctx, Stage.HeaderConverter, converters.Header.GetType(), (converters.Header, topic, header),
                    static s => s.Header.FromConnectHeader(s.topic, s.header.Key, s.header.Schema, s.header.Value));
                (headers ??= new Headers()).Add(header.Key, bytes);
            }
        }

        // Static lambdas with the record as state: no closure per record on the success path.
        var key = op.Execute(ctx, Stage.KeyConverter, converters.Key.GetType(), (converters.Key, topic, transformed),
            static s => s.Key.FromConnectData(s.topic, s.transformed.Headers, s.transformed.KeySchema, s.transformed.Key));
        var value = op.Execute(ctx, Stage.ValueConverter, converters.Value.GetType(), (converters.Value, topic, transformed),
            static s => s.Value.FromConnectData(s.topic, s.transformed.Headers, s.transformed.ValueSchema, s.transformed.Value));
        if (ctx.Failed)
        {
            SkipRecord(record);
            return;
        }

        if (_topicCreator is not null)
        {
            await _topicCreator.EnsureAsync(topic, Stopping).ConfigureAwait(false);
        }

        if (_activeTopics.Add(topic))
        {
            Listener.OnTopicActive(Id.Connector, topic);
        }

        var submitted = Submit(record);
        var message = new Message<byte[]?, byte[]?>
        {
            Key = key,
            Value = value,
            Headers = headers,
            Timestamp = transformed.Timestamp is long ts ? Timestamp.CreateTime(ts) : default,
        };
        await ProduceAsync(topic, transformed.KafkaPartition, message, report => OnDelivery(record, submitted, report)).ConfigureAwait(false);
    }

    private async Task ProduceAsync(string topic, int? partition, Message<byte[]?, byte[]?> message, Action<DeliveryReport<byte[]?, byte[]?>> handler)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                if (partition is int p)
                {
                    _producer!.Produce(new Protocol.TopicPartition(topic, p), message, handler);
                }
                else
                {
                    _producer!.Produce(topic, message, handler);
                }

                return;
            }
            catch (KafkaException e) when (e.IsRetriable && !IsStopping)
            {
                // Kafka's behaviour for a send that fails before it is queued: retry the record later.
                Logger.LogWarning(e, "{Task} failed to send a record to {Topic} with a retriable error; retrying", Id, topic);
                await Task.Delay(backoff, Stopping).ConfigureAwait(false);
                backoff = TimeSpan.FromMilliseconds(Math.Min(backoff.TotalMilliseconds * 2, 5000));
            }
        }
    }

    private SubmittedRecords.Submitted? Submit(SourceRecord record) =>
        record.SourcePartition is { } partition ? _submitted.Submit(_offsetKeys!.Key(partition), partition, record.SourceOffset) : null;

    // A record dropped by a transform or skipped by errors.tolerance=all still moves the offsets on.
    private void SkipRecord(SourceRecord record)
    {
        Submit(record)?.Ack();
        CommitRecord(record, null);
    }

    private void OnDelivery(SourceRecord record, SubmittedRecords.Submitted? submitted, DeliveryReport<byte[]?, byte[]?> report)
    {
        if (report.Error.IsError)
        {
            if (_op!.ToleranceAll)
            {
                Logger.LogError("{Task} failed to send a record to {Topic}: {Error}; skipping it (errors.tolerance=all)", Id, report.Topic, report.Error);
                submitted?.Ack();
                CommitRecord(record, null);
            }
            else
            {
                _producerError ??= new ConnectException($"Unrecoverable exception from producer send callback: {report.Error}", new KafkaException(report.Error));
            }

            return;
        }

        submitted?.Ack();
        CommitRecord(record, new RecordMetadata(report.Topic, report.Partition, report.Offset, report.Timestamp.UnixTimestampMs));
    }

    private void CommitRecord(SourceRecord record, RecordMetadata? metadata)
    {
        try
        {
            _task!.CommitRecord(record, metadata);
        }
        catch (Exception e)
        {
            Logger.LogError(e, "{Task} CommitRecord threw; ignoring", Id);
        }
    }

    private void ThrowIfProducerFailed()
    {
        if (_producerError is { } error)
        {
            throw error;
        }
    }

    private async Task MaybeCommitAsync(bool force)
    {
        if (_offsets is null)
        {
            return;
        }

        if (!force && _services.Time.GetElapsedTime(_lastCommit) < _services.Config.OffsetFlushInterval)
        {
            return;
        }

        _lastCommit = _services.Time.GetTimestamp();
        foreach (var (partition, offset) in _submitted.DrainCommittable())
        {
            _offsets.Offset(partition, offset);
        }

        try
        {
            await _offsets.FlushAsync(_services.Config.OffsetFlushTimeout, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Logger.LogError(e, "{Task} failed to commit offsets", Id);
            return;
        }

        try
        {
            using var scope = PluginRegistry.EnterContext(_task!);
            _task!.Commit();
        }
        catch (Exception e)
        {
            Logger.LogError(e, "{Task} Commit threw; ignoring", Id);
        }
    }
}
