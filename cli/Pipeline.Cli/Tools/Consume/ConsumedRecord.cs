namespace Pipeline.Cli.Tools.Consume;

/// <summary>
/// A consumed record as <c>pipeline consume --output json</c> prints it, one per line (JSON:
/// topic, partition, offset, timestamp, timestamp_type, key, value, headers [{key, value}]); key,
/// value and header values are UTF-8 text, null for a Kafka null.
/// </summary>
public sealed record ConsumedRecord(
    string Topic,
    int Partition,
    long Offset,
    long Timestamp,
    string TimestampType,
    string? Key,
    string? Value,
    IReadOnlyList<ConsumedHeader> Headers);
