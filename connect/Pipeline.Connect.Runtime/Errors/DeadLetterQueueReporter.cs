using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Pipeline.Client;
using Pipeline.Client.Admin;
using Pipeline.Client.Producer;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Runtime.Config;
using Pipeline.Connect.Runtime.Herder;
using Pipeline.Protocol;

namespace Pipeline.Connect.Runtime.Errors;

/// <summary>
/// Writes the original bytes (key, value, headers, timestamp) of a sink's failed records to
/// <c>errors.deadletterqueue.topic.name</c>, with Kafka's <c>__connect.errors.*</c> headers when
/// <c>errors.deadletterqueue.context.headers.enable</c>. Source records are not reported (Kafka's
/// dead letter queue is for sinks). <see cref="ReportAsync"/> completes when the broker
/// acknowledged the record and faults when the produce fails.
/// </summary>
public sealed class DeadLetterQueueReporter : IErrorReporter
{
    /// <summary>The prefix of the context headers.</summary>
    public const string HeaderPrefix = "__connect.errors.";
    public const string HeaderTopic = HeaderPrefix + "topic";
    public const string HeaderPartition = HeaderPrefix + "partition";
    public const string HeaderOffset = HeaderPrefix + "offset";
    public const string HeaderConnectorName = HeaderPrefix + "connector.name";
    public const string HeaderTaskId = HeaderPrefix + "task.id";
    public const string HeaderStage = HeaderPrefix + "stage";
    public const string HeaderClassName = HeaderPrefix + "class.name";
    public const string HeaderExceptionClassName = HeaderPrefix + "exception.class.name";
    public const string HeaderExceptionMessage = HeaderPrefix + "exception.message";
    public const string HeaderExceptionStacktrace = HeaderPrefix + "exception.stacktrace";

    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly ConnectorTaskId _id;
    private readonly bool _contextHeaders;
    private readonly ILogger _logger;
    private long _produced;
    private long _failed;

    /// <summary>A reporter producing with <paramref name="producer"/> (which it owns) to <paramref name="topic"/>.</summary>
    public DeadLetterQueueReporter(IProducer<byte[]?, byte[]?> producer, string topic, ConnectorTaskId id, bool contextHeaders, ILogger logger)
    {
        _producer = producer ?? throw new ArgumentNullException(nameof(producer));
        Topic = topic;
        _id = id;
        _contextHeaders = contextHeaders;
        _logger = logger;
    }

    /// <summary>The dead letter queue topic.</summary>
    public string Topic { get; }

    /// <summary>Records acknowledged by the broker.</summary>
    public long Produced => Interlocked.Read(ref _produced);

    /// <summary>Records that could not be written.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>
    /// Creates the topic if it is missing (one partition, the configured replication factor but no
    /// more than the brokers there are) and a producer, both from <paramref name="clientConfig"/>
    /// (the worker's client settings: bootstrap.servers, ...). Null when the connector has no dead
    /// letter queue.
    /// </summary>
    public static async Task<DeadLetterQueueReporter?> CreateAsync(
        ConnectorTaskId id,
        ConnectorConfig config,
        IReadOnlyDictionary<string, string> clientConfig,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(clientConfig);
        if (config.DlqTopic is not { } topic)
        {
            return null;
        }

        var logger = loggerFactory.CreateLogger<DeadLetterQueueReporter>();
        await EnsureTopicAsync(topic, config.DlqReplicationFactor, clientConfig, loggerFactory, logger, cancellationToken).ConfigureAwait(false);
        var producerConfig = new Dictionary<string, string>(clientConfig, StringComparer.Ordinal);
        producerConfig.TryAdd("client.id", $"connector-dlq-producer-{id}");
        var producer = new ProducerBuilder<byte[]?, byte[]?>(producerConfig).SetLoggerFactory(loggerFactory).Build();
        return new DeadLetterQueueReporter(producer, topic, id, config.DlqContextHeaders, logger);
    }

    /// <inheritdoc/>
    public async Task ReportAsync(ProcessingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Consumed is not { } consumed)
        {
            return;
        }

        var headers = new Headers();
        foreach (var (key, value) in consumed.Headers)
        {
            headers.Add(key, value);
        }

        if (_contextHeaders)
        {
            AddContextHeaders(headers, context, consumed);
        }

        var message = new Message<byte[]?, byte[]?>
        {
            Key = consumed.Key,
            Value = consumed.Value,
            Headers = headers,
            Timestamp = consumed.Timestamp >= 0 ? Pipeline.Client.Timestamp.CreateTime(consumed.Timestamp) : default,
        };
        try
        {
            await _producer.ProduceAsync(Topic, message).ConfigureAwait(false);
            Interlocked.Increment(ref _produced);
        }
        catch (Exception e)
        {
            Interlocked.Increment(ref _failed);
            _logger.LogError(e, "Could not produce message to dead letter queue. topic={Topic}", Topic);
            throw new ConnectException($"Could not produce message to dead letter queue. topic={Topic}", e);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            _producer.Flush(TimeSpan.FromSeconds(30));
        }
        finally
        {
            _producer.Dispose();
        }
    }

    private void AddContextHeaders(Headers headers, ProcessingContext context, ConsumedRecord consumed)
    {
        // Kafka writes every value as UTF-8 text (numbers too), and never twice the same key.
        Add(headers, HeaderTopic, consumed.Topic);
        Add(headers, HeaderPartition, consumed.Partition.ToString(CultureInfo.InvariantCulture));
        Add(headers, HeaderOffset, consumed.Offset.ToString(CultureInfo.InvariantCulture));
        Add(headers, HeaderConnectorName, _id.Connector);
        Add(headers, HeaderTaskId, _id.Task.ToString(CultureInfo.InvariantCulture));
        Add(headers, HeaderStage, context.Stage.KafkaName(sink: true));
        Add(headers, HeaderClassName, context.ExecutingClass?.FullName ?? "null");
        if (context.Error is { } error)
        {
            Add(headers, HeaderExceptionClassName, error.GetType().FullName ?? error.GetType().Name);
            Add(headers, HeaderExceptionMessage, error.Message);
            Add(headers, HeaderExceptionStacktrace, error.ToString());
        }
    }

    private void Add(Headers headers, string key, string value)
    {
        if (headers.TryGetLast(key, out _))
        {
            _logger.LogError("Header already contains the '{Key}' key.", key);
            return;
        }

        headers.Add(key, Encoding.UTF8.GetBytes(value));
    }

    private static async Task EnsureTopicAsync(string topic, short replicationFactor, IReadOnlyDictionary<string, string> clientConfig, ILoggerFactory loggerFactory, ILogger logger, CancellationToken cancellationToken)
    {
        var adminConfig = clientConfig.Where(p => !p.Key.StartsWith("producer.", StringComparison.Ordinal));
        await using var admin = new AdminClient(adminConfig, loggerFactory);
        try
        {
            var topics = await admin.ListTopicsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            if (topics.Any(t => t.Name == topic))
            {
                return;
            }

            var cluster = await admin.DescribeClusterAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var rf = replicationFactor == -1 ? (short)-1 : (short)Math.Max(1, Math.Min(replicationFactor, cluster.Nodes.Count));
            logger.LogWarning("Topic {Topic} doesn't exist. Will attempt to create topic (replication factor {ReplicationFactor}).", topic, rf);
            var reports = await admin.CreateTopicsAsync([new TopicSpecification { Name = topic, NumPartitions = 1, ReplicationFactor = rf }], cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var report in reports)
            {
                if (report.Error.IsError && report.Error.Code != ErrorCode.TopicAlreadyExists)
                {
                    throw new ConnectException($"Could not initialize dead letter queue with topic={topic}: {report.Error.Code} {report.Error.Message}");
                }
            }
        }
        catch (Exception e) when (e is not ConnectException and not OperationCanceledException)
        {
            if (e is AdminOperationException<CreateTopicReport> failed && failed.Results.All(r => !r.Error.IsError || r.Error.Code == ErrorCode.TopicAlreadyExists))
            {
                return;
            }

            throw new ConnectException($"Could not initialize dead letter queue with topic={topic}", e);
        }
    }
}
