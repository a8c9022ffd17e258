using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.SchemaRegistry.Registry;
using Pipeline.SchemaRegistry.Store;

namespace Pipeline.SchemaRegistry.Rest;

/// <summary>/subjects/{subject}/versions: register, read, reference lookups and version deletes (Confluent's SubjectVersionsResource).</summary>
internal static class SubjectVersionsEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/subjects/{subject}/versions", RestPipeline.Handle(ListAsync));
        routes.MapPost("/subjects/{subject}/versions", RestPipeline.Handle(RegisterAsync));
        routes.MapGet("/subjects/{subject}/versions/{version}", RestPipeline.Handle(GetAsync));
        routes.MapGet("/subjects/{subject}/versions/{version}/schema", RestPipeline.Handle(GetTextAsync));
        routes.MapGet("/subjects/{subject}/versions/{version}/referencedby", RestPipeline.Handle(ReferencedByAsync));
        routes.MapDelete("/subjects/{subject}/versions/{version}", RestPipeline.Handle(DeleteAsync));
    }

    private static Task ListAsync(HttpContext c, KafkaSchemaRegistry r)
    {
        var subject = RouteValues.Subject(c);
        var deleted = RouteValues.Flag(c, "deleted");
        var deletedOnly = RouteValues.Flag(c, "deletedOnly");
        var asNegative = RouteValues.Flag(c, "deletedAsNegative");
        if (!r.State.HasSubject(subject, deleted || deletedOnly))
        {
            throw RegistryErrors.SubjectNotFound(subject);
        }

        var filter = asNegative || (deleted && !deletedOnly) ? VersionFilter.IncludeDeleted : deletedOnly ? VersionFilter.DeletedOnly : VersionFilter.Live;
        var versions = r.State.Versions(subject, filter).Select(v => asNegative && v.Deleted ? -v.Version : v.Version);
        return RestResponses.JsonAsync(c, w => RestResponses.WriteInts(w, RouteValues.Page(c, versions)));
    }

    /// <summary>The version asked for, or 40401/40402 as Confluent answers (soft-deleted ones only with deleted=true).</summary>
    internal static StoredSchema Find(KafkaSchemaRegistry r, string subject, int version, bool includeDeleted) =>
        r.State.Get(subject, version, includeDeleted)
        ?? throw (r.State.HasSubject(subject, includeDeleted) ? RegistryErrors.VersionNotFound(version) : RegistryErrors.SubjectNotFound(subject));

    private static Task GetAsync(HttpContext c, KafkaSchemaRegistry r)
    {
        var version = RouteValues.Version(c);
        var schema = Find(r, RouteValues.Subject(c), version, RouteValues.Flag(c, "deleted"));
        return RestResponses.JsonAsync(c, w => RestResponses.WriteSchema(w, schema));
    }

    private static Task GetTextAsync(HttpContext c, KafkaSchemaRegistry r)
    {
        var version = RouteValues.Version(c);
        return RestResponses.RawAsync(c, Find(r, RouteValues.Subject(c), version, RouteValues.Flag(c, "deleted")).Schema);
    }

    private static Task ReferencedByAsync(HttpContext c, KafkaSchemaRegistry r)
    {
        var version = RouteValues.Version(c);
        var schema = Find(r, RouteValues.Subject(c), version, includeDeleted: true);
        var ids = r.State.ReferencedBy(schema.Subject, schema.Version, RouteValues.Flag(c, "deleted")).Select(s => s.Id).Distinct();
        return RestResponses.JsonAsync(c, w => RestResponses.WriteInts(w, RouteValues.Page(c, ids)));
    }

    private static async Task RegisterAsync(HttpContext c, KafkaSchemaRegistry r)
    {
        var subject = RouteValues.Subject(c);
        var body = await RequestBodies.ReadAsync(c, r.Options.MaxRequestBodyBytes).ConfigureAwait(false);
        var request = RequestBodies.ParseRegister(body);
        if (!SubjectNames.IsValid(subject))
        {
            throw RegistryErrors.InvalidSubject(subject);
        }

        var normalize = RouteValues.Flag(c, "normalize") || r.EffectiveConfig(subject).Normalize == true;
        var result = r.FindExistingRegistration(subject, request, normalize);
        if (result is null && !r.Leader.IsLeader)
        {
            await c.RequestServices.GetRequiredService<LeaderForwarder>().ForwardAsync(c, r, body, "register schema").ConfigureAwait(false);
            return;
        }

        result ??= await r.RegisterAsync(subject, request, normalize, RouteValues.Flag(c, "force"), c.RequestAborted).ConfigureAwait(false);
        await RestResponses.JsonAsync(c, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("id", result.Id);
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static async Task DeleteAsync(HttpContext c, KafkaSchemaRegistry r)
    {
        var subject = RouteValues.Subject(c);
        var version = RouteValues.Version(c);
        var permanent = RouteValues.Flag(c, "permanent");
        if (!r.Leader.IsLeader)
        {
            r.ValidateDeleteVersion(subject, version, permanent);
            await c.RequestServices.GetRequiredService<LeaderForwarder>().ForwardAsync(c, r, null, "delete schema version").ConfigureAwait(false);
            return;
        }

        var deleted = await r.DeleteVersionAsync(subject, version, permanent, c.RequestAborted).ConfigureAwait(false);
        await RestResponses.JsonAsync(c, w => w.WriteNumberValue(deleted)).ConfigureAwait(false);
    }
}
