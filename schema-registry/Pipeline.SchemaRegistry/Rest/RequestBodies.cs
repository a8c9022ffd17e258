using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Pipeline.SchemaRegistry.Registry;
using Pipeline.SchemaRegistry.Schemas;

namespace Pipeline.SchemaRegistry.Rest;

/// <summary>
/// Reads request bodies as the real registry does: media type checked (415), size capped (413),
/// malformed JSON and wrong JSON types are 400 with the parser's words, a missing body is 422;
/// unknown members are ignored. Strings accept JSON scalars and ints accept numeric strings, as
/// Jackson coerces them.
/// </summary>
public static class RequestBodies
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 256 };

    /// <summary>The raw body after the media type and size checks (kept to forward it unchanged).</summary>
    public static async Task<byte[]> ReadAsync(HttpContext context, long limit)
    {
        if (!MediaTypes.IsAcceptedBody(context.Request.ContentType))
        {
            throw RestErrors.UnsupportedMediaType();
        }

        if (context.Request.ContentLength > limit)
        {
            throw RestErrors.PayloadTooLarge(limit);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw RestErrors.PayloadTooLarge(limit);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>The body as a JSON object; null (→ 422) when the body is empty or the literal null.</summary>
    public static JsonDocument ParseObject(byte[] body, string entity)
    {
        if (body.AsSpan().Trim(" \t\r\n"u8).Length == 0)
        {
            throw RestErrors.Unprocessable($"Request body is missing: a {entity} is required");
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body, Options);
        }
        catch (JsonException e)
        {
            throw RestErrors.BadRequest($"Unexpected character or end of input in the JSON body: {e.Message}");
        }

        if (doc.RootElement.ValueKind == JsonValueKind.Null)
        {
            doc.Dispose();
            throw RestErrors.Unprocessable($"Request body is missing: a {entity} is required");
        }

        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            var kind = doc.RootElement.ValueKind;
            doc.Dispose();
            throw RestErrors.BadRequest($"Cannot deserialize value of type `{entity}` from {Describe(kind)} value");
        }

        return doc;
    }

    public static RegisterSchemaRequest ParseRegister(byte[] body)
    {
        using var doc = ParseObject(body, "RegisterSchemaRequest");
        var root = doc.RootElement;
        var references = new List<SchemaReference>();
        if (root.TryGetProperty("references", out var refs) && refs.ValueKind != JsonValueKind.Null)
        {
            if (refs.ValueKind != JsonValueKind.Array)
            {
                throw RestErrors.BadRequest($"Cannot deserialize value of type `ArrayList<SchemaReference>` from {Describe(refs.ValueKind)} value");
            }

            foreach (var r in refs.EnumerateArray())
            {
                if (r.ValueKind != JsonValueKind.Object)
                {
                    throw RestErrors.BadRequest($"Cannot deserialize value of type `SchemaReference` from {Describe(r.ValueKind)} value");
                }

                references.Add(new SchemaReference(String(r, "name") ?? "", String(r, "subject") ?? "", Int(r, "version") ?? 0));
            }
        }

        return new RegisterSchemaRequest(String(root, "schema"), String(root, "schemaType"), references, Int(root, "id"), Int(root, "version"));
    }

    /// <summary>A string member: absent or null → null; a scalar is taken as text (Jackson's coercion); an object or array → 400.</summary>
    public static string? String(JsonElement o, string name)
    {
        if (!o.TryGetProperty(name, out var p))
        {
            return null;
        }

        return p.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => p.GetString(),
            JsonValueKind.Number => p.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => throw RestErrors.BadRequest($"Cannot deserialize value of type `java.lang.String` from {Describe(p.ValueKind)} value (token `JsonToken.START_{(p.ValueKind == JsonValueKind.Object ? "OBJECT" : "ARRAY")}`) for property \"{name}\""),
        };
    }

    public static int? Int(JsonElement o, string name)
    {
        if (!o.TryGetProperty(name, out var p) || p.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var n))
        {
            return n;
        }

        if (p.ValueKind == JsonValueKind.String && int.TryParse(p.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s))
        {
            return s;
        }

        throw RestErrors.BadRequest($"Cannot deserialize value of type `java.lang.Integer` from {Describe(p.ValueKind)} value {p.GetRawText()} for property \"{name}\": not a 32-bit integer");
    }

    public static bool? Bool(JsonElement o, string name)
    {
        if (!o.TryGetProperty(name, out var p) || p.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return p.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when bool.TryParse(p.GetString(), out var b) => b,
            _ => throw RestErrors.BadRequest($"Cannot deserialize value of type `java.lang.Boolean` from {Describe(p.ValueKind)} value for property \"{name}\""),
        };
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "Object",
        JsonValueKind.Array => "Array",
        JsonValueKind.String => "String",
        JsonValueKind.Number => "Number",
        JsonValueKind.True or JsonValueKind.False => "Boolean",
        _ => "Null",
    };
}
