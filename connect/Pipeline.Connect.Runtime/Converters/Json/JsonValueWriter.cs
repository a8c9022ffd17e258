using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;

namespace Pipeline.Connect.Runtime.Converters.Json;

/// <summary>
/// Connect values as Kafka's JsonConverter writes them: integers and floats as numbers, bytes as
/// base64, Decimal as base64 or a number (<c>decimal.format</c>), Date/Time as int days/millis,
/// Timestamp as long millis, structs as objects in field order, maps with string keys as objects
/// and other maps as arrays of <c>[key,value]</c> pairs. A null with a default writes the default
/// when <c>replace.null.with.default</c>. Without a schema the type comes from the value.
/// </summary>
internal static class JsonValueWriter
{
    public static void Write(JacksonJsonWriter w, Schema? schema, object? value, JsonConverterSettings settings)
    {
        if (value is null)
        {
            WriteNull(w, schema, settings);
            return;
        }

        if (schema?.Name is { } name && TryWriteLogical(w, schema, name, value, settings))
        {
            return;
        }

        var type = schema?.Type ?? Schema.TypeOf(value) ?? ThrowNoSchemaType(value);
        switch (type)
        {
            case SchemaType.Int8 when value is sbyte b:
                w.Number(b);
                break;
            case SchemaType.Int16 when value is short s:
                w.Number(s);
                break;
            case SchemaType.Int32 when value is int i:
                w.Number(i);
                break;
            case SchemaType.Int64 when value is long l:
                w.Number(l);
                break;
            case SchemaType.Float32 when value is float f:
                w.Number(f);
                break;
            case SchemaType.Float64 when value is double d:
                w.Number(d);
                break;
            case SchemaType.Boolean when value is bool flag:
                w.Bool(flag);
                break;
            case SchemaType.String when value is string text:
                w.String(text);
                break;
            case SchemaType.Bytes when value is byte[] bytes:
                w.Base64String(bytes);
                break;
            case SchemaType.Bytes when value is ReadOnlyMemory<byte> memory:
                w.Base64String(memory.Span);
                break;
            case SchemaType.Array when value is IList list and not byte[]:
                w.StartArray();
                for (var k = 0; k < list.Count; k++)
                {
                    Write(w, schema?.ValueSchema, list[k], settings);
                }

                w.EndArray();
                break;
            case SchemaType.Map when value is IDictionary map:
                WriteMap(w, schema, map, settings);
                break;
            case SchemaType.Struct when value is Struct record:
                WriteStruct(w, schema, record, settings);
                break;
            default:
                ThrowInvalidType(type, value);
                break;
        }
    }

    private static void WriteNull(JacksonJsonWriter w, Schema? schema, JsonConverterSettings settings)
    {
        if (schema is null)
        {
            w.Null();
        }
        else if (schema.DefaultValue is not null && settings.ReplaceNullWithDefault)
        {
            Write(w, schema, schema.DefaultValue, settings);
        }
        else if (schema.IsOptional)
        {
            w.Null();
        }
        else
        {
            throw new DataException("Conversion error: null value for field that is required and has no default value");
        }
    }

    private static void WriteMap(JacksonJsonWriter w, Schema? schema, IDictionary map, JsonConverterSettings settings)
    {
        // Kafka's rule: an object when the keys are strings (by schema, or all of them when schemaless), else [[k,v],...].
        bool objectMode;
        if (schema is null)
        {
            objectMode = true;
            foreach (var key in map.Keys)
            {
                if (key is not string)
                {
                    objectMode = false;
                    break;
                }
            }
        }
        else
        {
            objectMode = schema.KeySchema!.Type == SchemaType.String;
        }

        if (objectMode)
        {
            w.StartObject();
            foreach (DictionaryEntry entry in map)
            {
                w.Name(entry.Key as string ?? ThrowInvalidType<string>(SchemaType.String, entry.Key));
                Write(w, schema?.ValueSchema, entry.Value, settings);
            }

            w.EndObject();
            return;
        }

        w.StartArray();
        foreach (DictionaryEntry entry in map)
        {
            w.StartArray();
            Write(w, schema?.KeySchema, entry.Key, settings);
            Write(w, schema?.ValueSchema, entry.Value, settings);
            w.EndArray();
        }

        w.EndArray();
    }

    private static void WriteStruct(JacksonJsonWriter w, Schema? schema, Struct record, JsonConverterSettings settings)
    {
        if (schema is not null && !schema.Equals(record.Schema))
        {
            throw new DataException("Mismatching schema.");
        }

        w.StartObject();
        foreach (var field in record.Schema.Fields)
        {
            w.Name(field.Name);

            // Get applies the field default, which is what replace.null.with.default asks for anyway.
            var fieldValue = settings.ReplaceNullWithDefault ? record.Get(field) : record.GetWithoutDefault(field.Name);
            Write(w, field.Schema, fieldValue, settings);
        }

        w.EndObject();
    }

    private static bool TryWriteLogical(JacksonJsonWriter w, Schema schema, string name, object value, JsonConverterSettings settings)
    {
        switch (name)
        {
            case ConnectDecimal.LogicalName:
                if (value is not decimal number)
                {
                    throw new DataException($"Invalid type for Decimal, expected decimal but was {value.GetType()}");
                }

                if (settings.DecimalFormat == DecimalFormat.Numeric)
                {
                    var scale = ConnectDecimal.ScaleOf(schema);
                    w.RawValue(JavaNumbers.BigDecimalToString(ConnectDecimal.Unscaled(number, scale), scale));
                }
                else
                {
                    w.Base64String(ConnectDecimal.FromLogical(schema, number));
                }

                return true;
            case ConnectDate.LogicalName:
                w.Number(value is DateOnly date ? ConnectDate.FromLogical(schema, date) : ThrowLogical<int>("Date", "DateOnly", value));
                return true;
            case ConnectTime.LogicalName:
                w.Number(value is TimeOnly time ? ConnectTime.FromLogical(schema, time) : ThrowLogical<int>("Time", "TimeOnly", value));
                return true;
            case ConnectTimestamp.LogicalName:
                w.Number(value switch
                {
                    DateTimeOffset instant => ConnectTimestamp.FromLogical(schema, instant),
                    DateTime local => ConnectTimestamp.FromLogical(schema, local),
                    _ => ThrowLogical<long>("Timestamp", "DateTimeOffset", value),
                });
                return true;
            default:
                return false;
        }
    }

    [DoesNotReturn]
    private static SchemaType ThrowNoSchemaType(object value) =>
        throw new DataException($".NET type {value.GetType()} does not have corresponding schema type.");

    [DoesNotReturn]
    private static void ThrowInvalidType(SchemaType type, object value) =>
        throw new DataException($"Invalid type for {JsonSchemaWriter.UpperName(type)}: {value.GetType()}");

    [DoesNotReturn]
    private static T ThrowInvalidType<T>(SchemaType type, object? value) =>
        throw new DataException($"Invalid type for {JsonSchemaWriter.UpperName(type)}: {value?.GetType().ToString() ?? "null"}");

    [DoesNotReturn]
    private static T ThrowLogical<T>(string logical, string expected, object value) =>
        throw new DataException($"Invalid type for {logical}, expected {expected} but was {value.GetType()}");
}
