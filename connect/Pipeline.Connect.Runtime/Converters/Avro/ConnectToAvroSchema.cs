using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Pipeline.Avro;
using Pipeline.Avro.Schemas;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;
using AvroField = Pipeline.Avro.Schemas.Field;
using AvroSchema = Pipeline.Avro.Schemas.Schema;
using AvroType = Pipeline.Avro.Schemas.SchemaType;
using ConnectSchema = Pipeline.Connect.Api.Data.Schema;

namespace Pipeline.Connect.Runtime.Converters.Avro;

/// <summary>
/// A Connect schema as the Avro schema Confluent's AvroData makes of it (connect.meta.data on):
/// structs are records named after the Connect name (default <c>io.confluent.connect.avro.ConnectDefault</c>);
/// optional schemas are unions with null first (null last when there is a default); Int8/Int16 are
/// int with <c>connect.type</c>; Decimal is bytes with scale/precision (precision from
/// <c>connect.decimal.precision</c>, default 64) and logicalType decimal; Date/Time/Timestamp are
/// date/time-millis/timestamp-millis; maps with required string keys are Avro maps, others arrays of
/// <c>MapEntry</c> records; doc, version, parameters, default and name ride along as
/// <c>connect.doc</c>, <c>connect.version</c>, <c>connect.parameters</c>, <c>connect.default</c>
/// and <c>connect.name</c>, in Confluent's order.
/// </summary>
internal sealed class ConnectToAvroSchema
{
    // Required schemas already converted in this conversion: a named type is defined once and then
    // referenced (Avro forbids redefining a name).
    private readonly Dictionary<ConnectSchema, AvroSchema> _defined = [];

    public static AvroSchema Convert(ConnectSchema schema)
    {
        try
        {
            return new ConnectToAvroSchema().ToAvro(schema, ignoreOptional: false);
        }
        catch (AvroException e)
        {
            throw new DataException($"Connect schema {schema} has no Avro equivalent: {e.Message}", e);
        }
    }

    private AvroSchema ToAvro(ConnectSchema schema, bool ignoreOptional)
    {
        if (!schema.IsOptional && _defined.TryGetValue(schema, out var known))
        {
            return known;
        }

        var (space, name) = SplitName(schema.Name);
        string? connectType = null;
        var props = new List<KeyValuePair<string, JsonElement>>();
        AvroSchema? baseSchema = null;
        switch (schema.Type)
        {
            case Api.Data.SchemaType.Int8:
                connectType = "int8";
                break;
            case Api.Data.SchemaType.Int16:
                connectType = "int16";
                break;
            case Api.Data.SchemaType.Bytes when schema.Name == ConnectDecimal.LogicalName:
                props.Add(Prop("scale", ConnectDecimal.ScaleOf(schema)));
                props.Add(Prop("precision", Precision(schema)));
                break;
            case Api.Data.SchemaType.Array:
                baseSchema = new ArraySchema(ToAvro(schema.ValueSchema!, ignoreOptional: false));
                break;
            case Api.Data.SchemaType.Map when schema.KeySchema!.Type == Api.Data.SchemaType.String && !schema.KeySchema.IsOptional:
                baseSchema = new MapSchema(ToAvro(schema.ValueSchema!, ignoreOptional: false));
                break;
            case Api.Data.SchemaType.Map:
                {
                    var entryProps = schema.Name is null ? null : SchemaProperties.Of((AvroDataNames.ConnectInternalType, AvroDataNames.MapEntryTypeName));
                    var entry = new RecordSchema(new SchemaName(schema.Name is null ? AvroDataNames.MapEntryTypeName : name!, space), doc: null, aliases: null, properties: entryProps);
                    entry.SetFields([RecordField(AvroDataNames.KeyField, schema.KeySchema, null), RecordField(AvroDataNames.ValueField, schema.ValueSchema!, null)]);
                    baseSchema = new ArraySchema(entry);
                    break;
                }

            case Api.Data.SchemaType.Struct when schema.Name == AvroDataNames.UnionTypeName:
                {
                    var branches = new List<AvroSchema>();
                    if (schema.IsOptional)
                    {
                        branches.Add(PrimitiveSchema.Of(AvroType.Null));
                    }

                    foreach (var field in schema.Fields)
                    {
                        branches.Add(ToAvro(field.Schema, ignoreOptional: true));
                    }

                    return Remember(schema, new UnionSchema(branches));
                }

            case Api.Data.SchemaType.Struct when schema.IsOptional && !ignoreOptional:
                return new UnionSchema([PrimitiveSchema.Of(AvroType.Null), ToAvro(Required(schema), ignoreOptional: false)]);
            case Api.Data.SchemaType.Struct:
                {
                    var doc = schema.Parameters is not null && schema.Parameters.TryGetValue(AvroDataNames.RecordDocParameter, out var d) ? d : null;
                    AddConnectProperties(props, schema, connectType: null);
                    var record = new RecordSchema(new SchemaName(name ?? AvroDataNames.DefaultSchemaName, space), doc, aliases: null, properties: SchemaProperties.From(props));

                    // Registered before its fields so a self-reference resolves to it.
                    _defined[Required(schema)] = record;
                    var fields = new List<AvroField>(schema.Fields.Count);
                    foreach (var field in schema.Fields)
                    {
                        fields.Add(RecordField(field.Name, field.Schema, null));
                    }

                    record.SetFields(fields);
                    return record;
                }
        }

        AddConnectProperties(props, schema, connectType);
        switch (schema.Name)
        {
            case ConnectDecimal.LogicalName:
                // Confluent adds it through Avro's decimal type when scale fits the precision and as a
                // plain attribute otherwise: the attribute is there either way.
                props.Add(Prop(LogicalType.PropertyName, "decimal"));
                break;
            case ConnectDate.LogicalName:
                props.Add(Prop(LogicalType.PropertyName, "date"));
                break;
            case ConnectTime.LogicalName:
                props.Add(Prop(LogicalType.PropertyName, "time-millis"));
                break;
            case ConnectTimestamp.LogicalName:
                props.Add(Prop(LogicalType.PropertyName, "timestamp-millis"));
                break;
        }

        baseSchema = baseSchema is null
            ? new PrimitiveSchema(PrimitiveType(schema.Type), SchemaProperties.From(props))
            : WithProperties(baseSchema, props);
        AvroSchema result = baseSchema;
        if (schema.IsOptional && !ignoreOptional)
        {
            result = schema.DefaultValue is not null
                ? new UnionSchema([baseSchema, PrimitiveSchema.Of(AvroType.Null)])
                : new UnionSchema([PrimitiveSchema.Of(AvroType.Null), baseSchema]);
        }

        return Remember(schema, result);
    }

    private AvroSchema Remember(ConnectSchema schema, AvroSchema avro)
    {
        if (!schema.IsOptional)
        {
            _defined[schema] = avro;
        }

        return avro;
    }

    private AvroField RecordField(string name, ConnectSchema schema, string? doc)
    {
        JsonElement? defaultValue = schema.DefaultValue is not null
            ? DefaultJson(schema, schema.DefaultValue)
            : schema.IsOptional ? JsonNull : null;
        return new AvroField(name, ToAvro(schema, ignoreOptional: false), doc, defaultValue);
    }

    private static readonly JsonElement JsonNull = JsonDocument.Parse("null").RootElement.Clone();

    private static void AddConnectProperties(List<KeyValuePair<string, JsonElement>> props, ConnectSchema schema, string? connectType)
    {
        if (schema.Doc is not null)
        {
            props.Add(Prop(AvroDataNames.ConnectDoc, schema.Doc));
        }

        if (schema.Version is { } version)
        {
            props.Add(Prop(AvroDataNames.ConnectVersion, version));
        }

        if (schema.Parameters is { Count: > 0 })
        {
            props.Add(new(AvroDataNames.ConnectParameters, JsonSerializer.SerializeToElement(schema.Parameters)));
        }

        if (schema.DefaultValue is not null)
        {
            props.Add(new(AvroDataNames.ConnectDefault, DefaultJson(schema, schema.DefaultValue)));
        }

        if (schema.Name is not null)
        {
            props.Add(Prop(AvroDataNames.ConnectName, schema.Name));
        }

        if (connectType is not null)
        {
            props.Add(Prop(AvroDataNames.ConnectType, connectType));
        }
    }

    /// <summary>A Connect default as the JSON of its Avro encoding (logical values as their underlying type, bytes as ISO-8859-1 text).</summary>
    public static JsonElement DefaultJson(ConnectSchema schema, object value) => JsonSerializer.SerializeToElement(DefaultTree(schema, value));

    private static object? DefaultTree(ConnectSchema schema, object? value)
    {
        if (value is null)
        {
            return null;
        }

        var plain = AvroValues.ToAvroLogical(schema, value);
        switch (schema.Type)
        {
            case Api.Data.SchemaType.Int8:
            case Api.Data.SchemaType.Int16:
                return System.Convert.ToInt32(plain, CultureInfo.InvariantCulture);
            case Api.Data.SchemaType.Bytes:
                return Encoding.Latin1.GetString((byte[])plain!);
            case Api.Data.SchemaType.Array:
                {
                    var items = new List<object?>();
                    foreach (var item in (IList)plain!)
                    {
                        items.Add(DefaultTree(schema.ValueSchema!, item));
                    }

                    return items;
                }

            case Api.Data.SchemaType.Map when schema.KeySchema!.Type == Api.Data.SchemaType.String:
                {
                    var map = new Dictionary<string, object?>();
                    foreach (DictionaryEntry entry in (IDictionary)plain!)
                    {
                        map[(string)entry.Key] = DefaultTree(schema.ValueSchema!, entry.Value);
                    }

                    return map;
                }

            case Api.Data.SchemaType.Map:
                {
                    var entries = new List<object?>();
                    foreach (DictionaryEntry entry in (IDictionary)plain!)
                    {
                        entries.Add(new Dictionary<string, object?>
                        {
                            [AvroDataNames.KeyField] = DefaultTree(schema.KeySchema, entry.Key),
                            [AvroDataNames.ValueField] = DefaultTree(schema.ValueSchema!, entry.Value),
                        });
                    }

                    return entries;
                }

            case Api.Data.SchemaType.Struct:
                {
                    var record = (Struct)plain!;
                    var fields = new Dictionary<string, object?>();
                    foreach (var field in schema.Fields)
                    {
                        fields[field.Name] = DefaultTree(field.Schema, record.Get(field));
                    }

                    return fields;
                }

            default:
                return plain;
        }
    }

    private static int Precision(ConnectSchema schema) =>
        schema.Parameters is not null && schema.Parameters.TryGetValue(AvroDataNames.DecimalPrecision, out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var precision)
            ? precision
            : AvroDataNames.DecimalPrecisionDefault;

    private static AvroType PrimitiveType(Api.Data.SchemaType type) => type switch
    {
        Api.Data.SchemaType.Int8 or Api.Data.SchemaType.Int16 or Api.Data.SchemaType.Int32 => AvroType.Int,
        Api.Data.SchemaType.Int64 => AvroType.Long,
        Api.Data.SchemaType.Float32 => AvroType.Float,
        Api.Data.SchemaType.Float64 => AvroType.Double,
        Api.Data.SchemaType.Boolean => AvroType.Boolean,
        Api.Data.SchemaType.String => AvroType.String,
        _ => AvroType.Bytes,
    };

    private static AvroSchema WithProperties(AvroSchema schema, List<KeyValuePair<string, JsonElement>> props) =>
        props.Count == 0 ? schema : schema switch
        {
            ArraySchema array => new ArraySchema(array.Items, SchemaProperties.From(props)),
            MapSchema map => new MapSchema(map.Values, SchemaProperties.From(props)),
            _ => schema,
        };

    private static ConnectSchema Required(ConnectSchema schema) => !schema.IsOptional
        ? schema
        : new ConnectSchema(schema.Type, isOptional: false, schema.DefaultValue, schema.Name, schema.Version, schema.Doc, schema.Parameters, schema.Type == Api.Data.SchemaType.Struct ? schema.Fields : null, schema.KeySchema, schema.ValueSchema);

    private static (string? Space, string? Name) SplitName(string? fullName)
    {
        if (fullName is null)
        {
            return (AvroDataNames.Namespace, null);
        }

        var dot = fullName.LastIndexOf('.');
        return dot < 0 ? (null, fullName) : (fullName[..dot], fullName[(dot + 1)..]);
    }

    private static KeyValuePair<string, JsonElement> Prop(string key, string value) => new(key, JsonSerializer.SerializeToElement(value));

    private static KeyValuePair<string, JsonElement> Prop(string key, int value) => new(key, JsonSerializer.SerializeToElement(value));
}
