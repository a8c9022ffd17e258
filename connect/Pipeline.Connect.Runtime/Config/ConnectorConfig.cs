using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Runtime.Plugins;
using N = Pipeline.Connect.Runtime.Config.ConnectorConfigNames;

namespace Pipeline.Connect.Runtime.Config;

/// <summary>
/// A connector's framework settings parsed with the enriched definition (Kafka's
/// ConnectorConfig/SinkConnectorConfig/SourceConnectorConfig plus transforms, predicates and topic
/// creation). The connector's own settings are its business (see <see cref="ConfigValidation"/>).
/// Construction throws <see cref="ConfigException"/> naming the first bad setting.
/// </summary>
public sealed class ConnectorConfig : AbstractConfig
{
    private readonly IReadOnlyDictionary<string, string> _workerDefaults;

    /// <summary>
    /// Parses <paramref name="props"/>; <paramref name="workerDefaults"/> is the worker's config, where
    /// converters and their settings come from when the connector does not set them.
    /// </summary>
    public ConnectorConfig(PluginRegistry plugins, IReadOnlyDictionary<string, string> props, IReadOnlyDictionary<string, string> workerDefaults)
        : base(BuildDefinition(plugins, props, workerDefaults, out var connector), props)
    {
        _workerDefaults = workerDefaults;
        Connector = connector;
        IsSink = connector.Kind == PluginKind.Sink;
        if (IsSink)
        {
            SinkConnectorChecks.EnsureValid(this);
        }

        TopicCreation = !IsSink && TopicCreationConfig.IsUsed(props, workerDefaults) ? TopicCreationConfig.Parse(this) : null;
    }

    /// <summary>The connector plugin <c>connector.class</c> names.</summary>
    public PluginDescriptor Connector { get; }

    /// <summary><c>name</c>.</summary>
    public string Name => GetString(N.Name)!;

    /// <summary><c>connector.class</c> as given.</summary>
    public string ConnectorClass => GetString(N.ConnectorClass)!;

    /// <summary><c>tasks.max</c>.</summary>
    public int TasksMax => GetInt(N.TasksMax);

    /// <summary><c>tasks.max.enforce</c>.</summary>
    public bool TasksMaxEnforce => GetBoolean(N.TasksMaxEnforce);

    /// <summary>Whether the connector is a sink (else a source).</summary>
    public bool IsSink { get; }

    /// <summary>The key converter class: the connector's, else the worker's.</summary>
    public string? KeyConverterClass => GetClass(N.KeyConverter) ?? Worker(N.KeyConverter);

    /// <summary>The value converter class: the connector's, else the worker's.</summary>
    public string? ValueConverterClass => GetClass(N.ValueConverter) ?? Worker(N.ValueConverter);

    /// <summary>The header converter class: the connector's, else the worker's, else Kafka's SimpleHeaderConverter.</summary>
    public string HeaderConverterClass => GetClass(N.HeaderConverter) ?? Worker(N.HeaderConverter) ?? N.DefaultHeaderConverter;

    /// <summary><c>transforms</c>: the aliases in order.</summary>
    public IReadOnlyList<string> Transforms => GetList(N.Transforms);

    /// <summary><c>predicates</c>.</summary>
    public IReadOnlyList<string> Predicates => GetList(N.Predicates);

    /// <summary><c>errors.tolerance=all</c>.</summary>
    public bool ErrorsToleranceAll => GetString(N.ErrorsTolerance) == "all";

    /// <summary><c>errors.retry.timeout</c> (-1 = forever).</summary>
    public long RetryTimeoutMs => GetLong(N.ErrorsRetryTimeout);

    /// <summary><c>errors.retry.delay.max.ms</c>.</summary>
    public long RetryDelayMaxMs => GetLong(N.ErrorsRetryDelayMax);

    /// <summary><c>errors.log.enable</c>.</summary>
    public bool ErrorsLogEnable => GetBoolean(N.ErrorsLogEnable);

    /// <summary><c>errors.log.include.messages</c>.</summary>
    public bool ErrorsLogIncludeMessages => GetBoolean(N.ErrorsLogIncludeMessages);

    /// <summary>Sinks: <c>topics</c> (empty when topics.regex is used).</summary>
    public IReadOnlyList<string> Topics => IsSink ? GetList(N.Topics) : [];

    /// <summary>Sinks: <c>topics.regex</c>, or null.</summary>
    public string? TopicsRegex => IsSink && GetString(N.TopicsRegex) is { Length: > 0 } r ? r : null;

    /// <summary>Sinks: <c>errors.deadletterqueue.topic.name</c>, or null when the dead letter queue is off (always null for sources).</summary>
    public string? DlqTopic => IsSink && GetString(N.DlqTopicName) is { Length: > 0 } t ? t : null;

    /// <summary><c>errors.deadletterqueue.topic.replication.factor</c> (3 by default; -1 = the broker's default).</summary>
    public short DlqReplicationFactor => IsSink ? GetShort(N.DlqTopicReplicationFactor) : (short)3;

    /// <summary><c>errors.deadletterqueue.context.headers.enable</c>.</summary>
    public bool DlqContextHeaders => IsSink && GetBoolean(N.DlqContextHeadersEnable);

    /// <summary>Sources using <c>topic.creation.*</c> (and allowed by the worker): the groups; else null.</summary>
    public TopicCreationConfig? TopicCreation { get; }

    /// <summary>
    /// The settings for a converter, <paramref name="prefix"/> (e.g. "value.converter.") stripped:
    /// the connector's, over the worker's when both use the same converter class (the worker's
    /// settings of a different class would not apply to the connector's).
    /// </summary>
    public IReadOnlyDictionary<string, string> ConverterConfigs(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var classKey = prefix.TrimEnd('.');
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var connectorClass = Originals.TryGetValue(classKey, out var c) ? c?.Trim() : null;
        var workerClass = Worker(classKey);
        if (connectorClass is null || string.Equals(connectorClass, workerClass, StringComparison.Ordinal))
        {
            foreach (var (key, value) in _workerDefaults)
            {
                if (key.StartsWith(prefix, StringComparison.Ordinal))
                {
                    result[key[prefix.Length..]] = value;
                }
            }
        }

        foreach (var (key, value) in OriginalsWithPrefix(prefix))
        {
            result[key] = value;
        }

        return result;
    }

    /// <summary>The settings of transform <paramref name="alias"/> (prefix stripped, with type, predicate and negate).</summary>
    public IReadOnlyDictionary<string, string> TransformConfigs(string alias) => OriginalsWithPrefix($"{N.Transforms}.{alias}.");

    /// <summary>The settings of predicate <paramref name="alias"/> (prefix stripped).</summary>
    public IReadOnlyDictionary<string, string> PredicateConfigs(string alias) => OriginalsWithPrefix($"{N.Predicates}.{alias}.");

    /// <summary>The enriched definition for <paramref name="props"/>; throws <see cref="ConfigException"/> when connector.class is missing or unknown.</summary>
    internal static ConfigDef BuildDefinition(PluginRegistry plugins, IReadOnlyDictionary<string, string> props, IReadOnlyDictionary<string, string> workerDefaults, out PluginDescriptor connector)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        ArgumentNullException.ThrowIfNull(props);
        ArgumentNullException.ThrowIfNull(workerDefaults);
        if (!props.TryGetValue(N.ConnectorClass, out var className) || string.IsNullOrWhiteSpace(className))
        {
            throw new ConfigException(N.ConnectorClass, className, $"Missing required configuration \"{N.ConnectorClass}\" which has no default value.");
        }

        if (!plugins.TryResolveConnector(className, out connector, out var error))
        {
            throw new ConfigException(N.ConnectorClass, className, error);
        }

        var isSink = connector.Kind == PluginKind.Sink;
        var def = isSink ? ConnectorConfigDefs.Sink(plugins) : ConnectorConfigDefs.Source(plugins);
        return ConnectorConfigEnricher.Enrich(def, plugins, props, isSource: !isSink, workerDefaults);
    }

    private string? Worker(string key) => _workerDefaults.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
}
