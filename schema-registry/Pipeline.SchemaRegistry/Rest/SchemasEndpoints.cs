using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pipeline.SchemaRegistry.Registry;

namespace Pipeline.SchemaRegistry.Rest;

/// <summary>/schemas: schemas by global id, and the schema types (Confluent's SchemasResource).</summary>
internal static class SchemasEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/schemas/types", RestPipeline.Handle((c, r) => RestResponses.JsonAsync(c, w => RestResponses.WriteStrings(w, r.SchemaTypes))));
        routes.MapGet("/schemas", RestPipeline.Handle(ListAsync));
        routes.MapGet("/schemas/ids/{id}", RestPipeline.Handle(GetAsync));
        routes.MapGet("/schemas/ids/{id}/schema", RestPipeline.Handle(GetTextAsync));
        routes.MapGet("/schemas/ids/{id}/subjects", RestPipeline.Handle(SubjectsAsync));
        routes.MapGet("/schemas/ids/{id}/versions", RestPipeline.Handle(VersionsAsync));
    }

    private static Task ListAsync(HttpContext c, KafkaSchemaRegistry r)
    {
        var all = r.State.AllVersions(RouteValues.Query(c, "subjectPrefix") ?? "", RouteValues.Flag(c, "deleted"), RouteValues.Flag(c, "latestOnly"));
        return RestResponses.JsonAsync(c, w =>
        {
            w.WriteStartArray();
            foreach (var s in RouteValues.Page(c, all))
            {
                RestResponses.WriteSchema(w, s);
            }

            w.WriteEndArray();
        });
    }

    private static Task GetAsync(HttpContext c, KafkaSchemaRegistry r)
    {
        var id = RouteValues.Id(c);
        var schema = r.State.GetById(id) ?? throw RegistryErrors.SchemaNotFound(id);
        var maxId = RouteValues.Flag(c, "fetchMaxId") ? r.State.MaxId : (int?)null;
        return RestResponses.JsonAsync(c, w =>
        {
            w.WriteStartObject();
            RestResponses.WriteTypeAndReferences(w, schema);
            w.WriteString("schema", schema.Schema);
            if (maxId is { } max)
            {
                w.WriteNumber("maxId", max);
            }

            w.WriteEndObject();
        });
    }

    private static Task GetTextAsync(HttpContext c, KafkaSchemaRegistry r)
    {
        var id = RouteValues.Id(c);
        var schema = r.State.GetById(id) ?? throw RegistryErrors.SchemaNotFound(id);
        return RestResponses.RawAsync(c, schema.Schema);
    }

    private static Task SubjectsAsync(HttpContext c, KafkaSchemaRegistry r)
    {
        var versions = r.State.VersionsForId(RouteValues.Id(c), RouteValues.Flag(c, "deleted")) ?? throw RegistryErrors.SchemaNotFound();
        return RestResponses.JsonAsync(c, w => RestResponses.WriteStrings(w, RouteValues.Page(c, versions.Select(v => v.Subject).Distinct())));
    }

    private static Task VersionsAsync(HttpContext c, KafkaSchemaRegistry r)
    {
        var versions = r.State.VersionsForId(RouteValues.Id(c), RouteValues.Flag(c, "deleted")) ?? throw RegistryErrors.SchemaNotFound();
        return RestResponses.JsonAsync(c, w =>
        {
            w.WriteStartArray();
            foreach (var v in RouteValues.Page(c, versions))
            {
                w.WriteStartObject();
                w.WriteString("subject", v.Subject);
                w.WriteNumber("version", v.Version);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }
}
