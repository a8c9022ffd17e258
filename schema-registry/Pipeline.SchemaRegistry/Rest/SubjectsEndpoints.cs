using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.SchemaRegistry.Registry;
using Pipeline.SchemaRegistry.Store;

namespace Pipeline.SchemaRegistry.Rest;

/// <summary>/subjects: listing, lookup and subject deletion (Confluent's SubjectsResource).</summary>
internal static class SubjectsEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/subjects", RestPipeline.Handle(ListAsync));
        routes.MapPost("/subjects/{subject}", RestPipeline.Handle(LookUpAsync));
        routes.MapDelete("/subjects/{subject}", RestPipeline.Handle(DeleteAsync));
    }

    private static Task ListAsync(HttpContext c, KafkaSchemaRegistry r)
    {
        var filter = RouteValues.Flag(c, "deletedOnly") ? VersionFilter.DeletedOnly : RouteValues.Flag(c, "deleted") ? VersionFilter.IncludeDeleted : VersionFilter.Live;
        var prefix = RouteValues.Query(c, "subjectPrefix") ?? "";
        if (prefix == ":*:")
        {
            prefix = "";
        }

        var subjects = r.State.Subjects(prefix, filter);
        return RestResponses.JsonAsync(c, w => RestResponses.WriteStrings(w, RouteValues.Page(c, subjects)));
    }

    private static async Task LookUpAsync(HttpContext c, KafkaSchemaRegistry r)
    {
        var subject = RouteValues.Subject(c);
        var request = RequestBodies.ParseRegister(await RequestBodies.ReadAsync(c, r.Options.MaxRequestBodyBytes).ConfigureAwait(false));
        var deleted = RouteValues.Flag(c, "deleted");
        var normalize = RouteValues.Flag(c, "normalize") || r.EffectiveConfig(subject).Normalize == true;
        var match = r.LookUp(subject, request, normalize, deleted);
        if (match is null)
        {
            throw r.State.HasSubject(subject, deleted) ? RegistryErrors.SchemaNotFound() : RegistryErrors.SubjectNotFound(subject);
        }

        await RestResponses.JsonAsync(c, w => RestResponses.WriteSchema(w, match)).ConfigureAwait(false);
    }

    private static async Task DeleteAsync(HttpContext c, KafkaSchemaRegistry r)
    {
        var subject = RouteValues.Subject(c);
        var permanent = RouteValues.Flag(c, "permanent");
        r.ValidateDeleteSubject(subject, permanent);
        if (!r.Leader.IsLeader)
        {
            await c.RequestServices.GetRequiredService<LeaderForwarder>().ForwardAsync(c, r, null, "delete subject").ConfigureAwait(false);
            return;
        }

        var deleted = await r.DeleteSubjectAsync(subject, permanent, c.RequestAborted).ConfigureAwait(false);
        await RestResponses.JsonAsync(c, w => RestResponses.WriteInts(w, deleted)).ConfigureAwait(false);
    }
}
