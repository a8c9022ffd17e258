using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Runtime.Plugins;
using N = Pipeline.Connect.Runtime.Config.ConnectorConfigNames;

namespace Pipeline.Connect.Runtime.Config;

/// <summary>
/// The framework's connector settings, as Kafka's ConnectorConfig (common), SinkConnectorConfig and
/// SourceConnectorConfig define them, and the "enriched" definition (Kafka's
/// EnrichedConnectorConfig) that adds, for the given properties, each transform's and
/// predicate's type, predicate and negate keys and own settings under their prefix, and the
/// source connector's topic.creation groups.
/// </summary>
public static class ConnectorConfigDefs
{
    /// <summary>The settings every connector has.</summary>
    public static ConfigDef Common(PluginRegistry plugins)
    {
        var def = new ConfigDef();
        var order = 0;
        def.Define(N.Name, ConfigType.String, ConfigDef.NoDefault, NameValidator, Importance.High,
            "A name for the connector, unique in the Connect cluster.", N.CommonGroup, ++order, ConfigWidth.Medium, "Connector name");
        def.Define(N.ConnectorClass, ConfigType.String, ConfigDef.NoDefault, new PluginClassValidator(plugins, null, connector: true), Importance.High,
            "The connector's class: its full .NET type name, the Kafka class name it answers to, or its short name with or without the 'Connector' suffix (for example FileStreamSink).",
            N.CommonGroup, ++order, ConfigWidth.Long, "Connector class");
        def.Define(N.TasksMax, ConfigType.Int, 1, ConfigValidators.AtLeast(1), Importance.High,
            "The most tasks the connector may run; it may run fewer when it cannot split its work that far.", N.CommonGroup, ++order, ConfigWidth.Short, "Tasks max");
        def.Define(N.TasksMaxEnforce, ConfigType.Boolean, true, null, Importance.Low,
            "Whether a connector that returns more task configs than tasks.max fails (true) or has them all run (false; deprecated behaviour).", N.CommonGroup, ++order, ConfigWidth.Short, "Enforce tasks max");
        def.Define(N.KeyConverter, ConfigType.Class, null, new PluginClassValidator(plugins, PluginKind.Converter, connector: false), Importance.Low,
            "The converter between record keys and the bytes in Kafka for this connector; the worker's key.converter when not set.", N.CommonGroup, ++order, ConfigWidth.Short, "Key converter class");
        def.Define(N.ValueConverter, ConfigType.Class, null, new PluginClassValidator(plugins, PluginKind.Converter, connector: false), Importance.Low,
            "The converter between record values and the bytes in Kafka for this connector; the worker's value.converter when not set.", N.CommonGroup, ++order, ConfigWidth.Short, "Value converter class");
        def.Define(N.HeaderConverter, ConfigType.Class, null, new PluginClassValidator(plugins, PluginKind.HeaderConverter, connector: false), Importance.Low,
            "The converter between header values and the bytes in Kafka for this connector; the worker's header.converter when not set.", N.CommonGroup, ++order, ConfigWidth.Short, "Header converter class");
        def.Define(N.ConfigActionReload, ConfigType.String, "restart", ConfigValidators.In("none", "restart"), Importance.Low,
            "What to do when a config provider reports that a setting changed: 'restart' restarts the connector, 'none' does nothing.", N.CommonGroup, ++order, ConfigWidth.Medium, "Reload Action");
        def.Define(N.Transforms, ConfigType.List, "", AliasValidator("transformation"), Importance.Low,
            "Aliases of the transformations applied to records, in order.", N.TransformsGroup, 1, ConfigWidth.Long, "Transforms");
        def.Define(N.Predicates, ConfigType.List, "", AliasValidator("predicate"), Importance.Low,
            "Aliases of the predicates transformations can be conditioned on.", N.PredicatesGroup, 1, ConfigWidth.Long, "Predicates");
        order = 0;
        def.Define(N.ErrorsRetryTimeout, ConfigType.Long, 0L, null, Importance.Medium,
            "How long in milliseconds a failed operation is retried; 0 means no retries, -1 retries forever.", N.ErrorGroup, ++order, ConfigWidth.Medium, "Retry Timeout for Errors");
        def.Define(N.ErrorsRetryDelayMax, ConfigType.Long, 60000L, null, Importance.Medium,
            "The longest wait in milliseconds between two retries; the wait starts short and doubles.", N.ErrorGroup, ++order, ConfigWidth.Medium, "Maximum Delay Between Retries for Errors");
        def.Define(N.ErrorsTolerance, ConfigType.String, "none", ConfigValidators.In("none", "all"), Importance.Medium,
            "What to do with a record that fails: 'none' fails the task, 'all' skips the record and carries on.", N.ErrorGroup, ++order, ConfigWidth.Short, "Error Tolerance");
        def.Define(N.ErrorsLogEnable, ConfigType.Boolean, false, null, Importance.Medium,
            "Whether every failed operation and record is logged at ERROR; with 'none' tolerance the failing one is logged anyway.", N.ErrorGroup, ++order, ConfigWidth.Short, "Log Errors");
        def.Define(N.ErrorsLogIncludeMessages, ConfigType.Boolean, false, null, Importance.Medium,
            "Whether the error log includes the failed record's topic, partition, offset and timestamp (sinks) or the record (sources).", N.ErrorGroup, ++order, ConfigWidth.Short, "Log Error Details");
        return def;
    }

    /// <summary>The common settings plus a sink connector's.</summary>
    public static ConfigDef Sink(PluginRegistry plugins)
    {
        var def = Common(plugins);
        def.Define(N.Topics, ConfigType.List, "", null, Importance.High,
            "The topics to consume, comma-separated; set either this or topics.regex.", N.CommonGroup, 4, ConfigWidth.Long, "Topics");
        def.Define(N.TopicsRegex, ConfigType.String, "", RegexValidator, Importance.High,
            "A regular expression of the topics to consume (matched against whole names); set either this or topics.", N.CommonGroup, 4, ConfigWidth.Long, "Topics regex");
        def.Define(N.DlqTopicName, ConfigType.String, "", null, Importance.Medium,
            "The topic that receives, unchanged, the records that failed in this sink; empty disables the dead letter queue.", N.ErrorGroup, 6, ConfigWidth.Medium, "Dead Letter Queue Topic Name");
        def.Define(N.DlqTopicReplicationFactor, ConfigType.Short, (short)3, ConfigValidators.Of(ValidateReplicationFactor, "-1 or at least 1"), Importance.Medium,
            "The replication factor of the dead letter queue topic when it is created (never more than the brokers there are; -1 takes the broker's default).", N.ErrorGroup, 7, ConfigWidth.Medium, "Dead Letter Queue Topic Replication Factor");
        def.Define(N.DlqContextHeadersEnable, ConfigType.Boolean, false, null, Importance.Medium,
            "Whether dead letter queue records carry __connect.errors.* headers saying where and why they failed.", N.ErrorGroup, 8, ConfigWidth.Medium, "Enable Error Context Headers");
        return def;
    }

    /// <summary>The common settings plus a source connector's.</summary>
    public static ConfigDef Source(PluginRegistry plugins)
    {
        var def = Common(plugins);
        def.Define(N.TopicCreationGroups, ConfigType.List, "", AliasValidator("topic creation group"), Importance.Low,
            "Groups of topic.creation settings besides the implicit 'default' group, each selecting topics with include/exclude regexes.", N.TopicCreationGroup, 1, ConfigWidth.Long, "Topic Creation Groups");
        def.Define(N.ExactlyOnceSupport, ConfigType.String, "requested", ConfigValidators.CaseInsensitiveIn("requested", "required"), Importance.Medium,
            "Whether the connector must support exactly-once delivery ('required') or only may ('requested').", N.ExactlyOnceGroup, 1, ConfigWidth.Short, "Exactly once support");
        def.Define(N.TransactionBoundary, ConfigType.String, "poll", ConfigValidators.CaseInsensitiveIn("poll", "interval", "connector"), Importance.Medium,
            "Where transactions begin and end when exactly-once source support is enabled.", N.ExactlyOnceGroup, 2, ConfigWidth.Short, "Transaction Boundary");
        def.Define(N.TransactionBoundaryInterval, ConfigType.Long, null, null, Importance.Low,
            "With transaction.boundary=interval, how often transactions are committed (default: the worker's offset.flush.interval.ms).", N.ExactlyOnceGroup, 3, ConfigWidth.Short, "Transaction boundary interval");
        def.Define(N.OffsetsStorageTopic, ConfigType.String, null, null, Importance.Low,
            "A topic of this connector's own for its source offsets (default: the worker's offset.storage.topic).", N.ExactlyOnceGroup, 4, ConfigWidth.Long, "Offsets topic");
        return def;
    }

    internal static void ValidateReplicationFactor(string name, object? value)
    {
        var n = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
        if (n != -1 && n < 1)
        {
            throw new ConfigException(name, value, "Replication factor must be positive, or -1 to use the broker's default");
        }
    }

    internal static void ValidatePartitions(string name, object? value)
    {
        var n = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
        if (n != -1 && n < 1)
        {
            throw new ConfigException(name, value, "Number of partitions must be positive, or -1 to use the broker's default");
        }
    }

    private static IConfigValidator NameValidator { get; } = ConfigValidators.Of(
        (name, value) =>
        {
            if (value is not string s || s.Trim().Length == 0)
            {
                throw new ConfigException(name, value, "Connector name must not be empty");
            }

            if (s.Any(char.IsControl))
            {
                throw new ConfigException(name, value, "Connector name must not contain ISO control characters");
            }
        },
        "non-empty string without ISO control characters");

    private static IConfigValidator RegexValidator { get; } = ConfigValidators.Of(
        (name, value) =>
        {
            if (value is string s && s.Length > 0)
            {
                try
                {
                    _ = new System.Text.RegularExpressions.Regex(s);
                }
                catch (ArgumentException e)
                {
                    throw new ConfigException(name, value, "Invalid regular expression: " + e.Message);
                }
            }
        },
        "valid regex");

    private static IConfigValidator AliasValidator(string what) => ConfigValidators.Of(
        (name, value) =>
        {
            var aliases = value as IEnumerable<string> ?? [];
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var alias in aliases)
            {
                if (alias.Length == 0)
                {
                    throw new ConfigException(name, value, $"Empty {what} alias");
                }

                if (!seen.Add(alias))
                {
                    throw new ConfigException(name, value, $"Duplicate alias provided.");
                }
            }
        },
        "unique aliases");
}
