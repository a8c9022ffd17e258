using System.Globalization;
using System.Text.Json;
using Pipeline.Avro.Schemas;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;
using AvroField = Pipeline.Avro.Schemas.Field;
using AvroSchema = Pipeline.Avro.Schemas.Schema;
using AvroType = Pipeline.Avro.Schemas.SchemaType;
using ConnectField = Pipeline.Connect.Api.Data.Field;
using ConnectSchema = Pipeline.Connect.Api.Data.Schema;
using ConnectType = Pipeline.Connect.Api.Data.SchemaType;

namespace Pipeline.Connect.Runtime.Converters.Avro;

/// <summary>
/// An Avro schema as the Connect schema Confluent's AvroData reads from it: the inverse of
/// <see cref="ConnectToAvroSchema"/> (connect.* properties restore name, version, doc, parameters
/// and default; unions with null make optional schemas; arrays of MapEntry records are maps), plus
/// schemas not written by Connect: records become structs named by their full name, enums strings
/// (with Confluent's <c>io.confluent.connect.avro.Enum</c> parameters), fixed bytes
/// (<c>connect.fixed.size</c>), other unions structs named <c>io.confluent.connect.avro.Union</c>
/// with one optional field per branch, date/time-millis/timestamp-millis/decimal the Connect
/// logical types. Recursive records have no Connect form (DataException).
/// </summary>
internal sealed class AvroToConnectSchema
{
    private readonly HashSet<string> _visiting = new(StringComparer.Ordinal);

    public static ConnectSchema Convert(AvroSchema schema) => new AvroToConnectSchema().ToConnect(schema, optional: false, fieldDefault: null);

    /// <summary>The field name Confluent gives a union branch: the type name, or the simple name of a named type.</summary>
    public static string BranchName(AvroSchema branch) => branch is NamedSchema named ? named.Name.Name : branch.TypeName;

    private ConnectSchema ToConnect(AvroSchema schema, bool optional, JsonElement? fieldDefault)
    {
        if (schema is UnionSchema union)
        {
            var nonNull = union.Branches.Where(b => b.Type != AvroType.Null).ToList();
            var hasNull = nonNull.Count != union.Branches.Count;
            if (nonNull.Count == 1)
            {
                return ToConnect(nonNull[0], optional || hasNull, fieldDefault);
            }

            var fields = new List<ConnectField>(nonNull.Count);
            foreach (var branch in nonNull)
            {
                fields.Add(new ConnectField(BranchName(branch), fields.Count, ToConnect(branch, optional: true, fieldDefault: null)));
            }

            return new ConnectSchema(ConnectType.Struct, optional || hasNull, name: AvroDataNames.UnionTypeName, fields: fields);
        }

        var props = schema.Properties;
        var name = props.GetString(AvroDataNames.ConnectName);
        var doc = props.GetString(AvroDataNames.ConnectDoc);
        int? version = props.TryGetValue(AvroDataNames.ConnectVersion, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        ConnectType type;
        IReadOnlyList<ConnectField>? structFields = null;
        ConnectSchema? keySchema = null;
        ConnectSchema? valueSchema = null;
        var logical = LogicalType.FromSchema(schema, out _);
        switch (schema)
        {
            case PrimitiveSchema primitive:
                type = primitive.Type switch
                {
                    AvroType.Int => props.GetString(AvroDataNames.ConnectType) switch
                    {
                        "int8" => ConnectType.Int8,
                        "int16" => ConnectType.Int16,
                        _ => ConnectType.Int32,
                    },
                    AvroType.Long => ConnectType.Int64,
                    AvroType.Float => ConnectType.Float32,
                    AvroType.Double => ConnectType.Float64,
                    AvroType.Boolean => ConnectType.Boolean,
                    AvroType.String => ConnectType.String,
                    AvroType.Bytes => ConnectType.Bytes,
                    _ => throw new DataException($"Avro type {primitive.TypeName} has no Connect equivalent outside a union"),
                };
                switch (logical?.Kind)
                {
                    case LogicalTypeKind.Decimal:
                        parameters[ConnectDecimal.ScaleField] = logical.Scale.ToString(CultureInfo.InvariantCulture);
                        if (logical.Precision != AvroDataNames.DecimalPrecisionDefault)
                        {
                            parameters[AvroDataNames.DecimalPrecision] = logical.Precision.ToString(CultureInfo.InvariantCulture);
                        }

                        (name, version) = (ConnectDecimal.LogicalName, 1);
                        break;
                    case LogicalTypeKind.Date:
                        (name, version) = (ConnectDate.LogicalName, 1);
                        break;
                    case LogicalTypeKind.TimeMillis:
                        (name, version) = (ConnectTime.LogicalName, 1);
                        break;
                    case LogicalTypeKind.TimestampMillis:
                        (name, version) = (ConnectTimestamp.LogicalName, 1);
                        break;
                }

                break;
            case FixedSchema fixedSchema:
                type = ConnectType.Bytes;
                name ??= fixedSchema.FullName;
                parameters[AvroDataNames.ConnectFixedSize] = fixedSchema.Size.ToString(CultureInfo.InvariantCulture);
                if (logical?.Kind == LogicalTypeKind.Decimal)
                {
                    parameters[ConnectDecimal.ScaleField] = logical.Scale.ToString(CultureInfo.InvariantCulture);
                    parameters[AvroDataNames.DecimalPrecision] = logical.Precision.ToString(CultureInfo.InvariantCulture);
                    (name, version) = (ConnectDecimal.LogicalName, 1);
                }

                break;
            case EnumSchema enumSchema:
                type = ConnectType.String;
                name ??= enumSchema.FullName;
                parameters[AvroDataNames.EnumTypeName] = enumSchema.FullName;
                foreach (var symbol in enumSchema.Symbols)
                {
                    parameters[AvroDataNames.EnumTypeName + "." + symbol] = symbol;
                }

                break;
            case ArraySchema array when IsMapEntry(array.Items, out var entry):
                type = ConnectType.Map;
                keySchema = ToConnect(entry.GetField(AvroDataNames.KeyField)!.Schema, optional: false, fieldDefault: null);
                valueSchema = ToConnect(entry.GetField(AvroDataNames.ValueField)!.Schema, optional: false, fieldDefault: null);
                break;
            case ArraySchema array:
                type = ConnectType.Array;
                valueSchema = ToConnect(array.Items, optional: false, fieldDefault: null);
                break;
            case MapSchema map:
                type = ConnectType.Map;
                keySchema = ConnectSchema.String;
                valueSchema = ToConnect(map.Values, optional: false, fieldDefault: null);
                break;
            case RecordSchema record:
                type = ConnectType.Struct;
                if (!_visiting.Add(record.FullName))
                {
                    throw new DataException($"Avro record {record.FullName} is recursive, which Connect schemas cannot express");
                }

                name ??= record.FullName == AvroDataNames.DefaultSchemaFullName ? null : record.FullName;
                if (record.Doc is not null)
                {
                    parameters[AvroDataNames.RecordDocParameter] = record.Doc;
                }

                var fields = new List<ConnectField>(record.Fields.Count);
                foreach (var field in record.Fields)
                {
                    fields.Add(new ConnectField(field.Name, fields.Count, ToConnect(field.Schema, optional: false, FieldDefault(field))));
                }

                _visiting.Remove(record.FullName);
                structFields = fields;
                break;
            default:
                throw new DataException($"Avro type {schema.TypeName} has no Connect equivalent");
        }

        if (props.TryGetValue(AvroDataNames.ConnectParameters, out var connectParameters) && connectParameters.ValueKind == JsonValueKind.Object)
        {
            // Connect's own parameters win, in their original order.
            var merged = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var parameter in connectParameters.EnumerateObject())
            {
                merged[parameter.Name] = parameter.Value.ValueKind == JsonValueKind.String ? parameter.Value.GetString()! : parameter.Value.GetRawText();
            }

            foreach (var (key, value) in parameters)
            {
                merged.TryAdd(key, value);
            }

            parameters = merged;
        }

        var plain = new ConnectSchema(type, optional, null, name, version, doc, parameters.Count == 0 ? null : parameters, structFields, keySchema, valueSchema);
        var defaultJson = props.TryGetValue(AvroDataNames.ConnectDefault, out var connectDefault) ? connectDefault : fieldDefault;
        if (defaultJson is not { ValueKind: not JsonValueKind.Null } json)
        {
            return plain;
        }

        var defaultValue = AvroValues.FromDefaultJson(plain, json);
        return new ConnectSchema(type, optional, defaultValue, name, version, doc, plain.Parameters, structFields, keySchema, valueSchema);
    }

    private static JsonElement? FieldDefault(AvroField field) => field.Default;

    private static bool IsMapEntry(AvroSchema items, out RecordSchema entry)
    {
        entry = (items as RecordSchema)!;
        return items is RecordSchema record
            && (record.FullName == AvroDataNames.Namespace + "." + AvroDataNames.MapEntryTypeName || record.Properties.GetString(AvroDataNames.ConnectInternalType) == AvroDataNames.MapEntryTypeName)
            && record.Fields.Count == 2 && record.GetField(AvroDataNames.KeyField) is not null && record.GetField(AvroDataNames.ValueField) is not null;
    }
}
