using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.SchemaRegistry.Registry;

namespace Pipeline.SchemaRegistry.Rest;

/// <summary>/, /v1/metadata and /contexts (Confluent's RootResource, ServerMetadataResource, ContextsResource; only the default context exists here).</summary>
internal static class RootEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", RestPipeline.Handle((c, _) => Empty(c)));
        routes.MapPost("/", RestPipeline.Handle(async (c, r) =>
        {
            using (RequestBodies.ParseObject(await RequestBodies.ReadAsync(c, r.Options.MaxRequestBodyBytes).ConfigureAwait(false), "Map"))
            {
            }

            await Empty(c).ConfigureAwait(false);
        }));
        routes.MapGet("/contexts", RestPipeline.Handle((c, _) => RestResponses.JsonAsync(c, w => RestResponses.WriteStrings(w, ["."]))));
        routes.MapGet("/v1/metadata/id", RestPipeline.Handle(ClusterIdAsync));
        routes.MapGet("/v1/metadata/version", RestPipeline.Handle((c, _) => RestResponses.JsonAsync(c, w =>
        {
            w.WriteStartObject();
            w.WriteString("version", typeof(RootEndpoints).Assembly.GetName().Version?.ToString(3) ?? "1.0.0");
            w.WriteString("commitId", "pipeline");
            w.WriteEndObject();
        })));
    }

    private static Task Empty(HttpContext c) => RestResponses.JsonAsync(c, w =>
    {
        w.WriteStartObject();
        w.WriteEndObject();
    });

    private static Task ClusterIdAsync(HttpContext c, KafkaSchemaRegistry r)
    {
        var lifecycle = c.RequestServices.GetRequiredService<SchemaRegistryLifecycle>();
        return RestResponses.JsonAsync(c, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("scope");
            w.WriteStartArray("path");
            w.WriteEndArray();
            w.WriteStartObject("clusters");
            w.WriteString("kafka-cluster", lifecycle.KafkaClusterId ?? "");
            w.WriteString("schema-registry-cluster", r.Options.GroupId);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }
}
