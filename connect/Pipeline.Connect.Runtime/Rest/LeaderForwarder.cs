using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Rest;

/// <summary>
/// Kafka Connect's request forwarding: a write refused by a follower is re-sent to the leader with
/// the same method, path, query and body, and the leader's answer is relayed as it is. A request
/// from a user (no <c>forward</c> parameter) goes out with <c>forward=true</c>; one that already
/// arrived with <c>forward=true</c> may hop once more with <c>forward=false</c>; one that arrived
/// with <c>forward=false</c> is answered 409 (the leader moved twice: a rebalance).
/// </summary>
internal static class LeaderForwarder
{
    public const string ForwardParameter = "forward";

    public static async Task ForwardAsync(ConnectRestState state, HttpContext context, byte[] body, NotLeaderException refused)
    {
        var request = context.Request;
        bool? forward = request.Query.TryGetValue(ForwardParameter, out var f) && bool.TryParse(f, out var b) ? b : null;
        if (forward == false)
        {
            throw ConnectRestException.Conflict("Cannot complete request because of a conflicting operation (e.g. worker rebalance)");
        }

        if (string.IsNullOrEmpty(refused.LeaderUrl))
        {
            throw ConnectRestException.Conflict("Cannot complete request momentarily due to no known leader URL, likely because a rebalance was underway.");
        }

        var target = new StringBuilder(refused.LeaderUrl.TrimEnd('/')).Append(request.Path.ToUriComponent());
        var url = target.ToString();
        foreach (var (key, values) in request.Query)
        {
            if (key != ForwardParameter)
            {
                foreach (var v in values)
                {
                    url = QueryHelpers.AddQueryString(url, key, v ?? "");
                }
            }
        }

        url = QueryHelpers.AddQueryString(url, ForwardParameter, forward is null ? "true" : "false");
        ConnectRestLog.Forwarding(state.Log, request.Method, request.Path.Value ?? "", url);
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), url);
        message.Headers.TryAddWithoutValidation("Accept", RestJson.ContentType);
        if (body.Length > 0)
        {
            message.Content = new ByteArrayContent(body);
            message.Content.Headers.TryAddWithoutValidation("Content-Type", string.IsNullOrEmpty(request.ContentType) ? RestJson.ContentType : request.ContentType);
        }

        HttpResponseMessage response;
        byte[] answer;
        try
        {
            response = await state.Forwarding.SendAsync(message, context.RequestAborted).ConfigureAwait(false);
            answer = await response.Content.ReadAsByteArrayAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !context.RequestAborted.IsCancellationRequested)
        {
            ConnectRestLog.ForwardFailed(state.Log, request.Method, request.Path.Value ?? "", url, e);
            throw new ConnectRestException(500, "IO Error trying to forward REST request: " + e.Message, e);
        }

        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            if (response.Headers.Location is { } location)
            {
                context.Response.Headers.Location = location.ToString();
            }

            if (answer.Length > 0)
            {
                context.Response.ContentType = response.Content.Headers.ContentType?.ToString() ?? RestJson.ContentType;
            }

            context.Response.ContentLength = answer.Length;
            await context.Response.Body.WriteAsync(answer, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
