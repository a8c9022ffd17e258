using Microsoft.Extensions.Logging;
using Pipeline.Client;
using Pipeline.Client.Consumer;
using Pipeline.Protocol;

namespace Pipeline.SchemaRegistry.Store;

/// <summary>
/// Reads the store topic from its first offset and applies each record to the state (Confluent's
/// KafkaStoreReaderThread). Owns its consumer: partition 0 is assigned by hand, no group, no
/// commits, so every start replays the whole (compacted) topic. Runs on its own task until
/// disposed; a failed fetch is logged and retried, never fatal.
/// </summary>
internal sealed class StoreReader : IAsyncDisposable
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(500);

    private readonly SchemaRegistryOptions _options;
    private readonly RegistryState _state;
    private readonly ILogger _log;
    private readonly TopicPartition _partition;
    private Task? _loop;

    public StoreReader(SchemaRegistryOptions options, RegistryState state, ILogger log)
    {
        _options = options;
        _state = state;
        _log = log;
        _partition = new TopicPartition(options.Topic, 0);
    }

    public void Start(CancellationToken stop) => _loop = Task.Factory.StartNew(() => RunAsync(stop), stop, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    public async ValueTask DisposeAsync()
    {
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private async Task RunAsync(CancellationToken stop)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new Dictionary<string, string>
        {
            ["bootstrap.servers"] = _options.BootstrapServers,
            ["client.id"] = "schema-registry-reader",
            ["enable.auto.commit"] = "false",
            ["auto.offset.reset"] = "earliest",
            ["fetch.max.wait.ms"] = "100",
        }).Build();
        consumer.Assign([new TopicPartitionOffset(_partition, Offset.Beginning)]);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var result = await consumer.ConsumeAsync(PollTimeout, stop).ConfigureAwait(false);
                if (result?.Message is { } message)
                {
                    var key = message.Key is null ? null : StoreCodec.DeserializeKey(message.Key);
                    if (!_state.Apply(key, message.Value, result.Offset))
                    {
                        SchemaRegistryLog.RecordIgnored(_log, result.Offset, key?.ToString() ?? "(no key)");
                    }
                }
                else
                {
                    var position = consumer.Position(_partition);
                    if (position >= 0)
                    {
                        _state.AdvanceTo(position);
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is KafkaException or InvalidOperationException)
            {
                SchemaRegistryLog.ReaderFailed(_log, e);
                await Task.Delay(200, CancellationToken.None).ConfigureAwait(false);
            }
        }

        consumer.Close();
    }
}
