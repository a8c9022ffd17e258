using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Data;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>
/// Kafka's <c>HoistField</c>: wraps the key/value in a Struct with the single field <c>field</c>
/// (schemaful, the input schema becomes the field's schema) or in a one-entry Map (schemaless).
/// </summary>
public abstract class HoistField : KeyOrValueTransformation
{
    public const string FieldConfig = "field";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(FieldConfig, ConfigType.String, ConfigDef.NoDefault, ConfigValidators.NonNull, Importance.Medium, "Field name for the single field that will be created in the resulting Struct or Map.");

    private readonly SchemaUpdateCache _schemaUpdateCache = new();
    private string _fieldName = "";

    private protected HoistField(bool operatesOnKey)
        : base(operatesOnKey)
    {
    }

    public override ConfigDef Config => Definition;

    public override void Configure(IReadOnlyDictionary<string, string> configs) =>
        _fieldName = TransformValidators.Parse(Definition, configs).GetString(FieldConfig)!;

    public override ConnectRecord? Apply(ConnectRecord record)
    {
        var schema = OperatingSchema(record);
        var value = OperatingValue(record);
        if (schema is null)
        {
            return NewRecord(record, null, new Dictionary<string, object?>(StringComparer.Ordinal) { [_fieldName] = value });
        }

        var updatedSchema = _schemaUpdateCache.GetOrAdd(schema, s => SchemaBuilder.Struct().Field(_fieldName, s).Build());
        return NewRecord(record, updatedSchema, new Struct(updatedSchema).Put(_fieldName, value));
    }
}
