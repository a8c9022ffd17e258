using System.Globalization;
using System.Text.Json;
using Pipeline.Avro.Codecs.Binary;
using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Codecs.Json;

/// <summary>
/// JSON to generic values, schema-directed. Two dialects: the JSON encoding (a non-null union
/// value is wrapped as <c>{"branch": value}</c>) and default values (unwrapped; the first branch
/// the value fits). bytes and fixed are strings of chars U+0000..U+00FF. Logical values come out
/// converted by the codec tree given (raw codecs leave them as the underlying values).
/// </summary>
internal static class JsonValueReader
{
    public static object? Read(BinaryCodec codec, JsonElement json, bool unionWrapped, string path = "")
    {
        var schema = codec.Schema;
        switch (codec)
        {
            case UnionCodec union:
                return ReadUnion(union, json, unionWrapped, path);
            case RecordCodec record:
                {
                    Expect(json, JsonValueKind.Object, schema, path);
                    var recordSchema = (RecordSchema)schema;
                    var result = new GenericRecord(recordSchema);
                    for (var i = 0; i < recordSchema.Fields.Count; i++)
                    {
                        var field = recordSchema.Fields[i];
                        if (json.TryGetProperty(field.Name, out var value))
                        {
                            result[i] = Read(record.Fields[i], value, unionWrapped, Join(path, field.Name));
                        }
                        else if (field.Default is { } defaultValue)
                        {
                            result[i] = Read(record.Fields[i], defaultValue, unionWrapped: false, Join(path, field.Name));
                        }
                        else
                        {
                            throw new AvroTypeException($"at {Join(path, field.Name)}: missing field \"{field.Name}\" of {recordSchema.FullName}");
                        }
                    }

                    return result;
                }

            case ArrayCodec array:
                {
                    Expect(json, JsonValueKind.Array, schema, path);
                    var list = new List<object?>();
                    var i = 0;
                    foreach (var item in json.EnumerateArray())
                    {
                        list.Add(Read(array.Items, item, unionWrapped, $"{path}[{i++}]"));
                    }

                    return list;
                }

            case MapCodec map:
                {
                    Expect(json, JsonValueKind.Object, schema, path);
                    var dictionary = new Dictionary<string, object?>();
                    foreach (var property in json.EnumerateObject())
                    {
                        dictionary[property.Name] = Read(map.Values, property.Value, unionWrapped, Join(path, property.Name));
                    }

                    return dictionary;
                }
        }

        return codec.FromRaw(ReadPrimitive(schema, json, path));
    }

    private static object? ReadUnion(UnionCodec union, JsonElement json, bool unionWrapped, string path)
    {
        var schema = (UnionSchema)union.Schema;
        if (!unionWrapped)
        {
            var index = DefaultValues.MatchingBranch(schema, json);
            if (index < 0)
            {
                throw Mismatch(json, schema, path);
            }

            return Read(union.Branches[index], json, unionWrapped, path);
        }

        if (json.ValueKind == JsonValueKind.Null)
        {
            if (schema.IndexOf("null") < 0)
            {
                throw Mismatch(json, schema, path);
            }

            return null;
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new AvroTypeException($"at {Display(path)}: a union value must be null or {{\"<branch>\": value}}, not {json.GetRawText()}");
        }

        using var properties = json.EnumerateObject();
        if (!properties.MoveNext())
        {
            throw new AvroTypeException($"at {Display(path)}: empty union object");
        }

        var branch = properties.Current;
        var branchIndex = schema.IndexOf(branch.Name);
        if (branchIndex < 0)
        {
            // Accept a simple name for a named branch when it is unambiguous (avsc and Python write full names too).
            for (var i = 0; i < schema.Branches.Count; i++)
            {
                if (schema.Branches[i] is NamedSchema named && named.Name.Name == branch.Name)
                {
                    branchIndex = i;
                    break;
                }
            }
        }

        if (branchIndex < 0)
        {
            throw new AvroTypeException($"at {Display(path)}: \"{branch.Name}\" is not a branch of {schema.ToJson()}");
        }

        if (properties.MoveNext())
        {
            throw new AvroTypeException($"at {Display(path)}: a union value must have exactly one key");
        }

        return Read(union.Branches[branchIndex], branch.Value, unionWrapped, path);
    }

    private static object? ReadPrimitive(Schema schema, JsonElement json, string path)
    {
        switch (schema.Type)
        {
            case SchemaType.Null:
                Expect(json, JsonValueKind.Null, schema, path);
                return null;
            case SchemaType.Boolean:
                return json.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw Mismatch(json, schema, path),
                };
            case SchemaType.Int:
                return json.ValueKind == JsonValueKind.Number && json.TryGetInt32(out var i) ? i : throw Mismatch(json, schema, path);
            case SchemaType.Long:
                return json.ValueKind == JsonValueKind.Number && json.TryGetInt64(out var l) ? l : throw Mismatch(json, schema, path);
            case SchemaType.Float:
                return (float)ReadDouble(json, schema, path);
            case SchemaType.Double:
                return ReadDouble(json, schema, path);
            case SchemaType.String:
                Expect(json, JsonValueKind.String, schema, path);
                return json.GetString();
            case SchemaType.Bytes:
                Expect(json, JsonValueKind.String, schema, path);
                return Latin1(json.GetString()!, path);
            case SchemaType.Fixed:
                {
                    Expect(json, JsonValueKind.String, schema, path);
                    var bytes = Latin1(json.GetString()!, path);
                    var fixedSchema = (FixedSchema)schema;
                    if (bytes.Length != fixedSchema.Size)
                    {
                        throw new AvroTypeException($"at {Display(path)}: fixed {fixedSchema.FullName} needs {fixedSchema.Size} bytes, got {bytes.Length}");
                    }

                    return new GenericFixed(fixedSchema, bytes);
                }

            case SchemaType.Enum:
                {
                    Expect(json, JsonValueKind.String, schema, path);
                    var enumSchema = (EnumSchema)schema;
                    var symbol = json.GetString()!;
                    if (!enumSchema.HasSymbol(symbol))
                    {
                        throw new AvroTypeException($"at {Display(path)}: \"{symbol}\" is not a symbol of enum {enumSchema.FullName}");
                    }

                    return new GenericEnum(enumSchema, symbol);
                }

            default:
                throw Mismatch(json, schema, path);
        }
    }

    private static double ReadDouble(JsonElement json, Schema schema, string path)
    {
        if (json.ValueKind == JsonValueKind.Number)
        {
            return json.GetDouble();
        }

        // Java's JsonDecoder also reads these strings.
        if (json.ValueKind == JsonValueKind.String)
        {
            switch (json.GetString())
            {
                case "NaN": return double.NaN;
                case "Infinity": return double.PositiveInfinity;
                case "-Infinity": return double.NegativeInfinity;
            }

            if (double.TryParse(json.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            {
                return parsed;
            }
        }

        throw Mismatch(json, schema, path);
    }

    /// <summary>ISO-8859-1: each char must be U+0000..U+00FF and becomes one byte.</summary>
    public static byte[] Latin1(string text, string path = "")
    {
        var bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] > 0xFF)
            {
                throw new AvroTypeException($"at {Display(path)}: character U+{(int)text[i]:X4} cannot be a byte (bytes and fixed are ISO-8859-1 strings)");
            }

            bytes[i] = (byte)text[i];
        }

        return bytes;
    }

    private static void Expect(JsonElement json, JsonValueKind kind, Schema schema, string path)
    {
        if (json.ValueKind != kind)
        {
            throw Mismatch(json, schema, path);
        }
    }

    private static AvroTypeException Mismatch(JsonElement json, Schema schema, string path) =>
        new($"at {Display(path)}: {Shorten(json.GetRawText())} is not a valid {CodecErrors.Describe(schema)}");

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "..." : text;

    private static string Display(string path) => path.Length == 0 ? "root" : path;

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;
}
