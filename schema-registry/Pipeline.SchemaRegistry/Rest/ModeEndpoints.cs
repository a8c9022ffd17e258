using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.SchemaRegistry.Registry;
using Pipeline.SchemaRegistry.Schemas;

namespace Pipeline.SchemaRegistry.Rest;

/// <summary>/mode: READWRITE, READONLY, IMPORT (and FORWARD, global only), global and per subject (Confluent's ModeResource).</summary>
internal static class ModeEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/mode", RestPipeline.Handle((c, r) => GetAsync(c, r, null)));
        routes.MapPut("/mode", RestPipeline.Handle((c, r) => PutAsync(c, r, null)));
        routes.MapDelete("/mode", RestPipeline.Handle((c, r) => DeleteAsync(c, r, null)));
        routes.MapGet("/mode/{subject}", RestPipeline.Handle((c, r) => GetAsync(c, r, RouteValues.Subject(c))));
        routes.MapPut("/mode/{subject}", RestPipeline.Handle((c, r) => PutAsync(c, r, RouteValues.Subject(c))));
        routes.MapDelete("/mode/{subject}", RestPipeline.Handle((c, r) => DeleteAsync(c, r, RouteValues.Subject(c))));
    }

    private static Task GetAsync(HttpContext c, KafkaSchemaRegistry r, string? subject)
    {
        RegistryMode mode;
        if (RouteValues.Flag(c, "defaultToGlobal") || subject is null)
        {
            mode = r.EffectiveMode(subject);
        }
        else
        {
            mode = r.State.Mode(subject) ?? throw RegistryErrors.SubjectModeNotConfigured(subject);
        }

        return RestResponses.JsonAsync(c, w =>
        {
            w.WriteStartObject();
            w.WriteString("mode", RegistryModes.Name(mode));
            w.WriteEndObject();
        });
    }

    private static async Task PutAsync(HttpContext c, KafkaSchemaRegistry r, string? subject)
    {
        var body = await RequestBodies.ReadAsync(c, r.Options.MaxRequestBodyBytes).ConfigureAwait(false);
        string? text;
        using (var doc = RequestBodies.ParseObject(body, "ModeUpdateRequest"))
        {
            text = RequestBodies.String(doc.RootElement, "mode");
        }

        if (subject is not null && !SubjectNames.IsValid(subject))
        {
            throw RegistryErrors.InvalidSubject(subject);
        }

        if (!RegistryModes.TryParse(text, out var mode))
        {
            throw RegistryErrors.InvalidMode();
        }

        if (mode == RegistryMode.Forward && subject is not null)
        {
            throw RegistryErrors.InvalidMode("Forward mode only supported on global level");
        }

        if (!r.Leader.IsLeader)
        {
            await c.RequestServices.GetRequiredService<LeaderForwarder>().ForwardAsync(c, r, body, "update mode").ConfigureAwait(false);
            return;
        }

        await r.SetModeAsync(subject, mode, RouteValues.Flag(c, "force"), c.RequestAborted).ConfigureAwait(false);
        await RestResponses.JsonAsync(c, w =>
        {
            w.WriteStartObject();
            w.WriteString("mode", text);
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static async Task DeleteAsync(HttpContext c, KafkaSchemaRegistry r, string? subject)
    {
        var previous = subject is null ? r.EffectiveMode(null) : r.State.Mode(subject) ?? throw RegistryErrors.SubjectNotFound(subject);
        if (!r.Leader.IsLeader)
        {
            await c.RequestServices.GetRequiredService<LeaderForwarder>().ForwardAsync(c, r, null, "delete mode").ConfigureAwait(false);
            return;
        }

        await r.DeleteModeAsync(subject, c.RequestAborted).ConfigureAwait(false);
        await RestResponses.JsonAsync(c, w =>
        {
            w.WriteStartObject();
            w.WriteString("mode", RegistryModes.Name(previous));
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }
}
