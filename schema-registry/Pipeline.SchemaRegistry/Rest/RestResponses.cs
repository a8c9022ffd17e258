using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Pipeline.SchemaRegistry.Registry;
using Pipeline.SchemaRegistry.Store;

namespace Pipeline.SchemaRegistry.Rest;

/// <summary>Writes answers: JSON built with a <see cref="Utf8JsonWriter"/>, raw schema text, and <c>{"error_code":...,"message":...}</c> errors.</summary>
public static class RestResponses
{
    public static async Task JsonAsync(HttpContext context, Action<Utf8JsonWriter> body, int status = 200)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, JsonDefaults.Writer))
        {
            body(w);
        }

        await WriteAsync(context, status, buffer.WrittenMemory).ConfigureAwait(false);
    }

    /// <summary>The stored schema text itself (GET .../schema): JSON already, not quoted again.</summary>
    public static Task RawAsync(HttpContext context, string text) => WriteAsync(context, 200, Encoding.UTF8.GetBytes(text));

    public static Task ErrorAsync(HttpContext context, RegistryException error) => ErrorAsync(context, error.Status, error.ErrorCode, error.Message);

    public static Task ErrorAsync(HttpContext context, int status, int errorCode, string message) => JsonAsync(context, w =>
    {
        w.WriteStartObject();
        w.WriteNumber("error_code", errorCode);
        w.WriteString("message", message);
        w.WriteEndObject();
    }, status);

    /// <summary>A subject version (Confluent's Schema entity); schemaType only when not AVRO, references only when there are some.</summary>
    public static void WriteSchema(Utf8JsonWriter w, StoredSchema s)
    {
        w.WriteStartObject();
        w.WriteString("subject", s.Subject);
        w.WriteNumber("version", s.Version);
        w.WriteNumber("id", s.Id);
        WriteTypeAndReferences(w, s);
        w.WriteString("schema", s.Schema);
        w.WriteEndObject();
    }

    public static void WriteTypeAndReferences(Utf8JsonWriter w, StoredSchema s)
    {
        if (s.SchemaType != "AVRO")
        {
            w.WriteString("schemaType", s.SchemaType);
        }

        if (s.References.Count > 0)
        {
            w.WriteStartArray("references");
            foreach (var r in s.References)
            {
                w.WriteStartObject();
                w.WriteString("name", r.Name);
                w.WriteString("subject", r.Subject);
                w.WriteNumber("version", r.Version);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }
    }

    public static void WriteStrings(Utf8JsonWriter w, IEnumerable<string> items)
    {
        w.WriteStartArray();
        foreach (var i in items)
        {
            w.WriteStringValue(i);
        }

        w.WriteEndArray();
    }

    public static void WriteStringsProperty(Utf8JsonWriter w, string name, IEnumerable<string> items)
    {
        w.WritePropertyName(name);
        WriteStrings(w, items);
    }

    public static void WriteInts(Utf8JsonWriter w, IEnumerable<int> items)
    {
        w.WriteStartArray();
        foreach (var i in items)
        {
            w.WriteNumberValue(i);
        }

        w.WriteEndArray();
    }

    private static async Task WriteAsync(HttpContext context, int status, ReadOnlyMemory<byte> bytes)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = context.Items[RestPipeline.ContentTypeItem] as string ?? MediaTypes.V1Json;
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }
}
