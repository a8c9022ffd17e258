using Pipeline.Connect.Api.Config;
using N = Pipeline.Connect.Runtime.Config.ConnectorConfigNames;

namespace Pipeline.Connect.Runtime.Config;

/// <summary>
/// A source connector's topic creation (KIP-158): the groups named by <c>topic.creation.groups</c>
/// in order, then the implicit <c>default</c> group, which covers every topic the others do not.
/// </summary>
public sealed class TopicCreationConfig
{
    private static readonly HashSet<string> GroupKeys = ["include", "exclude", "replication.factor", "partitions"];

    internal TopicCreationConfig(IReadOnlyList<TopicCreationGroup> groups)
    {
        Groups = groups;
    }

    /// <summary>The groups in matching order; the last is <c>default</c>.</summary>
    public IReadOnlyList<TopicCreationGroup> Groups { get; }

    /// <summary>The default group.</summary>
    public TopicCreationGroup Default => Groups[^1];

    /// <summary>Whether a connector's properties use topic creation and the worker allows it (<c>topic.creation.enable</c>, default true).</summary>
    public static bool IsUsed(IReadOnlyDictionary<string, string> props, IReadOnlyDictionary<string, string> workerDefaults)
    {
        if (workerDefaults.TryGetValue(N.WorkerTopicCreationEnable, out var enabled) && string.Equals(enabled?.Trim(), "false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var defaultPrefix = N.TopicCreationPrefix + N.TopicCreationDefaultGroup + ".";
        return props.Keys.Any(k => k.StartsWith(defaultPrefix, StringComparison.Ordinal))
            || ConnectorConfigEnricher.Aliases(props, N.TopicCreationGroups).Count > 0;
    }

    /// <summary>The group that creates <paramref name="topic"/> (the first matching one, else default).</summary>
    public TopicCreationGroup GroupFor(string topic)
    {
        for (var i = 0; i < Groups.Count - 1; i++)
        {
            if (Groups[i].Matches(topic))
            {
                return Groups[i];
            }
        }

        return Default;
    }

    internal static TopicCreationConfig Parse(AbstractConfig config)
    {
        var defaults = ParseGroup(config, N.TopicCreationDefaultGroup, null);
        var groups = new List<TopicCreationGroup>();
        foreach (var name in config.GetList(N.TopicCreationGroups).Distinct(StringComparer.Ordinal))
        {
            if (name != N.TopicCreationDefaultGroup)
            {
                groups.Add(ParseGroup(config, name, defaults));
            }
        }

        groups.Add(defaults);
        return new TopicCreationConfig(groups);
    }

    private static TopicCreationGroup ParseGroup(AbstractConfig config, string name, TopicCreationGroup? defaults)
    {
        var prefix = N.TopicCreationPrefix + name + ".";
        var topicConfigs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in config.OriginalsWithPrefix(prefix))
        {
            if (!GroupKeys.Contains(key))
            {
                topicConfigs[key] = value;
            }
        }

        if (defaults is not null)
        {
            foreach (var (key, value) in defaults.TopicConfigs)
            {
                topicConfigs.TryAdd(key, value);
            }
        }

        var rf = config.Get(prefix + "replication.factor") is int r ? (short)r : defaults!.ReplicationFactor;
        var partitions = config.Get(prefix + "partitions") is int p ? p : defaults!.Partitions;
        return new TopicCreationGroup(
            name,
            [.. config.GetList(prefix + "include").Select(TopicCreationGroup.WholeName)],
            [.. config.GetList(prefix + "exclude").Select(TopicCreationGroup.WholeName)],
            partitions,
            rf,
            topicConfigs);
    }
}
