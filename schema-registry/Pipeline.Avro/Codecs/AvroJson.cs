using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Pipeline.Avro.Codecs.Binary;
using Pipeline.Avro.Codecs.Json;
using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Codecs;

/// <summary>
/// The Avro JSON encoding (spec §JSON Encoding) over the generic model, and default values.
/// Unions: null, or <c>{"&lt;branch&gt;": value}</c> with the branch's full name for named types
/// (Java); bytes/fixed: ISO-8859-1 strings; logical types: their underlying values.
/// </summary>
public static class AvroJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(Schema schema, object? datum)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(schema, datum, json);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void Write(Schema schema, object? datum, Utf8JsonWriter json) => JsonValueWriter.Write(CodecBuilder.For(schema), datum, json);

    /// <param name="convertLogicalTypes">False to get underlying values (int for a date, ...).</param>
    public static object? Deserialize(Schema schema, string json, bool convertLogicalTypes = true)
    {
        using var document = ParseDocument(json);
        return Read(schema, document.RootElement, convertLogicalTypes);
    }

    public static object? Read(Schema schema, JsonElement json, bool convertLogicalTypes = true) =>
        JsonValueReader.Read(CodecBuilder.For(schema, convertLogicalTypes), json, unionWrapped: true);

    /// <summary>A field default (JSON, unions unwrapped: the first branch it fits) as a generic value.</summary>
    public static object? FromDefault(Schema schema, JsonElement defaultValue, bool convertLogicalTypes = true) =>
        JsonValueReader.Read(CodecBuilder.For(schema, convertLogicalTypes), defaultValue, unionWrapped: false);

    private static JsonDocument ParseDocument(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new AvroTypeException($"invalid JSON: {e.Message}", e);
        }
    }
}
