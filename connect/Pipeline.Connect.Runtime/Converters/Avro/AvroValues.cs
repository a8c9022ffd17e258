using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using Pipeline.Avro.Codecs;
using Pipeline.Avro.Schemas;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;
using AvroSchema = Pipeline.Avro.Schemas.Schema;
using AvroType = Pipeline.Avro.Schemas.SchemaType;
using ConnectSchema = Pipeline.Connect.Api.Data.Schema;
using ConnectType = Pipeline.Connect.Api.Data.SchemaType;

namespace Pipeline.Connect.Runtime.Converters.Avro;

/// <summary>
/// Connect values to Pipeline.Avro's generic model and back, for schema pairs made by
/// <see cref="ConnectToAvroSchema"/> and <see cref="AvroToConnectSchema"/>. Logical values travel as
/// their underlying Avro values (Decimal as unscaled bytes, Date/Time as int, Timestamp as long),
/// which the codec writes under any logical type annotation; reading uses
/// <c>convertLogicalTypes: false</c> so the same underlying values come back.
/// </summary>
internal static class AvroValues
{
    /// <summary>A logical Connect value as its underlying value; other values unchanged.</summary>
    public static object? ToAvroLogical(ConnectSchema schema, object? value) => value is null ? null : schema.Name switch
    {
        ConnectDecimal.LogicalName => value is decimal d ? ConnectDecimal.FromLogical(schema, d) : Invalid<object>("Decimal", value),
        ConnectDate.LogicalName => value is DateOnly date ? ConnectDate.FromLogical(schema, date) : Invalid<object>("Date", value),
        ConnectTime.LogicalName => value is TimeOnly time ? ConnectTime.FromLogical(schema, time) : Invalid<object>("Time", value),
        ConnectTimestamp.LogicalName => value switch
        {
            DateTimeOffset instant => ConnectTimestamp.FromLogical(schema, instant),
            DateTime moment => ConnectTimestamp.FromLogical(schema, moment),
            _ => Invalid<object>("Timestamp", value),
        },
        _ => value,
    };

    public static object? ToAvro(ConnectSchema schema, AvroSchema avro, object? value)
    {
        if (value is null)
        {
            if (schema.DefaultValue is not null)
            {
                return ToAvro(schema, avro, schema.DefaultValue);
            }

            return schema.IsOptional ? null : throw new DataException($"Found null value for non-optional schema {schema}");
        }

        if (schema.Type == ConnectType.Struct && schema.Name == AvroDataNames.UnionTypeName)
        {
            var union = (UnionSchema)avro;
            var record = (Struct)value;
            var branches = union.Branches.Where(b => b.Type != AvroType.Null).ToList();
            foreach (var field in schema.Fields)
            {
                if (record.GetWithoutDefault(field.Name) is { } member)
                {
                    return ToAvro(field.Schema, branches[field.Index], member);
                }
            }

            return null;
        }

        avro = NonNull(avro);
        var plain = ToAvroLogical(schema, value);
        switch (schema.Type)
        {
            case ConnectType.Int8 when plain is sbyte b:
                return (int)b;
            case ConnectType.Int16 when plain is short s:
                return (int)s;
            case ConnectType.Int32 when plain is int:
            case ConnectType.Int64 when plain is long:
            case ConnectType.Float32 when plain is float:
            case ConnectType.Float64 when plain is double:
            case ConnectType.Boolean when plain is bool:
            case ConnectType.String when plain is string:
            case ConnectType.Bytes when plain is byte[]:
                return plain;
            case ConnectType.Array when plain is IList list and not byte[]:
                {
                    var items = ((ArraySchema)avro).Items;
                    var result = new List<object?>(list.Count);
                    foreach (var item in list)
                    {
                        result.Add(ToAvro(schema.ValueSchema!, items, item));
                    }

                    return result;
                }

            case ConnectType.Map when plain is IDictionary map:
                {
                    if (avro is MapSchema mapSchema)
                    {
                        var result = new Dictionary<string, object?>(map.Count, StringComparer.Ordinal);
                        foreach (DictionaryEntry entry in map)
                        {
                            result[(string)entry.Key] = ToAvro(schema.ValueSchema!, mapSchema.Values, entry.Value);
                        }

                        return result;
                    }

                    var entrySchema = (RecordSchema)((ArraySchema)avro).Items;
                    var entries = new List<object?>(map.Count);
                    foreach (DictionaryEntry entry in map)
                    {
                        var pair = new GenericRecord(entrySchema);
                        pair[0] = ToAvro(schema.KeySchema!, entrySchema.Fields[0].Schema, entry.Key);
                        pair[1] = ToAvro(schema.ValueSchema!, entrySchema.Fields[1].Schema, entry.Value);
                        entries.Add(pair);
                    }

                    return entries;
                }

            case ConnectType.Struct when plain is Struct record:
                {
                    if (!record.Schema.Equals(schema))
                    {
                        throw new DataException("Mismatching struct schema");
                    }

                    var recordSchema = (RecordSchema)avro;
                    var result = new GenericRecord(recordSchema);
                    foreach (var field in schema.Fields)
                    {
                        result[field.Index] = ToAvro(field.Schema, recordSchema.Fields[field.Index].Schema, record.GetWithoutDefault(field.Name));
                    }

                    return result;
                }

            default:
                throw new DataException($"Invalid type for {schema.Type.ToString().ToUpperInvariant()}: {value.GetType()}");
        }
    }

    public static object? ToConnect(ConnectSchema schema, AvroSchema avro, object? value)
    {
        if (value is null)
        {
            return schema.IsOptional ? null : schema.DefaultValue ?? throw new DataException($"Found null value for non-optional schema {schema}");
        }

        if (schema.Type == ConnectType.Struct && schema.Name == AvroDataNames.UnionTypeName)
        {
            return UnionToConnect(schema, (UnionSchema)avro, value);
        }

        avro = NonNull(avro);
        switch (schema.Name)
        {
            case ConnectDecimal.LogicalName:
                return ConnectDecimal.ToLogical(schema, value is GenericFixed f ? f.Bytes : (byte[])value);
            case ConnectDate.LogicalName:
                return ConnectDate.ToLogical(schema, (int)value);
            case ConnectTime.LogicalName:
                return ConnectTime.ToLogical(schema, (int)value);
            case ConnectTimestamp.LogicalName:
                return ConnectTimestamp.ToLogical(schema, (long)value);
        }

        switch (schema.Type)
        {
            case ConnectType.Int8:
                return checked((sbyte)(int)value);
            case ConnectType.Int16:
                return checked((short)(int)value);
            case ConnectType.String:
                return value is GenericEnum symbol ? symbol.Symbol : value.ToString();
            case ConnectType.Bytes:
                return value is GenericFixed fixedValue ? fixedValue.Bytes : value;
            case ConnectType.Array:
                {
                    var items = ((ArraySchema)avro).Items;
                    var list = (IList)value;
                    var result = new List<object?>(list.Count);
                    foreach (var item in list)
                    {
                        result.Add(ToConnect(schema.ValueSchema!, items, item));
                    }

                    return result;
                }

            case ConnectType.Map when avro is MapSchema mapSchema:
                {
                    var result = new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (DictionaryEntry entry in (IDictionary)value)
                    {
                        result[(string)entry.Key] = ToConnect(schema.ValueSchema!, mapSchema.Values, entry.Value);
                    }

                    return result;
                }

            case ConnectType.Map:
                {
                    var entrySchema = (RecordSchema)((ArraySchema)avro).Items;
                    var result = new Dictionary<object, object?>();
                    foreach (GenericRecord pair in (IList)value)
                    {
                        var key = ToConnect(schema.KeySchema!, entrySchema.Fields[0].Schema, pair[0]) ?? throw new DataException("Found a null map key");
                        result[key] = ToConnect(schema.ValueSchema!, entrySchema.Fields[1].Schema, pair[1]);
                    }

                    return result;
                }

            case ConnectType.Struct:
                {
                    var record = (GenericRecord)value;
                    var result = new Struct(schema);
                    foreach (var field in schema.Fields)
                    {
                        var avroField = record.Schema.GetField(field.Name) ?? throw new DataException($"Avro record {record.Schema.FullName} has no field {field.Name}");
                        result.Put(field, ToConnect(field.Schema, avroField.Schema, record[avroField.Position]));
                    }

                    return result;
                }

            default:
                return value;
        }
    }

    /// <summary>A default from JSON (the Avro encoding's JSON: bytes as ISO-8859-1 text) as a Connect value.</summary>
    public static object? FromDefaultJson(ConnectSchema schema, JsonElement json)
    {
        if (json.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        switch (schema.Name)
        {
            case ConnectDecimal.LogicalName:
                return ConnectDecimal.ToLogical(schema, Encoding.Latin1.GetBytes(json.GetString()!));
            case ConnectDate.LogicalName:
                return ConnectDate.ToLogical(schema, json.GetInt32());
            case ConnectTime.LogicalName:
                return ConnectTime.ToLogical(schema, json.GetInt32());
            case ConnectTimestamp.LogicalName:
                return ConnectTimestamp.ToLogical(schema, json.GetInt64());
        }

        switch (schema.Type)
        {
            case ConnectType.Int8: return checked((sbyte)json.GetInt32());
            case ConnectType.Int16: return checked((short)json.GetInt32());
            case ConnectType.Int32: return json.GetInt32();
            case ConnectType.Int64: return json.GetInt64();
            case ConnectType.Float32: return json.GetSingle();
            case ConnectType.Float64: return json.GetDouble();
            case ConnectType.Boolean: return json.GetBoolean();
            case ConnectType.String: return json.GetString();
            case ConnectType.Bytes: return Encoding.Latin1.GetBytes(json.GetString()!);
            case ConnectType.Array:
                return json.EnumerateArray().Select(item => FromDefaultJson(schema.ValueSchema!, item)).ToList();
            case ConnectType.Map when json.ValueKind == JsonValueKind.Object:
                return json.EnumerateObject().ToDictionary(p => p.Name, p => FromDefaultJson(schema.ValueSchema!, p.Value), StringComparer.Ordinal);
            case ConnectType.Map:
                return json.EnumerateArray().ToDictionary(
                    e => FromDefaultJson(schema.KeySchema!, e.GetProperty(AvroDataNames.KeyField))!,
                    e => FromDefaultJson(schema.ValueSchema!, e.GetProperty(AvroDataNames.ValueField)));
            default:
                {
                    var record = new Struct(schema);
                    foreach (var field in schema.Fields)
                    {
                        if (json.TryGetProperty(field.Name, out var member))
                        {
                            record.Put(field, FromDefaultJson(field.Schema, member));
                        }
                    }

                    return record;
                }
        }
    }

    private static Struct UnionToConnect(ConnectSchema schema, UnionSchema union, object value)
    {
        var branches = union.Branches.Where(b => b.Type != AvroType.Null).ToList();
        for (var i = 0; i < branches.Count; i++)
        {
            if (Matches(branches[i], value))
            {
                var field = schema.Fields[i];
                return new Struct(schema).Put(field, ToConnect(field.Schema, branches[i], value));
            }
        }

        throw new DataException($"Value of type {value.GetType()} matches no branch of union {union.ToJson()}");
    }

    private static bool Matches(AvroSchema branch, object value) => (branch, value) switch
    {
        (RecordSchema r, GenericRecord g) => r.FullName == g.Schema.FullName,
        (EnumSchema e, GenericEnum g) => e.FullName == g.Schema.FullName,
        (FixedSchema f, GenericFixed g) => f.FullName == g.Schema.FullName,
        (PrimitiveSchema { Type: AvroType.Int }, int) => true,
        (PrimitiveSchema { Type: AvroType.Long }, long) => true,
        (PrimitiveSchema { Type: AvroType.Float }, float) => true,
        (PrimitiveSchema { Type: AvroType.Double }, double) => true,
        (PrimitiveSchema { Type: AvroType.Boolean }, bool) => true,
        (PrimitiveSchema { Type: AvroType.String }, string) => true,
        (PrimitiveSchema { Type: AvroType.Bytes }, byte[]) => true,
        (ArraySchema, IList) => true,
        (MapSchema, IDictionary) => true,
        _ => false,
    };

    private static AvroSchema NonNull(AvroSchema schema)
    {
        if (schema is not UnionSchema union)
        {
            return schema;
        }

        foreach (var branch in union.Branches)
        {
            if (branch.Type != AvroType.Null)
            {
                return branch;
            }
        }

        return schema;
    }

    [DoesNotReturn]
    private static T Invalid<T>(string logical, object value) =>
        throw new DataException($"Invalid type for {logical}: {value.GetType()}");
}
