using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Client;
using Pipeline.Client.Admin;
using Pipeline.Client.Consumer;
using Pipeline.Client.Producer;
using Pipeline.Protocol;

namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>
/// A compacted internal topic used as a replicated log (Kafka's KafkaBasedLog): a dedicated
/// consumer reads every partition from the beginning (assigned by hand: no group, no commits) and
/// hands each record to a callback; <see cref="ReadToEndAsync"/> completes once everything written
/// before the call has been handed over, which is how a worker catches up; writes go through an
/// idempotent acks=all producer. The topic is created at start with cleanup.policy=compact.
/// <para>Threads: the callback runs on the reader task, one record at a time in offset order per
/// partition; <see cref="SendAsync"/> and <see cref="ReadToEndAsync"/> may be called from any thread.</para>
/// </summary>
public sealed class KafkaBasedLog : IAsyncDisposable
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(200);

    private readonly KafkaBasedLogOptions _options;
    private readonly Action<ConsumeResult<byte[]?, byte[]?>> _consumed;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private readonly List<EndWaiter> _waiters = [];
    private long[] _positions = [];
    private TopicPartition[] _partitions = [];
    private IAdminClient? _admin;
    private IProducer<byte[]?, byte[]?>? _producer;
    private Task? _reader;
    private int _disposed;

    public KafkaBasedLog(KafkaBasedLogOptions options, Action<ConsumeResult<byte[]?, byte[]?>> consumed, ILoggerFactory? loggers = null)
    {
        _options = options;
        _consumed = consumed;
        _log = (loggers ?? NullLoggerFactory.Instance).CreateLogger("Pipeline.Connect.Distributed.KafkaBasedLog");
    }

    public string Topic => _options.Topic;

    /// <summary>The topic's partitions (known after <see cref="StartAsync"/>).</summary>
    public IReadOnlyList<TopicPartition> Partitions => _partitions;

    /// <summary>Creates (or finds) the topic, starts the producer and the reader, and reads to the end.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.StartTimeout);
        _admin = new AdminClient(WithClientId(_options.AdminConfig, "admin"));
        var partitionCount = await InternalTopic.EnsureAsync(_admin, _options, timeout.Token).ConfigureAwait(false);
        _partitions = new TopicPartition[partitionCount];
        _positions = new long[partitionCount];
        for (var p = 0; p < partitionCount; p++)
        {
            _partitions[p] = new TopicPartition(_options.Topic, p);
        }

        var producerConfig = WithClientId(_options.ProducerConfig, "producer");
        producerConfig["enable.idempotence"] = "true";
        producerConfig["acks"] = "all";
        producerConfig["max.in.flight.requests.per.connection"] = "1";
        producerConfig.TryAdd("linger.ms", "0");
        _producer = new ProducerBuilder<byte[]?, byte[]?>(producerConfig).Build();

        var consumerConfig = WithClientId(_options.ConsumerConfig, "consumer");
        consumerConfig.Remove("group.id");
        consumerConfig["enable.auto.commit"] = "false";
        consumerConfig["auto.offset.reset"] = "earliest";
        consumerConfig.TryAdd("fetch.max.wait.ms", "100");
        var consumer = new ConsumerBuilder<byte[]?, byte[]?>(consumerConfig).Build();
        consumer.Assign(_partitions.Select(tp => new TopicPartitionOffset(tp, Offset.Beginning)));
        _reader = Task.Factory.StartNew(() => ReadAsync(consumer, _stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

        await ReadToEndAsync(timeout.Token).ConfigureAwait(false);
        DistributedLog.LogStarted(_log, _options.Topic, partitionCount);
    }

    /// <summary>Completes once every record written to the topic before this call has been passed to the callback.</summary>
    public async Task ReadToEndAsync(CancellationToken cancellationToken)
    {
        var admin = _admin ?? throw new InvalidOperationException("the log is not started");
        var request = new Dictionary<TopicPartition, OffsetSpec>(_partitions.Length);
        foreach (var tp in _partitions)
        {
            request[tp] = OffsetSpec.Latest;
        }

        var reports = await admin.ListOffsetsAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
        var ends = new long[_partitions.Length];
        foreach (var report in reports)
        {
            ends[report.TopicPartition.Partition] = report.Offset;
        }

        var waiter = new EndWaiter(ends);
        lock (_gate)
        {
            if (waiter.IsReached(_positions))
            {
                return;
            }

            _waiters.Add(waiter);
        }

        using (cancellationToken.Register(() => waiter.Done.TrySetCanceled(cancellationToken)))
        {
            try
            {
                await waiter.Done.Task.ConfigureAwait(false);
            }
            finally
            {
                lock (_gate)
                {
                    _waiters.Remove(waiter);
                }
            }
        }
    }

    /// <summary>Writes one record (null value: a tombstone), partitioned by key as Kafka's default partitioner does; completes when acknowledged.</summary>
    public async Task<DeliveryResult<byte[]?, byte[]?>> SendAsync(byte[]? key, byte[]? value, CancellationToken cancellationToken)
    {
        var producer = _producer ?? throw new InvalidOperationException("the log is not started");
        return await producer.ProduceAsync(_options.Topic, new Message<byte[]?, byte[]?> { Key = key, Value = value }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (_reader is not null)
        {
            await _reader.ConfigureAwait(false);
        }

        lock (_gate)
        {
            foreach (var waiter in _waiters)
            {
                waiter.Done.TrySetException(new ObjectDisposedException(nameof(KafkaBasedLog)));
            }
        }

        if (_producer is not null)
        {
            _producer.Flush(TimeSpan.FromSeconds(5));
            _producer.Dispose();
        }

        if (_admin is IAsyncDisposable admin)
        {
            await admin.DisposeAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task ReadAsync(IConsumer<byte[]?, byte[]?> consumer, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var result = await consumer.ConsumeAsync(PollTimeout, stop).ConfigureAwait(false);
                    if (result?.Message is not null)
                    {
                        Deliver(result);
                        Advance(result.Partition, result.Offset + 1);
                    }
                    else
                    {
                        foreach (var tp in _partitions)
                        {
                            Advance(tp.Partition, consumer.Position(tp));
                        }
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception e) when (e is KafkaException or InvalidOperationException)
                {
                    DistributedLog.LogReadFailed(_log, _options.Topic, e);
                    await Task.Delay(200, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            await consumer.CloseAsync().ConfigureAwait(false);
            consumer.Dispose();
        }
    }

    private void Deliver(ConsumeResult<byte[]?, byte[]?> result)
    {
        try
        {
            _consumed(result);
        }
        catch (Exception e)
        {
            // A record the store cannot understand must not stop the log (Kafka logs and skips it too).
            DistributedLog.LogRecordFailed(_log, _options.Topic, result.Partition, result.Offset, e);
        }
    }

    private void Advance(int partition, long position)
    {
        lock (_gate)
        {
            if (position <= _positions[partition])
            {
                return;
            }

            _positions[partition] = position;
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].IsReached(_positions))
                {
                    _waiters[i].Done.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    private Dictionary<string, string> WithClientId(IReadOnlyDictionary<string, string> config, string role)
    {
        var copy = new Dictionary<string, string>(config, StringComparer.Ordinal);
        copy["client.id"] = $"{_options.ClientId}-{role}";
        return copy;
    }

    private sealed class EndWaiter(long[] ends)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool IsReached(long[] positions)
        {
            for (var p = 0; p < ends.Length; p++)
            {
                if (positions[p] < ends[p])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
