using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Pipeline.Connect.Runtime.Herder;
using Pipeline.Connect.Runtime.Rest.Entities;

namespace Pipeline.Connect.Runtime.Rest;

/// <summary>/connector-plugins: the installed plugins, a plugin's config definition, and config validation (Kafka's ConnectorPluginsResource).</summary>
internal static class PluginsEndpoints
{
    private const string ConnectorClass = "connector.class";
    private const string NullValueError = "Null value can not be supplied as the configuration value.";

    public static void Map(IEndpointRouteBuilder routes, ConnectRestState state)
    {
        routes.MapGet("/connector-plugins", RestPipeline.Handle(state, c =>
            Task.FromResult(RestAnswer.Ok(c.Herder.Plugins(c.QueryBool("connectorsOnly", true))))));
        routes.MapGet("/connector-plugins/{plugin}/config", RestPipeline.Handle(state, c =>
            Task.FromResult(RestAnswer.Ok(c.Herder.PluginConfig(c.Route("plugin"))))));
        routes.MapPut("/connector-plugins/{plugin}/config/validate", RestPipeline.Handle(state, ValidateAsync));
    }

    /// <summary>Kafka's rule: a trailing "Connector" is ignored on both sides, then connector.class must end with the path's name.</summary>
    internal static bool Matches(string connectorClass, string plugin) =>
        Normalized(connectorClass).EndsWith(Normalized(plugin), StringComparison.Ordinal);

    private static string Normalized(string name) =>
        name.EndsWith("Connector", StringComparison.Ordinal) ? name[..^"Connector".Length] : name;

    private static async Task<RestAnswer> ValidateAsync(RestCall c)
    {
        var plugin = c.Route("plugin");
        Dictionary<string, string?> config;
        using (var document = RestBodies.Parse(c.Body, "a JSON object of connector settings"))
        {
            config = RestBodies.ConfigMap(document.RootElement, "The connector config");
        }

        if (!config.TryGetValue(ConnectorClass, out var connectorClass) || connectorClass is null)
        {
            throw ConnectRestException.BadRequest($"Connector config {JavaMapString(config)} contains no connector type");
        }

        if (!Matches(connectorClass, plugin))
        {
            throw ConnectRestException.BadRequest($"Included connector type {connectorClass} does not match request type {plugin}");
        }

        // The herder validates string values; keys given as null get Kafka's error added here.
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var nulls = new List<string>();
        foreach (var (k, v) in config)
        {
            if (v is null)
            {
                nulls.Add(k);
            }
            else
            {
                values[k] = v;
            }
        }

        var result = await c.Herder.ValidateConnectorConfigAsync(values, c.Cancellation).ConfigureAwait(false);
        return RestAnswer.Ok(nulls.Count == 0 ? result : WithNullErrors(result, nulls));
    }

    private static ConfigInfos WithNullErrors(ConfigInfos result, List<string> nulls)
    {
        var configs = new List<ConfigInfo>(result.Configs);
        foreach (var key in nulls)
        {
            var index = configs.FindIndex(i => i.Value.Name == key);
            if (index >= 0)
            {
                var value = configs[index].Value;
                configs[index] = configs[index] with { Value = value with { Value = null, Errors = [.. value.Errors, NullValueError] } };
            }
            else
            {
                configs.Add(new ConfigInfo(null, new ConfigValueInfo(key, null, [], [NullValueError], true)));
            }
        }

        return result with { ErrorCount = result.ErrorCount + nulls.Count, Configs = configs };
    }

    // Java's AbstractMap.toString, which Kafka's message shows: {k1=v1, k2=v2}.
    private static string JavaMapString(Dictionary<string, string?> map)
    {
        var sb = new StringBuilder("{");
        foreach (var (k, v) in map)
        {
            if (sb.Length > 1)
            {
                sb.Append(", ");
            }

            sb.Append(k).Append('=').Append(v ?? "null");
        }

        return sb.Append('}').ToString();
    }
}
