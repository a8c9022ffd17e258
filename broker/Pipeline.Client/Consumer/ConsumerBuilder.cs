using Microsoft.Extensions.Logging;
using Pipeline.Client.Config;
using Pipeline.Client.Consumer.Assignors;
using Pipeline.Client.Serialization;
using Pipeline.Protocol;

namespace Pipeline.Client.Consumer;

/// <summary>Confluent-style construction: <c>new ConsumerBuilder&lt;string, string&gt;(config).SetPartitionsAssignedHandler(...).Build()</c>.</summary>
public sealed class ConsumerBuilder<TKey, TValue>
{
    private readonly ConsumerOptions _options;
    private readonly List<IConsumerPartitionAssignor> _assignors = [];
    private IDeserializer<TKey>? _keyDeserializer;
    private IDeserializer<TValue>? _valueDeserializer;
    private ILoggerFactory? _loggerFactory;
    private Func<IConsumer<TKey, TValue>, List<TopicPartition>, IEnumerable<TopicPartitionOffset>?>? _assigned;
    private Action<IConsumer<TKey, TValue>, List<TopicPartitionOffset>>? _revoked;
    private Action<IConsumer<TKey, TValue>, List<TopicPartitionOffset>>? _lost;
    private Action<IConsumer<TKey, TValue>, KafkaError>? _error;

    public ConsumerBuilder(IEnumerable<KeyValuePair<string, string>> config)
        : this(ConsumerOptions.FromConfig(config))
    {
    }

    public ConsumerBuilder(ConsumerOptions options) => _options = options;

    public ConsumerBuilder<TKey, TValue> SetKeyDeserializer(IDeserializer<TKey> deserializer)
    {
        _keyDeserializer = deserializer;
        return this;
    }

    public ConsumerBuilder<TKey, TValue> SetValueDeserializer(IDeserializer<TValue> deserializer)
    {
        _valueDeserializer = deserializer;
        return this;
    }

    public ConsumerBuilder<TKey, TValue> SetLoggerFactory(ILoggerFactory loggerFactory)
    {
        _loggerFactory = loggerFactory;
        return this;
    }

    /// <summary>Called with the newly assigned partitions (under cooperative rebalancing, only the added ones).</summary>
    public ConsumerBuilder<TKey, TValue> SetPartitionsAssignedHandler(Action<IConsumer<TKey, TValue>, List<TopicPartition>> handler)
    {
        _assigned = (c, p) =>
        {
            handler(c, p);
            return null;
        };
        return this;
    }

    /// <summary>As above, returning where each partition starts (an offset or a special <see cref="Offset"/>; omitted ones use the committed offset).</summary>
    public ConsumerBuilder<TKey, TValue> SetPartitionsAssignedHandler(Func<IConsumer<TKey, TValue>, List<TopicPartition>, IEnumerable<TopicPartitionOffset>> handler)
    {
        _assigned = handler;
        return this;
    }

    /// <summary>Called with the partitions about to be taken away and their positions, while they can still be committed.</summary>
    public ConsumerBuilder<TKey, TValue> SetPartitionsRevokedHandler(Action<IConsumer<TKey, TValue>, List<TopicPartitionOffset>> handler)
    {
        _revoked = handler;
        return this;
    }

    /// <summary>Called with partitions lost without a clean revocation (the membership was lost): they may already be someone else's.</summary>
    public ConsumerBuilder<TKey, TValue> SetPartitionsLostHandler(Action<IConsumer<TKey, TValue>, List<TopicPartitionOffset>> handler)
    {
        _lost = handler;
        return this;
    }

    /// <summary>Called inside Consume with errors of background work (failed automatic commits).</summary>
    public ConsumerBuilder<TKey, TValue> SetErrorHandler(Action<IConsumer<TKey, TValue>, KafkaError> handler)
    {
        _error = handler;
        return this;
    }

    /// <summary>Custom assignors, picked by name from partition.assignment.strategy (they may also replace a built-in of the same name).</summary>
    public ConsumerBuilder<TKey, TValue> SetPartitionAssignors(params IConsumerPartitionAssignor[] assignors)
    {
        _assignors.AddRange(assignors);
        return this;
    }

    public IConsumer<TKey, TValue> Build()
    {
        var consumer = new Consumer<TKey, TValue>(_options, _keyDeserializer, _valueDeserializer, _loggerFactory, _assignors);
        consumer.Handlers.Assigned = _assigned;
        consumer.Handlers.Revoked = _revoked;
        consumer.Handlers.Lost = _lost;
        consumer.ErrorHandler = _error;
        return consumer;
    }
}
