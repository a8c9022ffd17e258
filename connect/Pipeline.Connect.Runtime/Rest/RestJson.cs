using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Pipeline.Connect.Runtime.Rest;

/// <summary>Writes answers as Kafka Connect does: <c>application/json</c>, error bodies <c>{"error_code","message"}</c>.</summary>
internal static class RestJson
{
    public const string ContentType = "application/json";

    // Jackson leaves '<', '>', '&' and non-ASCII text as they are; so do we.
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task WriteAsync(HttpContext context, RestAnswer answer)
    {
        var response = context.Response;
        response.StatusCode = answer.Status;
        if (answer.Location is not null)
        {
            response.Headers.Location = answer.Location;
        }

        if (answer.Body is null)
        {
            response.ContentLength = 0;
            return;
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(answer.Body, answer.Body.GetType(), Options);
        response.ContentType = ContentType;
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    public static Task ErrorAsync(HttpContext context, int status, string message) =>
        WriteAsync(context, new RestAnswer(status, new ErrorMessage(status, message)));
}
