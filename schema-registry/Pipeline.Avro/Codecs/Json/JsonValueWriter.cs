using System.Collections;
using System.Text.Json;
using Pipeline.Avro.Codecs.Binary;
using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Codecs.Json;

/// <summary>
/// Generic values to the Avro JSON encoding: unions as null or <c>{"branch": value}</c> (the
/// branch's full name for named types, as Java writes), bytes and fixed as ISO-8859-1 strings,
/// logical values as their underlying values, NaN and infinities as strings (as Java).
/// </summary>
internal static class JsonValueWriter
{
    public static void Write(BinaryCodec codec, object? value, Utf8JsonWriter json)
    {
        switch (codec)
        {
            case UnionCodec union:
                if (value is null)
                {
                    union.BranchFor(null);
                    json.WriteNullValue();
                    return;
                }

                var branch = union.Branches[union.BranchFor(value)];
                json.WriteStartObject();
                json.WritePropertyName(branch.Schema.FullName);
                Write(branch, value, json);
                json.WriteEndObject();
                return;
            case RecordCodec record:
                if (value is not GenericRecord genericRecord)
                {
                    CodecErrors.Mismatch(codec.Schema, value);
                    return;
                }

                json.WriteStartObject();
                var schema = (RecordSchema)record.Schema;
                for (var i = 0; i < schema.Fields.Count; i++)
                {
                    json.WritePropertyName(schema.Fields[i].Name);
                    genericRecord.TryGet(schema.Fields[i].Name, out var fieldValue);
                    Write(record.Fields[i], ReferenceEquals(genericRecord.Schema, schema) ? genericRecord[i] : fieldValue, json);
                }

                json.WriteEndObject();
                return;
            case ArrayCodec array:
                if (value is not IList list || value is byte[])
                {
                    CodecErrors.Mismatch(codec.Schema, value);
                    return;
                }

                json.WriteStartArray();
                foreach (var item in list)
                {
                    Write(array.Items, item, json);
                }

                json.WriteEndArray();
                return;
            case MapCodec map:
                json.WriteStartObject();
                foreach (var (key, item) in Entries(value, codec.Schema))
                {
                    json.WritePropertyName(key);
                    Write(map.Values, item, json);
                }

                json.WriteEndObject();
                return;
        }

        WritePrimitive(codec, codec.ToRaw(value), json);
    }

    private static void WritePrimitive(BinaryCodec codec, object? value, Utf8JsonWriter json)
    {
        var schema = codec.Schema;
        switch (schema.Type)
        {
            case SchemaType.Null when value is null:
                json.WriteNullValue();
                return;
            case SchemaType.Boolean when value is bool b:
                json.WriteBooleanValue(b);
                return;
            case SchemaType.Int when codec.CanWrite(value!):
                json.WriteNumberValue(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture));
                return;
            case SchemaType.Long when codec.CanWrite(value!):
                json.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                return;
            case SchemaType.Float when value is float or int or long:
                WriteFloating(Convert.ToSingle(value, System.Globalization.CultureInfo.InvariantCulture), json);
                return;
            case SchemaType.Double when value is double or float or int or long:
                WriteFloating(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), json);
                return;
            case SchemaType.String when value is string s:
                json.WriteStringValue(s);
                return;
            case SchemaType.Bytes when value is byte[] bytes:
                json.WriteStringValue(Latin1(bytes));
                return;
            case SchemaType.Fixed when value is GenericFixed or byte[]:
                var fixedBytes = value is GenericFixed f ? f.Bytes : (byte[])value;
                if (fixedBytes.Length != ((FixedSchema)schema).Size)
                {
                    CodecErrors.Mismatch(schema, value);
                }

                json.WriteStringValue(Latin1(fixedBytes));
                return;
            case SchemaType.Enum when value is GenericEnum or string:
                var symbol = value is GenericEnum e ? e.Symbol : (string)value;
                if (!((EnumSchema)schema).HasSymbol(symbol))
                {
                    CodecErrors.Mismatch(schema, value);
                }

                json.WriteStringValue(symbol);
                return;
            default:
                CodecErrors.Mismatch(schema, value);
                return;
        }
    }

    private static void WriteFloating(double value, Utf8JsonWriter json)
    {
        if (double.IsNaN(value))
        {
            json.WriteStringValue("NaN");
        }
        else if (double.IsInfinity(value))
        {
            json.WriteStringValue(value > 0 ? "Infinity" : "-Infinity");
        }
        else
        {
            json.WriteNumberValue(value);
        }
    }

    private static void WriteFloating(float value, Utf8JsonWriter json)
    {
        if (float.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            WriteFloating((double)value, json);
        }
    }

    private static string Latin1(byte[] bytes) => string.Create(bytes.Length, bytes, static (chars, b) =>
    {
        for (var i = 0; i < b.Length; i++)
        {
            chars[i] = (char)b[i];
        }
    });

    private static IEnumerable<KeyValuePair<string, object?>> Entries(object? value, Schema schema)
    {
        switch (value)
        {
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                return pairs;
            case IDictionary untyped:
                return untyped.Cast<DictionaryEntry>().Select(e => new KeyValuePair<string, object?>((string)e.Key, e.Value));
            default:
                return CodecErrors.Mismatch<IEnumerable<KeyValuePair<string, object?>>>(schema, value);
        }
    }
}
