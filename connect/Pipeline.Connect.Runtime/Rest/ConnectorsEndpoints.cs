using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Rest;

/// <summary>/connectors and /connectors/{c}: list, create, info, delete, config, status and lifecycle (Kafka's ConnectorsResource).</summary>
internal static class ConnectorsEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, ConnectRestState state)
    {
        routes.MapGet("/connectors", RestPipeline.Handle(state, ListAsync));
        routes.MapPost("/connectors", RestPipeline.Handle(state, CreateAsync));
        routes.MapGet("/connectors/{connector}", RestPipeline.Handle(state, async c =>
            RestAnswer.Ok(await c.Herder.ConnectorInfoAsync(c.Route("connector"), c.Cancellation).ConfigureAwait(false))));
        routes.MapDelete("/connectors/{connector}", RestPipeline.Handle(state, async c =>
        {
            await c.Herder.DeleteConnectorAsync(c.Route("connector"), c.Cancellation).ConfigureAwait(false);
            return RestAnswer.NoContent;
        }));
        routes.MapGet("/connectors/{connector}/config", RestPipeline.Handle(state, async c =>
            RestAnswer.Ok(await c.Herder.ConnectorConfigAsync(c.Route("connector"), c.Cancellation).ConfigureAwait(false))));
        routes.MapPut("/connectors/{connector}/config", RestPipeline.Handle(state, PutConfigAsync));
        routes.MapPatch("/connectors/{connector}/config", RestPipeline.Handle(state, PatchConfigAsync));
        routes.MapGet("/connectors/{connector}/status", RestPipeline.Handle(state, async c =>
            RestAnswer.Ok(await c.Herder.ConnectorStatusAsync(c.Route("connector"), c.Cancellation).ConfigureAwait(false))));
        routes.MapPost("/connectors/{connector}/restart", RestPipeline.Handle(state, RestartAsync));
        routes.MapPut("/connectors/{connector}/pause", RestPipeline.Handle(state, async c =>
        {
            await c.Herder.SetTargetStateAsync(c.Route("connector"), TargetState.Paused, c.Cancellation).ConfigureAwait(false);
            return RestAnswer.Accepted();
        }));
        routes.MapPut("/connectors/{connector}/resume", RestPipeline.Handle(state, async c =>
        {
            await c.Herder.SetTargetStateAsync(c.Route("connector"), TargetState.Started, c.Cancellation).ConfigureAwait(false);
            return RestAnswer.Accepted();
        }));
        routes.MapPut("/connectors/{connector}/stop", RestPipeline.Handle(state, async c =>
        {
            await c.Herder.SetTargetStateAsync(c.Route("connector"), TargetState.Stopped, c.Cancellation).ConfigureAwait(false);
            return RestAnswer.NoContent;
        }));
    }

    internal static string Location(string connector) => "/connectors/" + Uri.EscapeDataString(connector);

    private static async Task<RestAnswer> ListAsync(RestCall c)
    {
        var names = await c.Herder.ConnectorsAsync(c.Cancellation).ConfigureAwait(false);
        var expand = c.Http.Request.Query["expand"];
        var status = false;
        var info = false;
        foreach (var e in expand)
        {
            // Unknown expand values are ignored, as Kafka does.
            status |= string.Equals(e, "status", StringComparison.OrdinalIgnoreCase);
            info |= string.Equals(e, "info", StringComparison.OrdinalIgnoreCase);
        }

        if (!status && !info)
        {
            return RestAnswer.Ok(names);
        }

        var expanded = new SortedDictionary<string, Dictionary<string, object>>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var entry = new Dictionary<string, object>(StringComparer.Ordinal);
            try
            {
                if (status)
                {
                    entry["status"] = await c.Herder.ConnectorStatusAsync(name, c.Cancellation).ConfigureAwait(false);
                }

                if (info)
                {
                    entry["info"] = await c.Herder.ConnectorInfoAsync(name, c.Cancellation).ConfigureAwait(false);
                }
            }
            catch (ConnectRestException e) when (e.Status == 404)
            {
                // Deleted while we listed: left out.
                continue;
            }

            expanded[name] = entry;
        }

        return RestAnswer.Ok(expanded);
    }

    private static async Task<RestAnswer> CreateAsync(RestCall c)
    {
        var (rawName, rawConfig, initial) = RestBodies.CreateRequest(c.Body);
        var name = rawName.Trim();
        var config = RestBodies.NonNullConfig(rawConfig);
        CheckAndPutName(name, config);
        var result = await c.Herder.PutConnectorConfigAsync(name, config, allowReplace: false, initial, c.Cancellation).ConfigureAwait(false);
        return RestAnswer.Created(result.Info, Location(name));
    }

    private static async Task<RestAnswer> PutConfigAsync(RestCall c)
    {
        var name = c.Route("connector");
        Dictionary<string, string> config;
        using (var document = RestBodies.Parse(c.Body, "a JSON object of connector settings"))
        {
            config = RestBodies.NonNullConfig(RestBodies.ConfigMap(document.RootElement, "The connector config"));
        }

        CheckAndPutName(name, config);
        var result = await c.Herder.PutConnectorConfigAsync(name, config, allowReplace: true, initialState: null, c.Cancellation).ConfigureAwait(false);
        return result.Created ? RestAnswer.Created(result.Info, Location(name)) : RestAnswer.Ok(result.Info);
    }

    private static async Task<RestAnswer> PatchConfigAsync(RestCall c)
    {
        var name = c.Route("connector");
        Dictionary<string, string?> patch;
        using (var document = RestBodies.Parse(c.Body, "a JSON object of connector settings"))
        {
            patch = RestBodies.ConfigMap(document.RootElement, "The config patch");
        }

        if (patch.TryGetValue("name", out var patchedName) && patchedName != name)
        {
            throw ConnectRestException.BadRequest($"Connector name configuration ({patchedName}) doesn't match connector name in the URL ({name})");
        }

        var merged = new Dictionary<string, string>(await c.Herder.ConnectorConfigAsync(name, c.Cancellation).ConfigureAwait(false), StringComparer.Ordinal);
        foreach (var (k, v) in patch)
        {
            if (v is null)
            {
                merged.Remove(k);
            }
            else
            {
                merged[k] = v;
            }
        }

        merged["name"] = name;
        var result = await c.Herder.PutConnectorConfigAsync(name, merged, allowReplace: true, initialState: null, c.Cancellation).ConfigureAwait(false);
        return RestAnswer.Ok(result.Info);
    }

    private static async Task<RestAnswer> RestartAsync(RestCall c)
    {
        var name = c.Route("connector");
        var includeTasks = c.QueryBool("includeTasks", false);
        var onlyFailed = c.QueryBool("onlyFailed", false);
        var planned = await c.Herder.RestartConnectorAsync(name, includeTasks, onlyFailed, c.Cancellation).ConfigureAwait(false);
        if (!includeTasks && !onlyFailed)
        {
            // The old form: restart the Connector instance only, no body.
            return RestAnswer.NoContent;
        }

        return RestAnswer.Accepted(planned ?? await c.Herder.ConnectorStatusAsync(name, c.Cancellation).ConfigureAwait(false));
    }

    /// <summary>Kafka's checkAndPutConnectorConfigName: the config's name must be the connector's; absent, it is added.</summary>
    private static void CheckAndPutName(string name, Dictionary<string, string> config)
    {
        if (name.Length == 0)
        {
            throw ConnectRestException.BadRequest("Connector name cannot be empty");
        }

        foreach (var ch in name)
        {
            if (char.IsControl(ch))
            {
                throw ConnectRestException.BadRequest($"Connector name may not contain ISO control characters (found U+{(int)ch:X4})");
            }
        }

        if (config.TryGetValue("name", out var included))
        {
            if (included != name)
            {
                throw ConnectRestException.BadRequest($"Connector name configuration ({included}) doesn't match connector name in the URL ({name})");
            }
        }
        else
        {
            config["name"] = name;
        }
    }
}
