using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pipeline.SchemaRegistry.Registry;
using Pipeline.SchemaRegistry.Store;

namespace Pipeline.SchemaRegistry.Rest;

/// <summary>/compatibility: checks without registering (Confluent's CompatibilityResource). An unknown subject is not an error.</summary>
internal static class CompatibilityEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/compatibility/subjects/{subject}/versions/{version}", RestPipeline.Handle(AgainstVersionAsync));
        routes.MapPost("/compatibility/subjects/{subject}/versions", RestPipeline.Handle(AgainstSubjectAsync));
    }

    private static async Task AgainstVersionAsync(HttpContext c, KafkaSchemaRegistry r)
    {
        var subject = RouteValues.Subject(c);
        var version = RouteValues.Version(c);
        var body = await RequestBodies.ReadAsync(c, r.Options.MaxRequestBodyBytes).ConfigureAwait(false);
        var target = r.State.Get(subject, version, includeDeleted: false);
        if (target is null && version != -1)
        {
            throw RegistryErrors.VersionNotFound(version);
        }

        await AnswerAsync(c, r, subject, body, target is null ? [] : [target]).ConfigureAwait(false);
    }

    private static async Task AgainstSubjectAsync(HttpContext c, KafkaSchemaRegistry r)
    {
        var subject = RouteValues.Subject(c);
        var body = await RequestBodies.ReadAsync(c, r.Options.MaxRequestBodyBytes).ConfigureAwait(false);
        await AnswerAsync(c, r, subject, body, r.State.Versions(subject, VersionFilter.Live)).ConfigureAwait(false);
    }

    private static Task AnswerAsync(HttpContext c, KafkaSchemaRegistry r, string subject, byte[] body, IReadOnlyList<StoredSchema> previous)
    {
        var request = RequestBodies.ParseRegister(body);
        var verbose = RouteValues.Flag(c, "verbose");
        List<string> messages;
        try
        {
            messages = r.CheckCompatibility(subject, request, previous, RouteValues.Flag(c, "normalize"));
        }
        catch (RegistryException e) when (e.ErrorCode == 42201 && verbose)
        {
            messages = [e.Message];
        }

        return RestResponses.JsonAsync(c, w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("is_compatible", messages.Count == 0);
            if (verbose)
            {
                RestResponses.WriteStringsProperty(w, "messages", messages);
            }

            w.WriteEndObject();
        });
    }
}
