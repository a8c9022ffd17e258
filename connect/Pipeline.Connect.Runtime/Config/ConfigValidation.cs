using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Connectors;
using Pipeline.Connect.Runtime.Herder;
using Pipeline.Connect.Runtime.Plugins;
using Pipeline.Connect.Runtime.Rest.Entities;
using N = Pipeline.Connect.Runtime.Config.ConnectorConfigNames;

namespace Pipeline.Connect.Runtime.Config;

/// <summary>
/// <c>PUT /connector-plugins/{plugin}/config/validate</c> and <c>GET /connector-plugins/{plugin}/config</c>,
/// as Kafka's AbstractHerder answers them: the framework settings (enriched with transforms,
/// predicates and topic creation) then the connector's own, each with its value and errors.
/// </summary>
public static class ConfigValidation
{
    /// <summary>Kafka's error for a null value in the body.</summary>
    public const string NullValueMessage = "Null value can not be supplied as the configuration value.";

    /// <summary>
    /// Validates a connector config. Throws <see cref="ConnectRestException"/> 400 when
    /// <c>connector.class</c> is missing or names no connector; every other problem is an error
    /// in the answer (<c>error_count</c>).
    /// </summary>
    public static ConfigInfos Validate(PluginRegistry plugins, IReadOnlyDictionary<string, string> props, IReadOnlyDictionary<string, string> workerDefaults)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        ArgumentNullException.ThrowIfNull(props);
        ArgumentNullException.ThrowIfNull(workerDefaults);
        if (!props.TryGetValue(N.ConnectorClass, out var className) || className is null)
        {
            throw ConnectRestException.BadRequest($"Connector config {{{string.Join(", ", props.Select(p => p.Key + "=" + p.Value))}}} contains no connector type");
        }

        if (!plugins.TryResolveConnector(className, out var descriptor, out var error))
        {
            throw ConnectRestException.BadRequest(error);
        }

        // Null values (possible from a JSON body) are errors of their own, and parse as absent.
        var nullKeys = props.Where(p => p.Value is null).Select(p => p.Key).ToList();
        var present = nullKeys.Count == 0 ? props : props.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

        var isSink = descriptor.Kind == PluginKind.Sink;
        var framework = isSink ? ConnectorConfigDefs.Sink(plugins) : ConnectorConfigDefs.Source(plugins);
        ConnectorConfigEnricher.Enrich(framework, plugins, present, isSource: !isSink, workerDefaults);
        var values = new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
        foreach (var value in framework.Validate(present))
        {
            values[value.Name] = value;
        }

        if (isSink)
        {
            foreach (var (name, message) in SinkConnectorChecks.Errors(present))
            {
                if (values.TryGetValue(name, out var v) && !v.ErrorMessages.Contains(message))
                {
                    v.AddErrorMessage(message);
                }
            }
        }

        var keys = new List<ConfigKey>(framework.OrderedKeys);
        var groups = new List<string>(framework.Groups);
        ValidateConnector(plugins, descriptor, present, keys, groups, values);

        foreach (var name in nullKeys)
        {
            if (!values.TryGetValue(name, out var v))
            {
                v = new ConfigValue(name);
                values[name] = v;
            }

            v.Value = null;
            v.AddErrorMessage(NullValueMessage);
        }

        var configs = new List<ConfigInfo>(keys.Count);
        var errorCount = 0;
        var defined = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            defined.Add(key.Name);
            var value = values.TryGetValue(key.Name, out var v) ? v : new ConfigValue(key.Name);
            errorCount += value.ErrorMessages.Count;
            configs.Add(new ConfigInfo(ConfigInfoMapper.ToInfo(key), ConfigInfoMapper.ToInfo(value)));
        }

        foreach (var (name, value) in values)
        {
            if (!defined.Contains(name))
            {
                errorCount += value.ErrorMessages.Count;
                configs.Add(new ConfigInfo(null, ConfigInfoMapper.ToInfo(value)));
            }
        }

        return new ConfigInfos(className, errorCount, groups, configs);
    }

    /// <summary>
    /// The settings a plugin of any kind accepts (its own ConfigDef only, as Kafka's KIP-769 endpoint).
    /// Throws <see cref="ConnectRestException"/> 404 for an unknown plugin.
    /// </summary>
    public static IReadOnlyList<ConfigKeyInfo> PluginConfig(PluginRegistry plugins, string plugin)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        ArgumentNullException.ThrowIfNull(plugin);
        if (!plugins.TryResolve(plugin, null, out var descriptor, out _))
        {
            throw ConnectRestException.NotFound($"Unknown plugin {plugin}.");
        }

        var def = PluginConfigDef(plugins, descriptor);
        return [.. def.OrderedKeys.Select(ConfigInfoMapper.ToInfo)];
    }

    private static ConfigDef PluginConfigDef(PluginRegistry plugins, PluginDescriptor descriptor)
    {
        var instance = plugins.NewInstance<object>(descriptor);
        try
        {
            using var scope = PluginRegistry.EnterContext(instance);
            return descriptor.Kind switch
            {
                PluginKind.Source or PluginKind.Sink => ((Connector)instance).Config,
                PluginKind.Converter => ((Api.Storage.IConverter)instance).Config,
                PluginKind.HeaderConverter => ((Api.Storage.IHeaderConverter)instance).Config,
                PluginKind.Transformation => ((Api.Transforms.ITransformation)instance).Config,
                PluginKind.Predicate => ((Api.Transforms.IPredicate)instance).Config,
                _ => throw ConnectRestException.BadRequest($"Plugin {descriptor.ClassName} of type {descriptor.Kind} has no configuration"),
            };
        }
        finally
        {
            (instance as IDisposable)?.Dispose();
        }
    }

    private static void ValidateConnector(PluginRegistry plugins, PluginDescriptor descriptor, IReadOnlyDictionary<string, string> props,
        List<ConfigKey> keys, List<string> groups, Dictionary<string, ConfigValue> values)
    {
        var connector = plugins.NewInstance<Connector>(descriptor);
        using var scope = PluginRegistry.EnterContext(connector);
        ConfigDef def;
        IReadOnlyList<ConfigValue> connectorValues;
        try
        {
            def = connector.Config;
            connectorValues = connector.Validate(props);
        }
        catch (Exception e) when (e is not ConnectRestException)
        {
            throw ConnectRestException.BadRequest($"The connector {descriptor.ClassName} failed to validate its configuration: {e.Message}");
        }

        var known = new HashSet<string>(keys.Select(k => k.Name), StringComparer.Ordinal);
        foreach (var key in def.OrderedKeys)
        {
            if (known.Add(key.Name))
            {
                keys.Add(key);
            }
        }

        foreach (var group in def.Groups)
        {
            if (!groups.Contains(group))
            {
                groups.Add(group);
            }
        }

        foreach (var value in connectorValues)
        {
            if (values.TryGetValue(value.Name, out var existing) && def.Keys.ContainsKey(value.Name) is false)
            {
                foreach (var message in value.ErrorMessages)
                {
                    existing.AddErrorMessage(message);
                }
            }
            else
            {
                values[value.Name] = value;
            }
        }
    }
}
