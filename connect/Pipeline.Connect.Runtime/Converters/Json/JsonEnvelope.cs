using System.Text.Json;

namespace Pipeline.Connect.Runtime.Converters.Json;

/// <summary>
/// Where the members of the schemas.enable envelope <c>{"schema":...,"payload":...}</c> sit in a
/// record's bytes, found with one <see cref="Utf8JsonReader"/> pass, so that the converter looks
/// the schema up by its raw bytes and parses only the payload (a JsonDocument over the whole
/// envelope parsed the schema again for every record). The same rules as the JsonDocument check
/// it replaces: the root is an object with exactly two members, "schema" and "payload" (a repeated
/// name counts twice and its last value is used).
/// </summary>
internal readonly record struct JsonEnvelope(Range Schema, bool SchemaIsNull, Range Payload)
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 1000 };

    /// <summary>
    /// False when <paramref name="json"/> is well-formed but not an envelope; throws
    /// <see cref="JsonException"/> when it is not well-formed JSON (that error comes first).
    /// </summary>
    public static bool TryLocate(ReadOnlySpan<byte> json, out JsonEnvelope envelope)
    {
        envelope = default;
        var reader = new Utf8JsonReader(json, Options);
        Next(ref reader);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            EnsureEnd(ref reader);
            return false;
        }

        var members = 0;
        Range? schema = null;
        Range? payload = null;
        var schemaIsNull = false;
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            members++;
            var isSchema = reader.ValueTextEquals("schema"u8);
            var isPayload = !isSchema && reader.ValueTextEquals("payload"u8);
            Next(ref reader);
            var start = (int)reader.TokenStartIndex;
            var isNull = reader.TokenType == JsonTokenType.Null;
            reader.Skip();
            var range = new Range(start, (int)reader.BytesConsumed);
            if (isSchema)
            {
                schema = range;
                schemaIsNull = isNull;
            }
            else if (isPayload)
            {
                payload = range;
            }
        }

        EnsureEnd(ref reader);
        if (members != 2 || schema is not { } s || payload is not { } p)
        {
            return false;
        }

        envelope = new JsonEnvelope(s, schemaIsNull, p);
        return true;
    }

    private static void Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("The input does not contain any complete JSON value.");
        }
    }

    // Anything after the root value but whitespace makes the reader throw here.
    private static void EnsureEnd(ref Utf8JsonReader reader)
    {
        if (reader.Read())
        {
            throw new JsonException($"'{reader.TokenType}' is invalid after a single JSON value.");
        }
    }
}
