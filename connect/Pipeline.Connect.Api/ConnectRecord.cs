using Pipeline.Connect.Api.Data;

namespace Pipeline.Connect.Api;

/// <summary>
/// What flows through Connect: a topic, an optional partition, a key and a value each with an
/// optional schema, an optional timestamp and headers. Records are immutable apart from their
/// headers; transformations make new ones with <see cref="NewRecord(string, int?, Schema?, object?, Schema?, object?, long?, IEnumerable{ConnectHeader}?)"/>.
/// </summary>
public abstract class ConnectRecord
{
    /// <summary>A record; <paramref name="headers"/> are copied.</summary>
    protected ConnectRecord(string topic, int? kafkaPartition, Schema? keySchema, object? key, Schema? valueSchema, object? value, long? timestamp, IEnumerable<ConnectHeader>? headers)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (kafkaPartition < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(kafkaPartition), kafkaPartition, "a partition is never negative");
        }

        Topic = topic;
        KafkaPartition = kafkaPartition;
        KeySchema = keySchema;
        Key = key;
        ValueSchema = valueSchema;
        Value = value;
        Timestamp = timestamp;
        Headers = headers is null ? new ConnectHeaders() : new ConnectHeaders(headers);
    }

    /// <summary>The topic the record goes to (source) or came from (sink).</summary>
    public string Topic { get; }

    /// <summary>The partition, or null to let the producer's partitioner choose.</summary>
    public int? KafkaPartition { get; }

    /// <summary>The key's schema; null for schemaless data.</summary>
    public Schema? KeySchema { get; }

    /// <summary>The key.</summary>
    public object? Key { get; }

    /// <summary>The value's schema; null for schemaless data.</summary>
    public Schema? ValueSchema { get; }

    /// <summary>The value.</summary>
    public object? Value { get; }

    /// <summary>Milliseconds since the epoch, or null when unknown.</summary>
    public long? Timestamp { get; }

    /// <summary>The record's headers (mutable, owned by this record).</summary>
    public ConnectHeaders Headers { get; }

    /// <summary>A record of the same kind with other contents; kind-specific fields (source offsets, Kafka offsets) are kept.</summary>
    public abstract ConnectRecord NewRecord(string topic, int? kafkaPartition, Schema? keySchema, object? key, Schema? valueSchema, object? value, long? timestamp, IEnumerable<ConnectHeader>? headers);

    /// <summary>As the other overload, with a copy of this record's headers.</summary>
    public ConnectRecord NewRecord(string topic, int? kafkaPartition, Schema? keySchema, object? key, Schema? valueSchema, object? value, long? timestamp) =>
        NewRecord(topic, kafkaPartition, keySchema, key, valueSchema, value, timestamp, Headers);

    /// <inheritdoc/>
    public override string ToString() => $"{GetType().Name}{{topic='{Topic}', kafkaPartition={KafkaPartition?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}, key={Key}, value={Value}, timestamp={Timestamp?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}, headers={Headers.Count}}}";
}
