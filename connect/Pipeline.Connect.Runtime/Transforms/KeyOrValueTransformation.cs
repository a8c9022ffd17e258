using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Transforms;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>
/// The shape Kafka gives its field-level SMTs: one abstract transform per SMT (<c>InsertField</c>)
/// and two sealed variants (<c>InsertFieldKey</c>, <c>InsertFieldValue</c>, answering to Kafka's
/// <c>InsertField$Key</c> and <c>InsertField$Value</c>) that only choose which half of the record
/// the transform reads and rewrites. The other half, the topic, partition, timestamp and headers
/// are carried over unchanged.
/// </summary>
public abstract class KeyOrValueTransformation : ITransformation, IVersioned
{
    private protected KeyOrValueTransformation(bool operatesOnKey) => OperatesOnKey = operatesOnKey;

    /// <summary>True for the <c>$Key</c> variant, false for <c>$Value</c>.</summary>
    public bool OperatesOnKey { get; }

    public abstract ConfigDef Config { get; }

    public string Version => BuiltInTransforms.Version;

    public abstract void Configure(IReadOnlyDictionary<string, string> configs);

    public abstract ConnectRecord? Apply(ConnectRecord record);

    public virtual void Dispose() => GC.SuppressFinalize(this);

    protected Schema? OperatingSchema(ConnectRecord record) => OperatesOnKey ? record.KeySchema : record.ValueSchema;

    protected object? OperatingValue(ConnectRecord record) => OperatesOnKey ? record.Key : record.Value;

    protected ConnectRecord NewRecord(ConnectRecord record, Schema? updatedSchema, object? updatedValue) => OperatesOnKey
        ? record.NewRecord(record.Topic, record.KafkaPartition, updatedSchema, updatedValue, record.ValueSchema, record.Value, record.Timestamp)
        : record.NewRecord(record.Topic, record.KafkaPartition, record.KeySchema, record.Key, updatedSchema, updatedValue, record.Timestamp);

    protected ConnectRecord NewRecord(ConnectRecord record, Schema? updatedSchema, object? updatedValue, IEnumerable<ConnectHeader> headers) => OperatesOnKey
        ? record.NewRecord(record.Topic, record.KafkaPartition, updatedSchema, updatedValue, record.ValueSchema, record.Value, record.Timestamp, headers)
        : record.NewRecord(record.Topic, record.KafkaPartition, record.KeySchema, record.Key, updatedSchema, updatedValue, record.Timestamp, headers);
}
