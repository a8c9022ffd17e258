using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Rest;

/// <summary>
/// Wraps every endpoint: waits for the herder, reads the body (kept for forwarding), bounds the
/// request by <see cref="ConnectRestOptions.RequestTimeout"/>, forwards to the leader what a
/// follower refuses with <see cref="NotLeaderException"/>, and turns failures into Kafka Connect's
/// error bodies. Nothing a client sends escapes as an unhandled exception.
/// </summary>
internal static class RestPipeline
{
    public static RequestDelegate Handle(ConnectRestState state, Func<RestCall, Task<RestAnswer>> endpoint) => async context =>
    {
        var request = context.Request;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        try
        {
            var herder = state.Herder ?? throw new ConnectRestException(503, "The worker is starting and cannot serve requests yet; try again shortly");
            var body = await ReadBodyAsync(context, state.Options.MaxRequestBodyBytes).ConfigureAwait(false);
            timeout.CancelAfter(state.Options.RequestTimeout);
            var call = new RestCall(context, herder, state, body, timeout.Token);
            RestAnswer answer;
            try
            {
                answer = await endpoint(call).WaitAsync(state.Options.RequestTimeout, context.RequestAborted).ConfigureAwait(false);
            }
            catch (NotLeaderException e)
            {
                await LeaderForwarder.ForwardAsync(state, context, body, e).ConfigureAwait(false);
                return;
            }

            await RestJson.WriteAsync(context, answer).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left; nobody reads an answer.
        }
        catch (Exception e) when (!context.Response.HasStarted && (e is TimeoutException || (e is OperationCanceledException && timeout.IsCancellationRequested)))
        {
            ConnectRestLog.TimedOut(state.Log, request.Method, request.Path.Value ?? "", state.Options.RequestTimeout);
            await RestJson.ErrorAsync(context, 500, "Request timed out. The worker is currently busy and could not complete the request in time").ConfigureAwait(false);
        }
        catch (ConnectRestException e) when (!context.Response.HasStarted)
        {
            await RestJson.ErrorAsync(context, e.Status, e.Message).ConfigureAwait(false);
        }
        catch (JsonException e) when (!context.Response.HasStarted)
        {
            await RestJson.ErrorAsync(context, 400, "Malformed JSON in the request body: " + e.Message).ConfigureAwait(false);
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OutOfMemoryException)
        {
            ConnectRestLog.Unexpected(state.Log, request.Method, request.Path.Value ?? "", e);
            await RestJson.ErrorAsync(context, 500, e.Message).ConfigureAwait(false);
        }
    };

    /// <summary>
    /// Answers what routing left unanswered the way Jersey does behind Kafka's exception mapper:
    /// 404 and 405 with error bodies.
    /// </summary>
    public static async Task StatusBodiesAsync(HttpContext context, Func<Task> next)
    {
        await next().ConfigureAwait(false);
        var response = context.Response;
        if (response.HasStarted || response.ContentLength is not null || response.StatusCode is not (404 or 405))
        {
            return;
        }

        var message = response.StatusCode == 404 ? "HTTP 404 Not Found" : "HTTP 405 Method Not Allowed";
        await RestJson.ErrorAsync(context, response.StatusCode, message).ConfigureAwait(false);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext context, long limit)
    {
        var request = context.Request;
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.ContainsKey(HeaderNames.TransferEncoding)))
        {
            return [];
        }

        if (request.ContentType is { Length: > 0 } type && !IsJson(type))
        {
            throw new ConnectRestException(415, "HTTP 415 Unsupported Media Type");
        }

        if (request.ContentLength > limit)
        {
            throw new ConnectRestException(413, $"Request body too large: the limit is {limit} bytes");
        }

        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = limit;
        }

        using var buffer = new MemoryStream();
        try
        {
            await request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == 413)
        {
            throw new ConnectRestException(413, $"Request body too large: the limit is {limit} bytes");
        }

        return buffer.ToArray();
    }

    private static bool IsJson(string contentType)
    {
        var semicolon = contentType.IndexOf(';');
        var media = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
        return media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            || media.Equals("*/*", StringComparison.Ordinal);
    }
}
