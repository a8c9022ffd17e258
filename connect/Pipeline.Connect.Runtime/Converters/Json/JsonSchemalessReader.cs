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

    // An object's members are gathered here first, so its Dictionary is created at its final size
    // (no resizes). Nested objects append above their parent's members and remove theirs before
    // returning. Dropped when a huge record grew it past MaxScratch.
    private const int MaxScratch = 4096;

    [ThreadStatic]
    private static List<KeyValuePair<string, object?>>? t_members;

    /// <summary>The one JSON value in <paramref name="json"/>.</summary>
    public static object? Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, Options);
        var members = t_members ??= [];
        try
        {
            Next(ref reader);
            var value = ReadValue(ref reader, members);

            // Anything after the value but whitespace makes the reader throw here.
            if (reader.Read())
            {
                throw new JsonException($"'{reader.TokenType}' is invalid after a single JSON value.");
            }

            return value;
        }
        finally
        {
            // Empty already unless the read failed half-way.
            members.Clear();
            if (members.Capacity > MaxScratch)
            {
                t_members = null;
            }
        }
    }

    private static void Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("The input does not contain any complete JSON value.");
        }
    }

    private static object? ReadValue(ref Utf8JsonReader reader, List<KeyValuePair<string, object?>> members)
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

                        list.Add(ReadValue(ref reader, members));
                    }
                }

            case JsonTokenType.StartObject:
                {
                    var start = members.Count;
                    while (true)
                    {
                        Next(ref reader);
                        if (reader.TokenType == JsonTokenType.EndObject)
                        {
                            break;
                        }

                        var name = reader.GetString()!;
                        Next(ref reader);
                        members.Add(new KeyValuePair<string, object?>(name, ReadValue(ref reader, members)));
                    }

                    var count = members.Count - start;
                    var map = new Dictionary<string, object?>(count, StringComparer.Ordinal);
                    for (var i = start; i < members.Count; i++)
                    {
                        // A repeated name keeps its last value.
                        map[members[i].Key] = members[i].Value;
                    }

                    members.RemoveRange(start, count);
                    return map;
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
