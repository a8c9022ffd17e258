using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Api.Transforms;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>
/// Kafka's <c>ValueToKey</c>: the key becomes a Struct (or Map) of the listed value fields; the
/// value is unchanged. A schemaless tombstone gets a key of nulls.
/// </summary>
[PluginAlias("org.apache.kafka.connect.transforms.ValueToKey")]
public sealed class ValueToKey : ITransformation, IVersioned
{
    public const string FieldsConfig = "fields";
    public const string ReplaceNullWithDefaultConfig = "replace.null.with.default";
    private const string Purpose = "copying fields from value to key";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(FieldsConfig, ConfigType.List, ConfigDef.NoDefault, TransformValidators.NonEmptyDistinctList, Importance.High, "Field names on the record value to extract as the record key.")
        .Define(ReplaceNullWithDefaultConfig, ConfigType.Boolean, true, null, Importance.Medium, "Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.");

    private readonly SchemaUpdateCache _keySchemaCache = new();
    private IReadOnlyList<string> _fields = [];
    private bool _replaceNullWithDefault = true;

    public ConfigDef Config => Definition;

    public string Version => BuiltInTransforms.Version;

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = TransformValidators.Parse(Definition, configs);
        _fields = config.GetList(FieldsConfig);
        _replaceNullWithDefault = config.GetBoolean(ReplaceNullWithDefaultConfig);
    }

    public ConnectRecord? Apply(ConnectRecord record)
    {
        if (record.ValueSchema is null)
        {
            var map = Requirements.RequireMapOrNull(record.Value, Purpose);
            var key = new Dictionary<string, object?>(_fields.Count, StringComparer.Ordinal);
            foreach (var field in _fields)
            {
                key[field] = map is null ? null : Requirements.Lookup(map, field);
            }

            return record.NewRecord(record.Topic, record.KafkaPartition, null, key, record.ValueSchema, record.Value, record.Timestamp);
        }

        var value = Requirements.RequireStruct(record.Value, Purpose);
        var keySchema = _keySchemaCache.GetOrAdd(value.Schema, BuildKeySchema);
        var structKey = new Struct(keySchema);
        foreach (var field in _fields)
        {
            structKey.Put(field, _replaceNullWithDefault ? value.Get(field) : value.GetWithoutDefault(field));
        }

        return record.NewRecord(record.Topic, record.KafkaPartition, keySchema, structKey, value.Schema, value, record.Timestamp);
    }

    public void Dispose()
    {
    }

    private Schema BuildKeySchema(Schema valueSchema)
    {
        var builder = SchemaBuilder.Struct();
        foreach (var field in _fields)
        {
            var source = valueSchema.Field(field) ?? throw new DataException("Field does not exist: " + field);
            builder.Field(field, source.Schema);
        }

        return builder.Build();
    }
}
