using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>
/// Kafka's <c>Cast</c>: casts the whole key/value (<c>spec=int32</c>) or named top-level fields of
/// a Struct or Map (<c>spec=a:int32,b:string</c>) to int8, int16, int32, int64, float32, float64,
/// boolean or string. Bytes only cast to string (base64); Date/Time/Timestamp cast to their
/// integer encoding or to ISO text. Tombstones pass through.
/// </summary>
public abstract class Cast : KeyOrValueTransformation
{
    public const string SpecConfig = "spec";
    public const string ReplaceNullWithDefaultConfig = "replace.null.with.default";
    private const string Purpose = "cast types";

    internal static readonly SchemaType[] SupportedInputTypes =
    [
        SchemaType.Int8, SchemaType.Int16, SchemaType.Int32, SchemaType.Int64, SchemaType.Float32,
        SchemaType.Float64, SchemaType.Boolean, SchemaType.String, SchemaType.Bytes,
    ];

    internal static readonly SchemaType[] SupportedOutputTypes =
    [
        SchemaType.Int8, SchemaType.Int16, SchemaType.Int32, SchemaType.Int64, SchemaType.Float32,
        SchemaType.Float64, SchemaType.Boolean, SchemaType.String,
    ];

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(
            SpecConfig,
            ConfigType.List,
            ConfigDef.NoDefault,
            ConfigValidators.Of((name, value) => ParseSpec(name, value as IReadOnlyList<string> ?? []), "list of colon-delimited pairs, e.g. foo:bar,abc:xyz"),
            Importance.High,
            "List of fields and the type to cast them to of the form field1:type,field2:type to cast fields of Maps or Structs. A single type to cast the entire value. Valid types are int8, int16, int32, int64, float32, float64, boolean, and string. Note that binary fields can only be cast to string.")
        .Define(ReplaceNullWithDefaultConfig, ConfigType.Boolean, true, null, Importance.Medium, "Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.");

    private readonly SchemaUpdateCache _schemaUpdateCache = new();
    private Dictionary<string, SchemaType> _casts = [];
    private SchemaType? _wholeValueCastType;
    private bool _replaceNullWithDefault = true;

    private protected Cast(bool operatesOnKey)
        : base(operatesOnKey)
    {
    }

    public override ConfigDef Config => Definition;

    public override void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = TransformValidators.Parse(Definition, configs);
        (_casts, _wholeValueCastType) = ParseSpec(SpecConfig, config.GetList(SpecConfig));
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
        return schema is null ? ApplySchemaless(record, value) : ApplyWithSchema(record, schema, value);
    }

    private ConnectRecord ApplySchemaless(ConnectRecord record, object value)
    {
        if (_wholeValueCastType is { } whole)
        {
            return NewRecord(record, null, CastValues.CastValueToType(null, value, whole));
        }

        var map = Requirements.RequireMap(value, Purpose);
        var updated = Requirements.CopyMap(map);
        foreach (var (field, type) in _casts)
        {
            if (updated.TryGetValue(field, out var fieldValue))
            {
                updated[field] = CastValues.CastValueToType(null, fieldValue, type);
            }
        }

        return NewRecord(record, null, updated);
    }

    private ConnectRecord ApplyWithSchema(ConnectRecord record, Schema schema, object value)
    {
        var updatedSchema = _schemaUpdateCache.GetOrAdd(schema, BuildUpdatedSchema);
        if (_wholeValueCastType is { } whole)
        {
            return NewRecord(record, updatedSchema, CastValues.CastValueToType(schema, value, whole));
        }

        var input = Requirements.RequireStruct(value, Purpose);
        var updated = new Struct(updatedSchema);
        foreach (var field in input.Schema.Fields)
        {
            var fieldValue = _replaceNullWithDefault ? input.Get(field) : input.GetWithoutDefault(field.Name);
            var cast = _casts.TryGetValue(field.Name, out var type) ? CastValues.CastValueToType(field.Schema, fieldValue, type) : fieldValue;
            updated.Put(updatedSchema.Field(field.Name)!, cast);
        }

        return NewRecord(record, updatedSchema, updated);
    }

    private Schema BuildUpdatedSchema(Schema schema)
    {
        SchemaBuilder builder;
        if (_wholeValueCastType is { } whole)
        {
            // A logical name (Date, Decimal, ...) would no longer describe the cast value, so only plain names carry over.
            builder = SchemaUtil.IsLogical(schema) ? new SchemaBuilder(whole) : SchemaUtil.CopySchemaBasics(schema, new SchemaBuilder(whole));
        }
        else
        {
            if (schema.Type != SchemaType.Struct)
            {
                throw new DataException($"Only Struct objects supported for [{Purpose}], found: {SchemaUtil.TypeName(schema.Type)} schema");
            }

            builder = SchemaUtil.CopySchemaBasics(schema, SchemaBuilder.Struct());
            foreach (var field in schema.Fields)
            {
                if (_casts.TryGetValue(field.Name, out var type))
                {
                    var fieldBuilder = new SchemaBuilder(type);
                    if (field.Schema.IsOptional)
                    {
                        fieldBuilder.Optional();
                    }

                    if (field.Schema.DefaultValue is { } fieldDefault)
                    {
                        fieldBuilder.DefaultValue(CastValues.CastValueToType(field.Schema, fieldDefault, type));
                    }

                    builder.Field(field.Name, fieldBuilder.Build());
                }
                else
                {
                    builder.Field(field.Name, field.Schema);
                }
            }
        }

        if (schema.IsOptional)
        {
            builder.Optional();
        }

        if (schema.DefaultValue is { } defaultValue)
        {
            builder.DefaultValue(_wholeValueCastType is { } t ? CastValues.CastValueToType(schema, defaultValue, t) : CastStructDefault((Struct)defaultValue, builder));
        }

        return builder.Build();
    }

    private Struct CastStructDefault(Struct original, SchemaBuilder builder)
    {
        var schema = builder.Build();
        var updated = new Struct(schema);
        foreach (var field in original.Schema.Fields)
        {
            var v = original.Get(field);
            updated.Put(schema.Field(field.Name)!, _casts.TryGetValue(field.Name, out var type) ? CastValues.CastValueToType(field.Schema, v, type) : v);
        }

        return updated;
    }

    private static (Dictionary<string, SchemaType> Casts, SchemaType? Whole) ParseSpec(string name, IReadOnlyList<string> mappings)
    {
        if (mappings.Count == 0)
        {
            throw new ConfigException(name, "", "Must specify at least one field to cast.");
        }

        var casts = new Dictionary<string, SchemaType>(StringComparer.Ordinal);
        SchemaType? whole = null;
        foreach (var mapping in mappings)
        {
            var parts = mapping.Split(':');
            if (parts.Length > 2)
            {
                throw new ConfigException(name, mappings, "Invalid rename mapping: " + mapping);
            }

            var type = ParseType(name, mappings, parts[^1].Trim());
            if (parts.Length == 1)
            {
                whole = type;
            }
            else
            {
                casts[parts[0].Trim()] = type;
            }
        }

        if (whole is not null && mappings.Count > 1)
        {
            throw new ConfigException(name, mappings, "Cast transformations that specify a type to cast the entire value to may ony specify a single cast in their spec");
        }

        return (casts, whole);
    }

    private static SchemaType ParseType(string name, IReadOnlyList<string> mappings, string text)
    {
        foreach (var type in Enum.GetValues<SchemaType>())
        {
            if (string.Equals(SchemaUtil.TypeName(type), text, StringComparison.OrdinalIgnoreCase))
            {
                if (Array.IndexOf(SupportedOutputTypes, type) < 0)
                {
                    throw new ConfigException(name, mappings, $"Cast transformation does not support casting to {SchemaUtil.TypeName(type)}; supported types are {CastValues.Describe(SupportedOutputTypes)}");
                }

                return type;
            }
        }

        throw new ConfigException(name, mappings, "Invalid type found in casting spec: " + text);
    }
}
