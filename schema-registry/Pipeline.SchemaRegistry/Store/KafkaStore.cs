using Microsoft.Extensions.Logging;
using Pipeline.Client;
using Pipeline.Client.Admin;
using Pipeline.Client.Config;
using Pipeline.Client.Producer;
using Pipeline.Protocol;
using Pipeline.SchemaRegistry.Registry;

namespace Pipeline.SchemaRegistry.Store;

/// <summary>
/// The registry's store on the <c>_schemas</c> topic (Confluent's KafkaStore): a producer that
/// writes records (acks=all) and a reader that applies every record from the start of the topic to
/// <see cref="State"/>. <see cref="PutAsync"/> returns only once the reader has applied the record
/// it wrote (read-your-writes). Only the primary writes, and it writes one request at a time (the
/// caller holds the write lock); the reader runs on its own task.
/// </summary>
public sealed class KafkaStore : IAsyncDisposable
{
    private readonly SchemaRegistryOptions _options;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private int _disposed;
    private readonly TopicPartition _partition;
    private IProducer<byte[]?, byte[]?>? _producer;
    private StoreReader? _reader;
    private long _lastWrittenOffset = -1;

    public KafkaStore(SchemaRegistryOptions options, RegistryState state, ILoggerFactory loggers)
    {
        _options = options;
        State = state;
        _log = loggers.CreateLogger("Pipeline.SchemaRegistry.Store");
        _partition = new TopicPartition(options.Topic, 0);
        Loggers = loggers;
    }

    public RegistryState State { get; }

    private ILoggerFactory Loggers { get; }

    /// <summary>Creates or checks the topic, starts the reader and waits until it has applied everything written so far.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var init = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        init.CancelAfter(_options.InitTimeout);
        await SchemaTopic.EnsureAsync(_options, _log, init.Token).ConfigureAwait(false);
        _producer = new ProducerBuilder<byte[]?, byte[]?>(new Dictionary<string, string>
        {
            ["bootstrap.servers"] = _options.BootstrapServers,
            ["client.id"] = "schema-registry-producer",
            ["acks"] = "all",
            ["linger.ms"] = "0",
            ["enable.idempotence"] = "false",
            ["retries"] = "0",
            ["delivery.timeout.ms"] = ((int)_options.StoreTimeout.TotalMilliseconds + 1000).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["request.timeout.ms"] = ((int)_options.StoreTimeout.TotalMilliseconds + 500).ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).SetLoggerFactory(Loggers).Build();
        _reader = new StoreReader(_options, State, Loggers.CreateLogger("Pipeline.SchemaRegistry.Store.Reader"));
        _reader.Start(_stop.Token);

        await using var admin = new AdminClient(AdminClientOptions.Default with { BootstrapServers = _options.BootstrapServers, ClientId = "schema-registry-admin" });
        var end = (await admin.ListOffsetsAsync(new Dictionary<TopicPartition, OffsetSpec> { [_partition] = OffsetSpec.Latest }, options: new AdminCallOptions { Timeout = _options.InitTimeout }, cancellationToken: init.Token).ConfigureAwait(false))[0].Offset;
        await State.WaitForOffsetAsync(end).WaitAsync(init.Token).ConfigureAwait(false);
        SchemaRegistryLog.StoreLoaded(_log, _options.Topic, end, State.MaxId);
    }

    /// <summary>Writes one record (null value: a tombstone) and waits until the reader has applied it.</summary>
    public async Task PutAsync(StoreKey key, byte[]? value, CancellationToken cancellationToken)
    {
        var producer = _producer ?? throw new InvalidOperationException("the store is not started");
        DeliveryResult<byte[]?, byte[]?> delivered;
        try
        {
            delivered = await producer.ProduceAsync(_partition, new Message<byte[]?, byte[]?> { Key = StoreCodec.SerializeKey(key), Value = value }, cancellationToken)
                .WaitAsync(_options.StoreTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw RegistryErrors.Timeout("Write to the Kafka store timed out while waiting for the broker");
        }
        catch (KafkaException e) when (e.Code is ErrorCode.MessageTooLarge or ErrorCode.RecordListTooLarge)
        {
            throw RegistryErrors.SchemaTooLarge();
        }
        catch (KafkaException e)
        {
            _lastWrittenOffset = -1;
            throw RegistryErrors.Store($"Error while writing to the Kafka store: {e.Message}");
        }

        _lastWrittenOffset = delivered.Offset;
        await WaitForReaderAsync(delivered.Offset + 1, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes sure the reader has applied everything written before this call (Confluent's
    /// waitUntilKafkaReaderReachesLastOffset): the last offset this instance wrote, or, after a
    /// leader change, the offset of a NOOP record written now.
    /// </summary>
    public async Task WaitUntilCaughtUpAsync(CancellationToken cancellationToken)
    {
        if (_lastWrittenOffset < 0)
        {
            await PutAsync(StoreKey.Noop, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        await WaitForReaderAsync(_lastWrittenOffset + 1, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>After a leader change the last written offset may be stale: the next write probes with a NOOP first.</summary>
    public void MarkLastWrittenOffsetInvalid() => _lastWrittenOffset = -1;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (_reader is not null)
        {
            await _reader.DisposeAsync().ConfigureAwait(false);
        }

        _producer?.Close(TimeSpan.FromSeconds(2));
        _producer?.Dispose();
        _stop.Dispose();
    }

    private async Task WaitForReaderAsync(long nextOffset, CancellationToken cancellationToken)
    {
        try
        {
            await State.WaitForOffsetAsync(nextOffset).WaitAsync(_options.StoreTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw RegistryErrors.Timeout($"Write to the Kafka store timed out while waiting for the reader to reach offset {nextOffset - 1}");
        }
    }
}
