using System.Collections;
using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>
/// Kafka's <c>Flatten</c>: nested Structs (schemaful) or Maps (schemaless) become top-level
/// fields named by joining the path with <c>delimiter</c>. Arrays (and, schemaful, maps) are kept
/// as they are. A field under an optional struct becomes optional; a nested struct's default
/// supplies the flattened fields' defaults. A null key/value stays null.
/// </summary>
public abstract class Flatten : KeyOrValueTransformation
{
    public const string DelimiterConfig = "delimiter";
    private const string Purpose = "flattening";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(DelimiterConfig, ConfigType.String, ".", null, Importance.Medium, "Delimiter to insert between field names from the input record when generating field names for the output record");

    private readonly SchemaUpdateCache _schemaUpdateCache = new();
    private string _delimiter = ".";

    private protected Flatten(bool operatesOnKey)
        : base(operatesOnKey)
    {
    }

    public override ConfigDef Config => Definition;

    public override void Configure(IReadOnlyDictionary<string, string> configs)
    {
        TransformValidators.Parse(Definition, configs);

        // The parsed value is trimmed; a delimiter may be whitespace, so the raw text is used.
        _delimiter = configs.TryGetValue(DelimiterConfig, out var raw) ? raw : ".";
    }

    public override ConnectRecord? Apply(ConnectRecord record)
    {
        var schema = OperatingSchema(record);
        if (schema is null)
        {
            var map = Requirements.RequireMapOrNull(OperatingValue(record), Purpose);
            if (map is null)
            {
                return NewRecord(record, null, null);
            }

            var flattened = new Dictionary<string, object?>(StringComparer.Ordinal);
            FlattenMap(map, "", flattened);
            return NewRecord(record, null, flattened);
        }

        var value = Requirements.RequireStructOrNull(OperatingValue(record), Purpose);
        var updatedSchema = _schemaUpdateCache.GetOrAdd(schema, BuildUpdatedSchema);
        if (value is null)
        {
            return NewRecord(record, updatedSchema, null);
        }

        var updated = new Struct(updatedSchema);
        FlattenStruct(value, "", updated);
        return NewRecord(record, updatedSchema, updated);
    }

    private string FieldName(string prefix, string name) => prefix.Length == 0 ? name : prefix + _delimiter + name;

    private void FlattenMap(IDictionary map, string prefix, Dictionary<string, object?> output)
    {
        foreach (DictionaryEntry entry in map)
        {
            var name = FieldName(prefix, Requirements.KeyOf(entry.Key));
            var value = entry.Value;
            if (value is null)
            {
                output[name] = null;
                continue;
            }

            var type = Schema.TypeOf(value)
                ?? throw new DataException($"Flatten transformation was passed a value of type {value.GetType()} which is not supported by Connect's data API");
            switch (type)
            {
                case SchemaType.Map:
                    FlattenMap((IDictionary)value, name, output);
                    break;
                case SchemaType.Struct:
                    throw new DataException($"Flatten transformation does not support {SchemaUtil.TypeName(type)} for record without schemas (for field {name}).");
                default:
                    output[name] = value;
                    break;
            }
        }
    }

    private Schema BuildUpdatedSchema(Schema schema)
    {
        if (schema.Type != SchemaType.Struct)
        {
            throw new DataException($"Only Struct objects supported for [{Purpose}], found: {SchemaUtil.TypeName(schema.Type)} schema");
        }

        var builder = SchemaUtil.CopySchemaBasics(schema, SchemaBuilder.Struct());
        AddFlattenedFields(schema, "", builder, schema.IsOptional, null);
        if (schema.IsOptional)
        {
            builder.Optional();
        }

        return builder.Build();
    }

    private void AddFlattenedFields(Schema schema, string prefix, SchemaBuilder builder, bool optional, Struct? defaultFromParent)
    {
        foreach (var field in schema.Fields)
        {
            var name = FieldName(prefix, field.Name);
            var fieldOptional = optional || field.Schema.IsOptional;
            var fieldDefault = field.Schema.DefaultValue ?? defaultFromParent?.Get(field);
            if (field.Schema.Type == SchemaType.Struct)
            {
                AddFlattenedFields(field.Schema, name, builder, fieldOptional, (Struct?)fieldDefault);
                continue;
            }

            var fieldBuilder = SchemaUtil.CopySchemaBasics(field.Schema);
            if (fieldOptional)
            {
                fieldBuilder.Optional();
            }

            if (fieldDefault is not null)
            {
                fieldBuilder.DefaultValue(fieldDefault);
            }

            builder.Field(name, fieldBuilder.Build());
        }
    }

    private void FlattenStruct(Struct value, string prefix, Struct output)
    {
        foreach (var field in value.Schema.Fields)
        {
            var name = FieldName(prefix, field.Name);
            var fieldValue = value.GetWithoutDefault(field.Name);
            if (field.Schema.Type == SchemaType.Struct)
            {
                if (fieldValue is Struct nested)
                {
                    FlattenStruct(nested, name, output);
                }

                continue;
            }

            output.Put(name, fieldValue);
        }
    }
}
