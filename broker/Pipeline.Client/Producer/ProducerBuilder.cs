using Microsoft.Extensions.Logging;
using Pipeline.Client.Config;
using Pipeline.Client.Serialization;

namespace Pipeline.Client.Producer;

/// <summary>Confluent-style construction: <c>new ProducerBuilder&lt;string, string&gt;(config).Build()</c>.</summary>
public sealed class ProducerBuilder<TKey, TValue>
{
    private readonly ProducerOptions _options;
    private ISerializer<TKey>? _keySerializer;
    private ISerializer<TValue>? _valueSerializer;
    private ILoggerFactory? _loggerFactory;
    private PartitionerDelegate? _partitioner;

    public ProducerBuilder(IEnumerable<KeyValuePair<string, string>> config)
        : this(ProducerOptions.FromConfig(config))
    {
    }

    public ProducerBuilder(ProducerOptions options) => _options = options;

    public ProducerBuilder<TKey, TValue> SetKeySerializer(ISerializer<TKey> serializer)
    {
        _keySerializer = serializer;
        return this;
    }

    public ProducerBuilder<TKey, TValue> SetValueSerializer(ISerializer<TValue> serializer)
    {
        _valueSerializer = serializer;
        return this;
    }

    public ProducerBuilder<TKey, TValue> SetLoggerFactory(ILoggerFactory loggerFactory)
    {
        _loggerFactory = loggerFactory;
        return this;
    }

    /// <summary>Replaces the default partitioner (murmur2 for keys, sticky for null keys) for every topic.</summary>
    public ProducerBuilder<TKey, TValue> SetPartitioner(PartitionerDelegate partitioner)
    {
        _partitioner = partitioner;
        return this;
    }

    public IProducer<TKey, TValue> Build() => new Producer<TKey, TValue>(_options, _keySerializer, _valueSerializer, _loggerFactory, _partitioner);
}
