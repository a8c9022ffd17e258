using System.Collections;
using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Data;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>
/// Kafka's <c>InsertField</c>: adds the record's topic, partition, Kafka offset (sink records
/// only), timestamp and/or a static string to a Struct or Map. A field name ending in <c>!</c>
/// makes the new field required, <c>?</c> (or nothing) optional. Tombstones pass through.
/// </summary>
public abstract class InsertField : KeyOrValueTransformation
{
    public const string TopicFieldConfig = "topic.field";
    public const string PartitionFieldConfig = "partition.field";
    public const string OffsetFieldConfig = "offset.field";
    public const string TimestampFieldConfig = "timestamp.field";
    public const string StaticFieldConfig = "static.field";
    public const string StaticValueConfig = "static.value";
    public const string ReplaceNullWithDefaultConfig = "replace.null.with.default";
    private const string Purpose = "field insertion";
    private const string OptionalDoc = "Suffix with <code>!</code> to make this a required field, or <code>?</code> to keep it optional (the default).";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(TopicFieldConfig, ConfigType.String, null, null, Importance.Medium, "Field name for Kafka topic. " + OptionalDoc)
        .Define(PartitionFieldConfig, ConfigType.String, null, null, Importance.Medium, "Field name for Kafka partition. " + OptionalDoc)
        .Define(OffsetFieldConfig, ConfigType.String, null, null, Importance.Medium, "Field name for Kafka offset - only applicable to sink connectors.<br/>" + OptionalDoc)
        .Define(TimestampFieldConfig, ConfigType.String, null, null, Importance.Medium, "Field name for record timestamp. " + OptionalDoc)
        .Define(StaticFieldConfig, ConfigType.String, null, null, Importance.Medium, "Field name for static data field. " + OptionalDoc)
        .Define(StaticValueConfig, ConfigType.String, null, null, Importance.Medium, "Static field value, if field name configured.")
        .Define(ReplaceNullWithDefaultConfig, ConfigType.Boolean, true, null, Importance.Medium, "Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.");

    private readonly SchemaUpdateCache _schemaUpdateCache = new();
    private InsertionSpec? _topicField;
    private InsertionSpec? _partitionField;
    private InsertionSpec? _offsetField;
    private InsertionSpec? _timestampField;
    private InsertionSpec? _staticField;
    private string? _staticValue;
    private bool _replaceNullWithDefault = true;

    private protected InsertField(bool operatesOnKey)
        : base(operatesOnKey)
    {
    }

    public override ConfigDef Config => Definition;

    public override void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = TransformValidators.Parse(Definition, configs);
        _topicField = InsertionSpec.Parse(config.GetString(TopicFieldConfig));
        _partitionField = InsertionSpec.Parse(config.GetString(PartitionFieldConfig));
        _offsetField = InsertionSpec.Parse(config.GetString(OffsetFieldConfig));
        _timestampField = InsertionSpec.Parse(config.GetString(TimestampFieldConfig));
        _staticField = InsertionSpec.Parse(config.GetString(StaticFieldConfig));
        _staticValue = config.GetString(StaticValueConfig);
        _replaceNullWithDefault = config.GetBoolean(ReplaceNullWithDefaultConfig);
    }

    public override ConnectRecord? Apply(ConnectRecord record)
    {
        var value = OperatingValue(record);
        if (value is null)
        {
            return record;
        }

        var schema = OperatingSchema(record);
        return schema is null ? ApplySchemaless(record, value) : ApplyWithSchema(record, value);
    }

    private ConnectRecord ApplySchemaless(ConnectRecord record, object value)
    {
        IDictionary map = Requirements.RequireMap(value, Purpose);
        var updated = Requirements.CopyMap(map);
        if (_topicField is { } topic)
        {
            updated[topic.Name] = record.Topic;
        }

        if (_partitionField is { } partition)
        {
            updated[partition.Name] = record.KafkaPartition;
        }

        if (_offsetField is { } offset)
        {
            updated[offset.Name] = Requirements.RequireSinkRecord(record, Purpose).KafkaOffset;
        }

        if (_timestampField is { } timestamp)
        {
            updated[timestamp.Name] = record.Timestamp;
        }

        if (_staticField is { } staticField)
        {
            updated[staticField.Name] = _staticValue;
        }

        return NewRecord(record, null, updated);
    }

    private ConnectRecord ApplyWithSchema(ConnectRecord record, object value)
    {
        var input = Requirements.RequireStruct(value, Purpose);
        var updatedSchema = _schemaUpdateCache.GetOrAdd(input.Schema, MakeUpdatedSchema);
        var updated = new Struct(updatedSchema);
        foreach (var field in input.Schema.Fields)
        {
            updated.Put(field.Name, _replaceNullWithDefault ? input.Get(field) : input.GetWithoutDefault(field.Name));
        }

        if (_topicField is { } topic)
        {
            updated.Put(topic.Name, record.Topic);
        }

        if (_partitionField is { } partition && record.KafkaPartition is { } p)
        {
            updated.Put(partition.Name, p);
        }

        if (_offsetField is { } offset)
        {
            updated.Put(offset.Name, Requirements.RequireSinkRecord(record, Purpose).KafkaOffset);
        }

        if (_timestampField is { } timestamp && record.Timestamp is { } ts)
        {
            updated.Put(timestamp.Name, DateTimeOffset.FromUnixTimeMilliseconds(ts));
        }

        if (_staticField is { } staticField && _staticValue is not null)
        {
            updated.Put(staticField.Name, _staticValue);
        }

        return NewRecord(record, updatedSchema, updated);
    }

    private Schema MakeUpdatedSchema(Schema schema)
    {
        var builder = SchemaUtil.CopySchemaBasics(schema, SchemaBuilder.Struct());
        foreach (var field in schema.Fields)
        {
            builder.Field(field.Name, field.Schema);
        }

        Add(builder, _topicField, Schema.String, Schema.OptionalString);
        Add(builder, _partitionField, Schema.Int32, Schema.OptionalInt32);
        Add(builder, _offsetField, Schema.Int64, Schema.OptionalInt64);
        Add(builder, _timestampField, ConnectTimestamp.Schema, ConnectTimestamp.Builder().Optional().Build());
        Add(builder, _staticField, Schema.String, Schema.OptionalString);
        if (schema.IsOptional)
        {
            builder.Optional();
        }

        return builder.Build();
    }

    private static void Add(SchemaBuilder builder, InsertionSpec? spec, Schema required, Schema optional)
    {
        if (spec is { } s)
        {
            builder.Field(s.Name, s.Optional ? optional : required);
        }
    }

    private readonly record struct InsertionSpec(string Name, bool Optional)
    {
        public static InsertionSpec? Parse(string? spec) => spec switch
        {
            null or "" => null,
            _ when spec.EndsWith('?') => new InsertionSpec(spec[..^1], true),
            _ when spec.EndsWith('!') => new InsertionSpec(spec[..^1], false),
            _ => new InsertionSpec(spec, true),
        };
    }
}
