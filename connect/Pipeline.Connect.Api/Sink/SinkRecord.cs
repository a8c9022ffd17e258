using Pipeline.Connect.Api.Data;

namespace Pipeline.Connect.Api.Sink;

/// <summary>A record read from a topic for a sink task, with its Kafka offset (and the original position if transforms re-routed it).</summary>
public sealed class SinkRecord : ConnectRecord
{
    /// <summary>A record with every field.</summary>
    public SinkRecord(
        string topic,
        int partition,
        Schema? keySchema,
        object? key,
        Schema? valueSchema,
        object? value,
        long kafkaOffset,
        long? timestamp = null,
        TimestampType timestampType = TimestampType.NoTimestampType,
        IEnumerable<ConnectHeader>? headers = null,
        string? originalTopic = null,
        int? originalKafkaPartition = null,
        long? originalKafkaOffset = null)
        : base(topic, partition, keySchema, key, valueSchema, value, timestamp, headers)
    {
        KafkaOffset = kafkaOffset;
        TimestampType = timestampType;
        OriginalTopic = originalTopic ?? topic;
        OriginalKafkaPartition = originalKafkaPartition ?? partition;
        OriginalKafkaOffset = originalKafkaOffset ?? kafkaOffset;
    }

    /// <summary>The record's offset in its partition.</summary>
    public long KafkaOffset { get; }

    /// <summary>What <see cref="ConnectRecord.Timestamp"/> means.</summary>
    public TimestampType TimestampType { get; }

    /// <summary>The topic the record was read from, before any transform changed it (offsets are committed there).</summary>
    public string OriginalTopic { get; }

    /// <summary>The partition the record was read from.</summary>
    public int OriginalKafkaPartition { get; }

    /// <summary>The offset the record was read at.</summary>
    public long OriginalKafkaOffset { get; }

    /// <inheritdoc/>
    public override ConnectRecord NewRecord(string topic, int? kafkaPartition, Schema? keySchema, object? key, Schema? valueSchema, object? value, long? timestamp, IEnumerable<ConnectHeader>? headers) =>
        new SinkRecord(topic, kafkaPartition ?? OriginalKafkaPartition, keySchema, key, valueSchema, value, KafkaOffset, timestamp, TimestampType, headers, OriginalTopic, OriginalKafkaPartition, OriginalKafkaOffset);
}
