using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pipeline.SchemaRegistry.Registry;

namespace Pipeline.SchemaRegistry.Rest;

/// <summary>
/// Wraps every registry endpoint: negotiates the response type (406 when none fits), waits until
/// the store is loaded, and turns failures into the registry's error bodies. Nothing a client sends
/// escapes as an unhandled exception: an unexpected one is logged and answered 500.
/// </summary>
public static class RestPipeline
{
    /// <summary>The HttpContext item holding the negotiated response Content-Type.</summary>
    public const string ContentTypeItem = "schema-registry.content-type";

    public static RequestDelegate Handle(Func<HttpContext, KafkaSchemaRegistry, Task> handler) => async context =>
    {
        var negotiated = MediaTypes.Negotiate(context.Request);
        context.Items[ContentTypeItem] = negotiated ?? MediaTypes.V1Json;
        var lifecycle = context.RequestServices.GetRequiredService<SchemaRegistryLifecycle>();
        try
        {
            if (negotiated is null)
            {
                throw RestErrors.NotAcceptable();
            }

            var registry = await lifecycle.WaitReadyAsync(context.RequestAborted).ConfigureAwait(false);
            await handler(context, registry).ConfigureAwait(false);
        }
        catch (RegistryException e) when (!context.Response.HasStarted)
        {
            await RestResponses.ErrorAsync(context, e).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OutOfMemoryException)
        {
            SchemaRegistryLog.Unexpected(lifecycle.Log, context.Request.Method, context.Request.Path.Value ?? "", e);
            await RestResponses.ErrorAsync(context, 500, 500, "Internal Server Error").ConfigureAwait(false);
        }
    };

    /// <summary>
    /// Answers what routing left unanswered on the registry's listener as the real one does:
    /// 404 and 405 with JSON bodies.
    /// </summary>
    public static async Task StatusBodiesAsync(HttpContext context, Func<Task> next)
    {
        await next().ConfigureAwait(false);
        var response = context.Response;
        if (response.HasStarted || response.ContentLength is not null || response.StatusCode is not (404 or 405))
        {
            return;
        }

        context.Items[ContentTypeItem] = MediaTypes.Negotiate(context.Request) ?? MediaTypes.V1Json;
        var message = response.StatusCode == 404 ? "HTTP 404 Not Found" : "HTTP 405 Method Not Allowed";
        await RestResponses.ErrorAsync(context, response.StatusCode, response.StatusCode, message).ConfigureAwait(false);
    }

    internal static ILogger Logger(HttpContext context) => context.RequestServices.GetRequiredService<SchemaRegistryLifecycle>().Log;
}
