using System.Text;
using System.Text.Json;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;

namespace Pipeline.Connect.Runtime.Converters.Json;

/// <summary>
/// Schemaless JSON straight from the bytes with a <see cref="Utf8JsonReader"/> (no JsonDocument
/// per record): the same values <see cref="JsonValueReader"/> infers without a schema, integral
/// numbers as <c>long</c> (out of range is a <see cref="DataException"/>), other numbers
/// <c>double</c>, objects <c>Dictionary&lt;string, object?&gt;</c> (a repeated name keeps its last
/// value), arrays <c>List&lt;object?&gt;</c>. Malformed JSON, trailing content included, throws
/// <see cref="JsonException"/> as JsonDocument.Parse would.
/// </summary>
internal static class JsonSchemalessReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 1000 };

    /// <summary>The one JSON value in <paramref name="json"/>.</summary>
    public static object? Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, Options);
        Next(ref reader);
        var value = ReadValue(ref reader);

        // Anything after the value but whitespace makes the reader throw here.
        if (reader.Read())
        {
            throw new JsonException($"'{reader.TokenType}' is invalid after a single JSON value.");
        }

        return value;
    }

    private static void Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("The input does not contain any complete JSON value.");
        }
    }

    private static object? ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return reader.ValueSpan.IndexOfAny("eE."u8) < 0 ? Integral(ref reader) : reader.GetDouble();
            case JsonTokenType.StartArray:
                {
                    var list = new List<object?>();
                    while (true)
                    {
                        Next(ref reader);
                        if (reader.TokenType == JsonTokenType.EndArray)
                        {
                            return list;
                        }

                        list.Add(ReadValue(ref reader));
                    }
                }

            case JsonTokenType.StartObject:
                {
                    var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                    while (true)
                    {
                        Next(ref reader);
                        if (reader.TokenType == JsonTokenType.EndObject)
                        {
                            return map;
                        }

                        var name = reader.GetString()!;
                        Next(ref reader);
                        map[name] = ReadValue(ref reader);
                    }
                }

            default:
                return null;
        }
    }

    private static object Integral(ref Utf8JsonReader reader) =>
        reader.TryGetInt64(out var value)
            ? value
            : throw new DataException($"Value {Encoding.UTF8.GetString(reader.ValueSpan)} is out of range for {JsonSchemaWriter.UpperName(SchemaType.Int64)}");
}
