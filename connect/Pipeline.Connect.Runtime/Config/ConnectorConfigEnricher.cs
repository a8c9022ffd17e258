using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Transforms;
using Pipeline.Connect.Runtime.Plugins;
using N = Pipeline.Connect.Runtime.Config.ConnectorConfigNames;

namespace Pipeline.Connect.Runtime.Config;

/// <summary>
/// Adds to a connector's framework definition the settings its properties bring in (Kafka's
/// ConnectorConfig.enrich): for every transform alias <c>transforms.A.type</c>,
/// <c>.predicate</c>, <c>.negate</c> and the transform's own settings prefixed; for every
/// predicate alias <c>predicates.P.type</c> and its settings; for a source connector using topic
/// creation, the <c>topic.creation.G.*</c> settings of every group. A transform or predicate
/// whose type is missing or unknown only gets its <c>type</c> key, whose validation then fails.
/// </summary>
internal static class ConnectorConfigEnricher
{
    private static readonly HashSet<string> ReservedTransformKeys = ["type", "predicate", "negate"];
    private static readonly HashSet<string> PredicateReservedKeys = ["type"];

    public static ConfigDef Enrich(ConfigDef def, PluginRegistry plugins, IReadOnlyDictionary<string, string> props, bool isSource, IReadOnlyDictionary<string, string> workerDefaults)
    {
        var predicates = Aliases(props, N.Predicates);
        foreach (var alias in Aliases(props, N.Transforms))
        {
            var prefix = $"{N.Transforms}.{alias}.";
            var group = "Transforms: " + alias;
            def.Define(prefix + "type", ConfigType.Class, ConfigDef.NoDefault, new PluginClassValidator(plugins, PluginKind.Transformation, connector: false), Importance.High,
                $"The class of the '{alias}' transformation.", group, -2, ConfigWidth.Long, $"Transformation type for {alias}");
            def.Define(prefix + "predicate", ConfigType.String, null, PredicateReference(predicates), Importance.Medium,
                $"The alias of a predicate that decides which records the '{alias}' transformation applies to; it applies to every record when not set.", group, -1, ConfigWidth.Long, $"Predicate for {alias}");
            def.Define(prefix + "negate", ConfigType.Boolean, false, null, Importance.Medium,
                $"Whether the '{alias}' transformation applies to the records its predicate does not match.", group, 0, ConfigWidth.Short, $"Negate predicate for {alias}");
            if (props.TryGetValue(prefix + "type", out var type) && type is not null
                && plugins.TryResolve(type, PluginKind.Transformation, out var descriptor, out _))
            {
                Embed(def, prefix, group, ConfigOf<ITransformation>(plugins, descriptor, t => t.Config), ReservedTransformKeys);
            }
        }

        foreach (var alias in predicates)
        {
            var prefix = $"{N.Predicates}.{alias}.";
            var group = "Predicates: " + alias;
            def.Define(prefix + "type", ConfigType.Class, ConfigDef.NoDefault, new PluginClassValidator(plugins, PluginKind.Predicate, connector: false), Importance.High,
                $"The class of the '{alias}' predicate.", group, -1, ConfigWidth.Long, $"Predicate type for {alias}");
            if (props.TryGetValue(prefix + "type", out var type) && type is not null
                && plugins.TryResolve(type, PluginKind.Predicate, out var descriptor, out _))
            {
                Embed(def, prefix, group, ConfigOf<IPredicate>(plugins, descriptor, p => p.Config), PredicateReservedKeys);
            }
        }

        if (isSource && TopicCreationConfig.IsUsed(props, workerDefaults))
        {
            DefineTopicCreationGroup(def, N.TopicCreationDefaultGroup, isDefault: true);
            foreach (var group in Aliases(props, N.TopicCreationGroups))
            {
                if (group != N.TopicCreationDefaultGroup)
                {
                    DefineTopicCreationGroup(def, group, isDefault: false);
                }
            }
        }

        return def;
    }

    /// <summary>The aliases a list setting names, tolerating a malformed value (its own validation reports it).</summary>
    public static IReadOnlyList<string> Aliases(IReadOnlyDictionary<string, string> props, string key)
    {
        if (!props.TryGetValue(key, out var raw) || raw is null)
        {
            return [];
        }

        return raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToArray();
    }

    private static void DefineTopicCreationGroup(ConfigDef def, string group, bool isDefault)
    {
        var prefix = N.TopicCreationPrefix + group + ".";
        var uiGroup = "Topic Creation Group - " + group;
        def.Define(prefix + "include", ConfigType.List, isDefault ? ".*" : "", RegexList, Importance.Low,
            $"Regular expressions of the topics the '{group}' topic creation group applies to.", uiGroup, 1, ConfigWidth.Long, "Inclusion Topic Pattern for " + group);
        def.Define(prefix + "exclude", ConfigType.List, "", RegexList, Importance.Low,
            $"Regular expressions of topics the '{group}' group never applies to; exclusion wins over inclusion.", uiGroup, 2, ConfigWidth.Long, "Exclusion Topic Pattern for " + group);
        def.Define(prefix + "replication.factor", ConfigType.Int, isDefault ? ConfigDef.NoDefault : null,
            ConfigValidators.Of((n, v) => { if (v is not null) { ConnectorConfigDefs.ValidateReplicationFactor(n, v); } }, "-1 or at least 1"), Importance.Low,
            $"The replication factor of topics the '{group}' group creates (-1: the broker's default)" + (isDefault ? "." : "; the default group's when not set."), uiGroup, 3, ConfigWidth.Long, "Replication Factor for Topics in " + group);
        def.Define(prefix + "partitions", ConfigType.Int, isDefault ? ConfigDef.NoDefault : null,
            ConfigValidators.Of((n, v) => { if (v is not null) { ConnectorConfigDefs.ValidatePartitions(n, v); } }, "-1 or at least 1"), Importance.Low,
            $"The number of partitions of topics the '{group}' group creates (-1: the broker's default)" + (isDefault ? "." : "; the default group's when not set."), uiGroup, 4, ConfigWidth.Long, "Partition Count for Topics in " + group);
    }

    private static IConfigValidator RegexList { get; } = ConfigValidators.Of(
        (name, value) =>
        {
            foreach (var pattern in value as IEnumerable<string> ?? [])
            {
                try
                {
                    _ = new System.Text.RegularExpressions.Regex(pattern);
                }
                catch (ArgumentException e)
                {
                    throw new ConfigException(name, value, "Syntax error in regular expression: " + e.Message);
                }
            }
        },
        "list of regular expressions");

    private static IConfigValidator PredicateReference(IReadOnlyList<string> predicates) => ConfigValidators.Of(
        (name, value) =>
        {
            if (value is string s && s.Length > 0 && !predicates.Contains(s, StringComparer.Ordinal))
            {
                throw new ConfigException(name, value, $"Transformation is referencing a predicate '{s}' that is not listed in '{N.Predicates}'");
            }
        },
        "a predicate alias listed in predicates");

    private static ConfigDef? ConfigOf<T>(PluginRegistry plugins, PluginDescriptor descriptor, Func<T, ConfigDef> config)
        where T : class, IDisposable
    {
        try
        {
            using var instance = plugins.NewInstance<T>(descriptor);
            using var scope = PluginRegistry.EnterContext(instance);
            return config(instance);
        }
        catch (Exception)
        {
            // A plugin that cannot be created has no settings to show; creating it for real reports why.
            return null;
        }
    }

    private static void Embed(ConfigDef def, string prefix, string group, ConfigDef? embedded, IReadOnlySet<string> skip)
    {
        if (embedded is null)
        {
            return;
        }

        foreach (var key in embedded.OrderedKeys)
        {
            if (skip.Contains(key.Name) || def.Keys.ContainsKey(prefix + key.Name))
            {
                continue;
            }

            def.Define(prefix + key.Name, key.Type, key.HasDefault ? key.DefaultValue : ConfigDef.NoDefault, key.Validator, key.Importance, key.Documentation,
                group, key.OrderInGroup, key.Width, key.DisplayName, [.. key.Dependents.Select(d => prefix + d)]);
        }
    }
}
