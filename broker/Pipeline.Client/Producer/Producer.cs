using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Client.Config;
using Pipeline.Client.Metadata;
using Pipeline.Client.Network;
using Pipeline.Client.Serialization;
using Pipeline.Protocol;
using Pipeline.Protocol.Compression;
using Pipeline.Protocol.Records;

namespace Pipeline.Client.Producer;

/// <summary>
/// The producer. A send serializes the key and value (into per-thread scratch buffers when the
/// serializers implement <see cref="IBufferSerializer{T}"/>), picks the partition (explicit, custom
/// partitioner, murmur2 of the key, or sticky for null keys), and appends the record to its
/// partition's open batch: no allocation per record beyond a ProduceAsync task or the caller's own
/// objects. The <see cref="Sender"/> loop does all network I/O.
/// </summary>
public sealed class Producer<TKey, TValue> : IProducer<TKey, TValue>
{
    private readonly ProducerOptions _options;
    private readonly ISerializer<TKey> _keySerializer;
    private readonly ISerializer<TValue> _valueSerializer;
    private readonly IBufferSerializer<TKey>? _keyBufferSerializer;
    private readonly IBufferSerializer<TValue>? _valueBufferSerializer;
    private readonly PartitionerDelegate? _partitioner;
    private readonly ConnectionManager _connections;
    private readonly MetadataManager _metadata;
    private readonly RecordAccumulator _accumulator;
    private readonly Sender _sender;
    private readonly StickyPartitionCache _sticky = new();
    private readonly PendingSends _pending;
    private readonly int _maxRecordSize;
    private readonly ILogger _log;
    private int _closed;

    public Producer(ProducerOptions options, ISerializer<TKey>? keySerializer = null, ISerializer<TValue>? valueSerializer = null,
        ILoggerFactory? loggerFactory = null, PartitionerDelegate? partitioner = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (!CompressionCodecs.IsAvailable(options.CompressionType))
        {
            throw new KafkaConfigException(ConfigNames.CompressionType, CompressionCodecs.Name(options.CompressionType), "the codec's native library is not installed on this machine");
        }

        _options = options;
        _keySerializer = keySerializer ?? Serializers.DefaultFor<TKey>() ?? throw new ArgumentException($"no built-in serializer for {typeof(TKey).Name}: pass a key serializer", nameof(keySerializer));
        _valueSerializer = valueSerializer ?? Serializers.DefaultFor<TValue>() ?? throw new ArgumentException($"no built-in serializer for {typeof(TValue).Name}: pass a value serializer", nameof(valueSerializer));
        _keyBufferSerializer = _keySerializer as IBufferSerializer<TKey>;
        _valueBufferSerializer = _valueSerializer as IBufferSerializer<TValue>;
        _partitioner = partitioner;
        _maxRecordSize = (int)Math.Min(options.MaxRequestSize, options.BufferMemory);
        var log = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Pipeline.Client.Producer");
        _log = log;
        Name = string.IsNullOrEmpty(options.ClientId) ? "producer-" + Interlocked.Increment(ref _instances) : options.ClientId;
        _connections = new ConnectionManager(options.BootstrapAddresses, ConnectionSettings.From(options with { ClientId = Name }), log);
        _metadata = new MetadataManager(_connections, options.MetadataMaxAge, options.RetryBackoff, options.RetryBackoffMax,
            allowAutoTopicCreation: true, topicMaxIdle: options.MetadataMaxIdle, log);
        _accumulator = new RecordAccumulator(new BufferMemory(options.BufferMemory, Math.Max(options.BatchSize, RecordBatchHeader.Size + 1)), options.BatchSize, options.MaxBlock);
        _sender = new Sender(options, _accumulator, _metadata, _connections, new DeliveryDispatcher<TKey, TValue>(log), log);
        _pending = new PendingSends(
            topic => _metadata.WaitForTopicAsync(topic, _options.MaxBlock, CancellationToken.None),
            (topic, send) => Append(topic, send.Partition, (Message<TKey, TValue>)send.Message, send.Callback, send.CancellationToken),
            FailQueued);
        _connections.StateChanged = _sender.Wake;
        _metadata.Updated = _sender.Wake;
        _metadata.Start();
        _sender.Start();
    }

    public Producer(IEnumerable<KeyValuePair<string, string>> config, ISerializer<TKey>? keySerializer = null, ISerializer<TValue>? valueSerializer = null,
        ILoggerFactory? loggerFactory = null, PartitionerDelegate? partitioner = null)
        : this(ProducerOptions.FromConfig(config), keySerializer, valueSerializer, loggerFactory, partitioner)
    {
    }

    private static int _instances;

    public string Name { get; }

    public ProducerOptions Options => _options;

    /// <summary>For tests: the accumulator (buffer accounting, incomplete counts).</summary>
    internal RecordAccumulator Accumulator => _accumulator;

    public Task<DeliveryResult<TKey, TValue>> ProduceAsync(string topic, Message<TKey, TValue> message, CancellationToken cancellationToken = default) =>
        ProduceAsyncCore(topic, -1, message, cancellationToken);

    public Task<DeliveryResult<TKey, TValue>> ProduceAsync(TopicPartition topicPartition, Message<TKey, TValue> message, CancellationToken cancellationToken = default) =>
        ProduceAsyncCore(topicPartition.Topic, CheckPartition(topicPartition.Partition), message, cancellationToken);

    public void Produce(string topic, Message<TKey, TValue> message, Action<DeliveryReport<TKey, TValue>>? deliveryHandler = null) =>
        ProduceCore(topic, -1, message, deliveryHandler);

    public void Produce(TopicPartition topicPartition, Message<TKey, TValue> message, Action<DeliveryReport<TKey, TValue>>? deliveryHandler = null) =>
        ProduceCore(topicPartition.Topic, CheckPartition(topicPartition.Partition), message, deliveryHandler);

    public int Flush(TimeSpan timeout)
    {
        var start = Stopwatch.GetTimestamp();
        _sender.BeginFlush();
        try
        {
            while (true)
            {
                var progress = _sender.Progress;
                var left = timeout == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : timeout - Stopwatch.GetElapsedTime(start);
                if (_accumulator.IncompleteRecords == 0 || (left != Timeout.InfiniteTimeSpan && left <= TimeSpan.Zero))
                {
                    return (int)_accumulator.IncompleteRecords;
                }

                progress.Wait(left);
            }
        }
        finally
        {
            _sender.EndFlush();
        }
    }

    public void Flush(CancellationToken cancellationToken = default)
    {
        _sender.BeginFlush();
        try
        {
            while (true)
            {
                var progress = _sender.Progress;
                if (_accumulator.IncompleteRecords == 0)
                {
                    return;
                }

                progress.Wait(cancellationToken);
            }
        }
        finally
        {
            _sender.EndFlush();
        }
    }

    public void Close(TimeSpan timeout)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        _sender.CloseAsync(timeout).GetAwaiter().GetResult();
        _metadata.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _connections.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    public void Dispose() => Close(Timeout.InfiniteTimeSpan);

    private async Task<DeliveryResult<TKey, TValue>> ProduceAsyncCore(string topic, int partition, Message<TKey, TValue> message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var completion = new DeliveryCompletion<TKey, TValue>();
        try
        {
            ThrowIfUnusable();
            var ready = _metadata.Current.TryGetTopic(topic, out var t) && t.IsUsable;
            if (!_pending.TryQueue(new PendingSend(topic, partition, message, completion, cancellationToken), ready))
            {
                Append(t, partition, message, completion, cancellationToken);
            }
        }
        catch (KafkaException e) when (e is not ProduceException<TKey, TValue>)
        {
            throw NotQueued(topic, partition, message, e);
        }

        return await completion.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// Appends at once when the topic's metadata is known and nothing of this topic is still
    /// waiting for it; otherwise blocks (up to max.block.ms, as Kafka's send does) until both hold,
    /// so that a thread's sends stay in order.
    /// </summary>
    private void ProduceCore(string topic, int partition, Message<TKey, TValue> message, Action<DeliveryReport<TKey, TValue>>? handler)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            ThrowIfUnusable();
            while (true)
            {
                if (_metadata.Current.TryGetTopic(topic, out var t) && t.IsUsable && _pending.WhenDrained(topic).IsCompleted)
                {
                    Append(t, partition, message, handler, CancellationToken.None);
                    return;
                }

                _pending.WhenDrained(topic).Wait(_options.MaxBlock);
                _metadata.WaitForTopicAsync(topic, _options.MaxBlock, CancellationToken.None).GetAwaiter().GetResult();
            }
        }
        catch (KafkaException e) when (e is not ProduceException<TKey, TValue>)
        {
            throw NotQueued(topic, partition, message, e);
        }
    }

    private void FailQueued(PendingSend send, Exception exception)
    {
        var message = (Message<TKey, TValue>)send.Message;
        var error = exception is KafkaException k ? k.Error : new KafkaError(ErrorCode.UnknownServerError, exception.Message);
        switch (send.Callback)
        {
            case DeliveryCompletion<TKey, TValue> completion when exception is OperationCanceledException:
                completion.TrySetCanceled(send.CancellationToken);
                break;
            case DeliveryCompletion<TKey, TValue> completion:
                completion.TrySetException(exception is KafkaException ke && ke is not ProduceException<TKey, TValue> ? NotQueued(send.Topic, send.Partition, message, ke) : exception);
                break;
            case Action<DeliveryReport<TKey, TValue>> handler:
                try
                {
                    handler(new DeliveryReport<TKey, TValue>
                    {
                        Topic = send.Topic,
                        Partition = send.Partition,
                        Message = message,
                        Status = PersistenceStatus.NotPersisted,
                        Error = error,
                    });
                }
                catch (Exception e)
                {
                    ClientLog.DeliveryHandlerFailed(_log, e);
                }

                break;
        }
    }

    private void Append(TopicMetadata topic, int explicitPartition, Message<TKey, TValue> message, object? callback, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var keyContext = new SerializationContext(MessageComponentType.Key, topic.Name, message.Headers);
        var valueContext = new SerializationContext(MessageComponentType.Value, topic.Name, message.Headers);
        ReadOnlySpan<byte> key;
        bool keyIsNull;
        if (_keyBufferSerializer is not null)
        {
            var scratch = SerializationScratch.Key;
            keyIsNull = !_keyBufferSerializer.Serialize(message.Key, keyContext, scratch);
            key = scratch.WrittenSpan;
        }
        else
        {
            var bytes = _keySerializer.Serialize(message.Key, keyContext);
            keyIsNull = bytes is null;
            key = bytes;
        }

        ReadOnlySpan<byte> value;
        bool valueIsNull;
        if (_valueBufferSerializer is not null)
        {
            var scratch = SerializationScratch.Value;
            valueIsNull = !_valueBufferSerializer.Serialize(message.Value, valueContext, scratch);
            value = scratch.WrittenSpan;
        }
        else
        {
            var bytes = _valueSerializer.Serialize(message.Value, valueContext);
            valueIsNull = bytes is null;
            value = bytes;
        }

        var size = RecordBatchHeader.Size + 32 + key.Length + value.Length + RecordEncoding.HeadersSize(message.Headers);
        if (size > _maxRecordSize)
        {
            var which = size > _options.MaxRequestSize ? "the value of the max.request.size configuration" : "the total memory buffer you have configured with the buffer.memory configuration";
            throw new KafkaException(ErrorCode.MessageTooLarge, $"The message is {size} bytes when serialized which is larger than {_maxRecordSize}, which is {which}.");
        }

        var timestamp = message.Timestamp.IsSet ? message.Timestamp.UnixTimestampMs : DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var sticky = false;
        int partition;
        if (explicitPartition >= 0)
        {
            if (explicitPartition >= topic.PartitionCount)
            {
                throw new KafkaException(ErrorCode.UnknownTopicOrPartition, $"Invalid partition given with record: {explicitPartition} is not in the range [0...{topic.PartitionCount}].");
            }

            partition = explicitPartition;
        }
        else if (_partitioner is not null)
        {
            partition = _partitioner(topic.Name, topic.PartitionCount, key, keyIsNull);
        }
        else if (!keyIsNull && !_options.PartitionerIgnoreKeys)
        {
            partition = Murmur2.Partition(key, topic.PartitionCount);
        }
        else
        {
            sticky = true;
            partition = _sticky.Partition(topic);
        }

        var result = _accumulator.Append(new TopicPartition(topic.Name, partition), timestamp, key, keyIsNull, value, valueIsNull,
            message.Headers, callback, callback is null ? null : message, abortOnNewBatch: sticky, cancellationToken);
        if (!result.Appended)
        {
            // KIP-480: the sticky partition's batch is gone; move on and start a batch elsewhere.
            partition = _sticky.NextPartition(topic, partition);
            result = _accumulator.Append(new TopicPartition(topic.Name, partition), timestamp, key, keyIsNull, value, valueIsNull,
                message.Headers, callback, callback is null ? null : message, abortOnNewBatch: false, cancellationToken);
        }

        if (result.NewBatchCreated)
        {
            _metadata.AddTopic(topic.Name);
        }

        if (result.WakeSender)
        {
            _sender.Wake();
        }
    }

    private void ThrowIfUnusable()
    {
        if (Volatile.Read(ref _closed) != 0)
        {
            throw new KafkaException(ErrorCode.UnknownServerError, "the producer is closed");
        }

        if (_sender.FatalError is { } fatal)
        {
            throw fatal;
        }
    }

    private static int CheckPartition(int partition) =>
        partition >= 0 ? partition : throw new ArgumentOutOfRangeException(nameof(partition), partition, "a partition number is >= 0");

    private static ProduceException<TKey, TValue> NotQueued(string topic, int partition, Message<TKey, TValue> message, KafkaException e) =>
        new(e.Error, new DeliveryResult<TKey, TValue>
        {
            Topic = topic,
            Partition = partition,
            Message = message,
            Status = PersistenceStatus.NotPersisted,
        }, e);
}
