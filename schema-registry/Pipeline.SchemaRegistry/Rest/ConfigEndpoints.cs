using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.SchemaRegistry.Registry;
using Pipeline.SchemaRegistry.Schemas;
using Pipeline.SchemaRegistry.Store;

namespace Pipeline.SchemaRegistry.Rest;

/// <summary>
/// /config: compatibility level and normalize, global and per subject (Confluent's
/// ConfigResource). GET answers <c>compatibilityLevel</c>; PUT takes and echoes <c>compatibility</c>.
/// </summary>
internal static class ConfigEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/config", RestPipeline.Handle((c, r) => GetAsync(c, r, null)));
        routes.MapPut("/config", RestPipeline.Handle((c, r) => PutAsync(c, r, null)));
        routes.MapDelete("/config", RestPipeline.Handle((c, r) => DeleteAsync(c, r, null)));
        routes.MapGet("/config/{subject}", RestPipeline.Handle((c, r) => GetAsync(c, r, RouteValues.Subject(c))));
        routes.MapPut("/config/{subject}", RestPipeline.Handle((c, r) => PutAsync(c, r, RouteValues.Subject(c))));
        routes.MapDelete("/config/{subject}", RestPipeline.Handle((c, r) => DeleteAsync(c, r, RouteValues.Subject(c))));
    }

    private static Task GetAsync(HttpContext c, KafkaSchemaRegistry r, string? subject)
    {
        SubjectConfig config;
        if (RouteValues.Flag(c, "defaultToGlobal"))
        {
            config = r.EffectiveConfig(subject);
        }
        else if (subject is null)
        {
            config = r.EffectiveConfig(null);
        }
        else
        {
            config = r.State.Config(subject) ?? throw RegistryErrors.SubjectCompatibilityNotConfigured(subject);
        }

        return RestResponses.JsonAsync(c, w => Write(w, config, "compatibilityLevel"));
    }

    private static async Task PutAsync(HttpContext c, KafkaSchemaRegistry r, string? subject)
    {
        var body = await RequestBodies.ReadAsync(c, r.Options.MaxRequestBodyBytes).ConfigureAwait(false);
        SubjectConfig update;
        using (var doc = RequestBodies.ParseObject(body, "ConfigUpdateRequest"))
        {
            var level = RequestBodies.String(doc.RootElement, "compatibility") ?? RequestBodies.String(doc.RootElement, "compatibilityLevel");
            CompatibilityLevel? parsed = null;
            if (level is not null)
            {
                parsed = CompatibilityLevels.TryParse(level, out var l) ? l : throw RegistryErrors.InvalidCompatibilityLevel();
            }

            update = new SubjectConfig(parsed, RequestBodies.Bool(doc.RootElement, "normalize"));
        }

        if (subject is not null && !SubjectNames.IsValid(subject))
        {
            throw RegistryErrors.InvalidSubject(subject);
        }

        if (!r.Leader.IsLeader)
        {
            await c.RequestServices.GetRequiredService<LeaderForwarder>().ForwardAsync(c, r, body, "update config").ConfigureAwait(false);
            return;
        }

        var stored = await r.UpdateConfigAsync(subject, update, c.RequestAborted).ConfigureAwait(false);
        await RestResponses.JsonAsync(c, w => Write(w, stored, "compatibility")).ConfigureAwait(false);
    }

    private static async Task DeleteAsync(HttpContext c, KafkaSchemaRegistry r, string? subject)
    {
        var previous = subject is null ? r.EffectiveConfig(null) : r.State.Config(subject) ?? throw RegistryErrors.SubjectNotFound(subject);
        if (!r.Leader.IsLeader)
        {
            await c.RequestServices.GetRequiredService<LeaderForwarder>().ForwardAsync(c, r, null, "delete config").ConfigureAwait(false);
            return;
        }

        await r.DeleteConfigAsync(subject, c.RequestAborted).ConfigureAwait(false);
        await RestResponses.JsonAsync(c, w => Write(w, previous, "compatibilityLevel")).ConfigureAwait(false);
    }

    private static void Write(Utf8JsonWriter w, SubjectConfig config, string levelName)
    {
        w.WriteStartObject();
        if (config.CompatibilityLevel is { } level)
        {
            w.WriteString(levelName, CompatibilityLevels.Name(level));
        }

        if (config.Normalize is { } normalize)
        {
            w.WriteBoolean("normalize", normalize);
        }

        w.WriteEndObject();
    }
}
