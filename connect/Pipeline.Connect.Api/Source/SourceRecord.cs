using Pipeline.Connect.Api.Data;

namespace Pipeline.Connect.Api.Source;

/// <summary>
/// A record a source task produced, with where it came from: the source partition (e.g. a file
/// name or a table) and the offset within it (e.g. a line number or a row id). The runtime commits
/// the offset once the record is written, and gives it back after a restart.
/// </summary>
public sealed class SourceRecord : ConnectRecord
{
    /// <summary>A record with every field.</summary>
    public SourceRecord(
        IReadOnlyDictionary<string, object?>? sourcePartition,
        IReadOnlyDictionary<string, object?>? sourceOffset,
        string topic,
        int? kafkaPartition,
        Schema? keySchema,
        object? key,
        Schema? valueSchema,
        object? value,
        long? timestamp = null,
        IEnumerable<ConnectHeader>? headers = null)
        : base(topic, kafkaPartition, keySchema, key, valueSchema, value, timestamp, headers)
    {
        SourcePartition = sourcePartition;
        SourceOffset = sourceOffset;
    }

    /// <summary>A record without a key.</summary>
    public SourceRecord(IReadOnlyDictionary<string, object?>? sourcePartition, IReadOnlyDictionary<string, object?>? sourceOffset, string topic, Schema? valueSchema, object? value)
        : this(sourcePartition, sourceOffset, topic, null, null, null, valueSchema, value)
    {
    }

    /// <summary>Where in the source system the record came from; null when the source has no offsets.</summary>
    public IReadOnlyDictionary<string, object?>? SourcePartition { get; }

    /// <summary>The position after this record within <see cref="SourcePartition"/>.</summary>
    public IReadOnlyDictionary<string, object?>? SourceOffset { get; }

    /// <inheritdoc/>
    public override ConnectRecord NewRecord(string topic, int? kafkaPartition, Schema? keySchema, object? key, Schema? valueSchema, object? value, long? timestamp, IEnumerable<ConnectHeader>? headers) =>
        new SourceRecord(SourcePartition, SourceOffset, topic, kafkaPartition, keySchema, key, valueSchema, value, timestamp, headers);
}
