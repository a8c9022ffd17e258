using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text.Json;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;

namespace Pipeline.Connect.Runtime.Converters.Json;

/// <summary>
/// JSON back into Connect values. With a schema, the JSON must have the schema's shape (a number
/// for integers, in range; base64 strings for bytes; an object for a struct ...) or the read fails
/// with a <see cref="DataException"/>; Kafka is laxer in places (it reads a string as int 0), we
/// refuse instead. Without a schema the type is inferred as Kafka does: integral numbers are
/// <c>long</c>, other numbers <c>double</c>, objects <c>Dictionary&lt;string, object?&gt;</c>,
/// arrays <c>List&lt;object?&gt;</c>. A missing or null value takes the schema's default
/// (<c>replace.null.with.default</c>), is null when optional, and is an error otherwise.
/// </summary>
internal static class JsonValueReader
{
    public static object? Read(Schema? schema, JsonElement json, JsonConverterSettings settings)
    {
        if (schema is null)
        {
            return ReadSchemaless(json);
        }

        if (json.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            if (schema.DefaultValue is not null && settings.ReplaceNullWithDefault)
            {
                return schema.DefaultValue;
            }

            return schema.IsOptional ? null : throw new DataException($"Invalid null value for required {JsonSchemaWriter.UpperName(schema.Type)} field");
        }

        if (schema.Name is { } name)
        {
            switch (name)
            {
                case ConnectDecimal.LogicalName:
                    return ReadDecimal(schema, json);
                case ConnectDate.LogicalName:
                    return ConnectDate.ToLogical(schema, ToInt32(json, "Date", "integer"));
                case ConnectTime.LogicalName:
                    return ConnectTime.ToLogical(schema, ToInt32(json, "Time", "integer"));
                case ConnectTimestamp.LogicalName:
                    return ConnectTimestamp.ToLogical(schema, ToInt64(json, "Timestamp"));
            }
        }

        switch (schema.Type)
        {
            case SchemaType.Int8:
                return checked((sbyte)Integral(json, schema.Type, sbyte.MinValue, sbyte.MaxValue));
            case SchemaType.Int16:
                return checked((short)Integral(json, schema.Type, short.MinValue, short.MaxValue));
            case SchemaType.Int32:
                return checked((int)Integral(json, schema.Type, int.MinValue, int.MaxValue));
            case SchemaType.Int64:
                return Integral(json, schema.Type, long.MinValue, long.MaxValue);
            case SchemaType.Float32:
                return (float)Floating(json, schema.Type);
            case SchemaType.Float64:
                return Floating(json, schema.Type);
            case SchemaType.Boolean:
                return json.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => ThrowWrongKind<bool>(schema.Type, json),
                };
            case SchemaType.String:
                return json.ValueKind == JsonValueKind.String ? json.GetString() : ThrowWrongKind<string>(schema.Type, json);
            case SchemaType.Bytes:
                return ReadBytes(json, schema.Type);
            case SchemaType.Array:
                {
                    if (json.ValueKind != JsonValueKind.Array)
                    {
                        throw new DataException($"Arrays should be encoded as JSON arrays, but found {KindName(json)}");
                    }

                    var list = new List<object?>(json.GetArrayLength());
                    foreach (var item in json.EnumerateArray())
                    {
                        list.Add(Read(schema.ValueSchema, item, settings));
                    }

                    return list;
                }

            case SchemaType.Map:
                return ReadMap(schema, json, settings);
            default:
                return ReadStruct(schema, json, settings);
        }
    }

    private static object? ReadSchemaless(JsonElement json)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.String:
                return json.GetString();
            case JsonValueKind.Number:
                return IsIntegral(json) ? Integral(json, SchemaType.Int64, long.MinValue, long.MaxValue) : (object)json.GetDouble();
            case JsonValueKind.Array:
                {
                    var list = new List<object?>(json.GetArrayLength());
                    foreach (var item in json.EnumerateArray())
                    {
                        list.Add(ReadSchemaless(item));
                    }

                    return list;
                }

            case JsonValueKind.Object:
                {
                    var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (var property in json.EnumerateObject())
                    {
                        map[property.Name] = ReadSchemaless(property.Value);
                    }

                    return map;
                }

            default:
                return null;
        }
    }

    private static object ReadMap(Schema schema, JsonElement json, JsonConverterSettings settings)
    {
        if (schema.KeySchema!.Type == SchemaType.String)
        {
            if (json.ValueKind != JsonValueKind.Object)
            {
                throw new DataException($"Maps with string fields should be encoded as JSON objects, but found {KindName(json)}");
            }

            var map = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var property in json.EnumerateObject())
            {
                map[property.Name] = Read(schema.ValueSchema, property.Value, settings);
            }

            return map;
        }

        if (json.ValueKind != JsonValueKind.Array)
        {
            throw new DataException($"Maps with non-string fields should be encoded as JSON array of tuples, but found {KindName(json)}");
        }

        var pairs = new Dictionary<object, object?>(json.GetArrayLength());
        foreach (var entry in json.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Array)
            {
                throw new DataException($"Found invalid map entry instead of array tuple: {KindName(entry)}");
            }

            if (entry.GetArrayLength() != 2)
            {
                throw new DataException($"Found invalid map entry, expected length 2 but found: {entry.GetArrayLength()}");
            }

            var key = Read(schema.KeySchema, entry[0], settings) ?? throw new DataException("Found a null map key; .NET dictionaries cannot hold one");
            pairs[key] = Read(schema.ValueSchema, entry[1], settings);
        }

        return pairs;
    }

    private static Struct ReadStruct(Schema schema, JsonElement json, JsonConverterSettings settings)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new DataException($"Structs should be encoded as JSON objects, but found {KindName(json)}");
        }

        var result = new Struct(schema);
        foreach (var field in schema.Fields)
        {
            json.TryGetProperty(field.Name, out var member);
            result.Put(field, Read(field.Schema, member, settings));
        }

        return result;
    }

    private static decimal ReadDecimal(Schema schema, JsonElement json)
    {
        if (json.ValueKind == JsonValueKind.Number)
        {
            if (json.TryGetDecimal(out var number))
            {
                return number;
            }

            throw new DataException($"Decimal {json.GetRawText()} does not fit a .NET decimal (96-bit unscaled value, scale up to 28)");
        }

        if (json.ValueKind == JsonValueKind.String && json.TryGetBytesFromBase64(out var bytes))
        {
            return ConnectDecimal.ToLogical(schema, bytes);
        }

        throw new DataException($"Invalid type for Decimal, underlying representation should be numeric or bytes but was {KindName(json)}");
    }

    private static byte[] ReadBytes(JsonElement json, SchemaType type)
    {
        if (json.ValueKind != JsonValueKind.String)
        {
            return ThrowWrongKind<byte[]>(type, json);
        }

        return json.TryGetBytesFromBase64(out var bytes) ? bytes : throw new DataException("Invalid bytes field: not a base64 string");
    }

    private static int ToInt32(JsonElement json, string logical, string expected)
    {
        if (json.ValueKind == JsonValueKind.Number && IsIntegral(json) && json.TryGetInt32(out var value))
        {
            return value;
        }

        throw new DataException($"Invalid type for {logical}, underlying representation should be {expected} but was {KindName(json)}");
    }

    private static long ToInt64(JsonElement json, string logical)
    {
        if (json.ValueKind == JsonValueKind.Number && IsIntegral(json) && json.TryGetInt64(out var value))
        {
            return value;
        }

        throw new DataException($"Invalid type for {logical}, underlying representation should be integral but was {KindName(json)}");
    }

    private static long Integral(JsonElement json, SchemaType type, long min, long max)
    {
        if (json.ValueKind != JsonValueKind.Number || !IsIntegral(json))
        {
            return ThrowWrongKind<long>(type, json);
        }

        if (json.TryGetInt64(out var value) && value >= min && value <= max)
        {
            return value;
        }

        throw new DataException($"Value {json.GetRawText()} is out of range for {JsonSchemaWriter.UpperName(type)}");
    }

    private static double Floating(JsonElement json, SchemaType type)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.Number:
                return json.GetDouble();
            case JsonValueKind.String:
                // Jackson writes non-finite numbers as these strings; read them back.
                switch (json.GetString())
                {
                    case "NaN": return double.NaN;
                    case "Infinity": return double.PositiveInfinity;
                    case "-Infinity": return double.NegativeInfinity;
                }

                break;
        }

        return ThrowWrongKind<double>(type, json);
    }

    /// <summary>Jackson's rule: a number is integral when its text has no '.', 'e' or 'E'.</summary>
    private static bool IsIntegral(JsonElement number) => JsonMarshal.GetRawUtf8Value(number).IndexOfAny("eE."u8) < 0;

    /// <summary>Jackson's node type names, for messages.</summary>
    private static string KindName(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Object => "OBJECT",
        JsonValueKind.Array => "ARRAY",
        JsonValueKind.String => "STRING",
        JsonValueKind.Number => "NUMBER",
        JsonValueKind.True or JsonValueKind.False => "BOOLEAN",
        JsonValueKind.Null => "NULL",
        _ => "MISSING",
    };

    [DoesNotReturn]
    private static T ThrowWrongKind<T>(SchemaType type, JsonElement json) =>
        throw new DataException($"Invalid JSON for {JsonSchemaWriter.UpperName(type)}: expected {Expected(type)} but found {KindName(json)}");

    private static string Expected(SchemaType type) => type switch
    {
        SchemaType.Int8 or SchemaType.Int16 or SchemaType.Int32 or SchemaType.Int64 => "an integral NUMBER",
        SchemaType.Float32 or SchemaType.Float64 => "a NUMBER",
        SchemaType.Boolean => "a BOOLEAN",
        SchemaType.String => "a STRING",
        SchemaType.Bytes => "a base64 STRING",
        _ => type.ToString(),
    };
}
