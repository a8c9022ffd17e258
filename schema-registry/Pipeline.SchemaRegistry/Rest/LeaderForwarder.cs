using Microsoft.AspNetCore.Http;
using Pipeline.SchemaRegistry.Registry;

namespace Pipeline.SchemaRegistry.Rest;

/// <summary>
/// Sends a write that reached a follower to the primary with the same method, path, query and
/// body, and returns the primary's answer as is (Confluent's forwardXxxRequestToLeader). A request
/// that was already forwarded is never forwarded again: a follower that receives one answers 50004.
/// </summary>
public sealed class LeaderForwarder(HttpClient http)
{
    public const string ForwardedHeader = "X-Schema-Registry-Forwarded";

    /// <summary>Writes the primary's answer to <paramref name="context"/>; <paramref name="what"/> names the operation in errors.</summary>
    public async Task ForwardAsync(HttpContext context, KafkaSchemaRegistry registry, byte[]? body, string what)
    {
        var leader = registry.Leader.Leader;
        if (leader is null || context.Request.Headers.ContainsKey(ForwardedHeader))
        {
            throw RegistryErrors.UnknownLeader("Leader not known.");
        }

        var target = new Uri(leader.Url + context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent());
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), target);
        request.Headers.TryAddWithoutValidation(ForwardedHeader, "true");
        request.Headers.TryAddWithoutValidation("Accept", context.Items[RestPipeline.ContentTypeItem] as string ?? MediaTypes.V1Json);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", string.IsNullOrEmpty(context.Request.ContentType) ? MediaTypes.V1Json : context.Request.ContentType);
        }

        HttpResponseMessage response;
        byte[] answer;
        try
        {
            response = await http.SendAsync(request, context.RequestAborted).ConfigureAwait(false);
            answer = await response.Content.ReadAsByteArrayAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !context.RequestAborted.IsCancellationRequested)
        {
            SchemaRegistryLog.ForwardFailed(RestPipeline.Logger(context), context.Request.Method, context.Request.Path.Value ?? "", leader.Url, e);
            throw RegistryErrors.ForwardingFailed($"Error while forwarding {what} request to the leader");
        }

        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = response.Content.Headers.ContentType?.ToString() ?? MediaTypes.V1Json;
            context.Response.ContentLength = answer.Length;
            await context.Response.Body.WriteAsync(answer, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
