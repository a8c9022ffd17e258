using Pipeline.Connect.Api.Config;
using Pipeline.Protocol.Config;

namespace Pipeline.Connect.Runtime.Worker;

/// <summary>
/// A Connect worker's settings (Kafka's WorkerConfig plus the standalone and distributed keys),
/// each declared once in <see cref="Settings"/> with Kafka's name and default. Construction throws
/// <see cref="ConfigException"/> naming the first bad setting. Keys prefixed <c>producer.</c>,
/// <c>consumer.</c> and <c>admin.</c> configure the worker's clients (<see cref="ProducerConfigs"/> ...);
/// every other unknown key is kept in <see cref="AbstractConfig.Originals"/> (converters read theirs
/// by prefix).
/// </summary>
public sealed class WorkerConfig : AbstractConfig
{
    public const string BootstrapServersConfig = "bootstrap.servers";
    public const string KeyConverterConfig = "key.converter";
    public const string ValueConverterConfig = "value.converter";
    public const string HeaderConverterConfig = "header.converter";
    public const string OffsetFlushIntervalMsConfig = "offset.flush.interval.ms";
    public const string OffsetFlushTimeoutMsConfig = "offset.flush.timeout.ms";
    public const string TaskShutdownGracefulTimeoutMsConfig = "task.shutdown.graceful.timeout.ms";
    public const string PluginPathConfig = "plugin.path";
    public const string ListenersConfig = "listeners";
    public const string RestAdvertisedHostNameConfig = "rest.advertised.host.name";
    public const string RestAdvertisedPortConfig = "rest.advertised.port";
    public const string RestAdvertisedListenerConfig = "rest.advertised.listener";
    public const string TopicCreationEnableConfig = "topic.creation.enable";
    public const string TopicTrackingEnableConfig = "topic.tracking.enable";
    public const string TopicTrackingAllowResetConfig = "topic.tracking.allow.reset";
    public const string ClientIdConfig = "client.id";
    public const string OffsetStorageFileFilenameConfig = "offset.storage.file.filename";
    public const string GroupIdConfig = "group.id";
    public const string ConfigStorageTopicConfig = "config.storage.topic";
    public const string ConfigStorageReplicationFactorConfig = "config.storage.replication.factor";
    public const string OffsetStorageTopicConfig = "offset.storage.topic";
    public const string OffsetStoragePartitionsConfig = "offset.storage.partitions";
    public const string OffsetStorageReplicationFactorConfig = "offset.storage.replication.factor";
    public const string StatusStorageTopicConfig = "status.storage.topic";
    public const string StatusStoragePartitionsConfig = "status.storage.partitions";
    public const string StatusStorageReplicationFactorConfig = "status.storage.replication.factor";
    public const string ScheduledRebalanceMaxDelayMsConfig = "scheduled.rebalance.max.delay.ms";
    public const string SessionTimeoutMsConfig = "session.timeout.ms";
    public const string HeartbeatIntervalMsConfig = "heartbeat.interval.ms";
    public const string RebalanceTimeoutMsConfig = "rebalance.timeout.ms";
    public const string WorkerSyncTimeoutMsConfig = "worker.sync.timeout.ms";
    public const string WorkerUnsyncBackoffMsConfig = "worker.unsync.backoff.ms";
    public const string ConnectProtocolConfig = "connect.protocol";

    /// <summary>The SimpleHeaderConverter, Kafka's default header converter.</summary>
    public const string DefaultHeaderConverter = "org.apache.kafka.connect.storage.SimpleHeaderConverter";

    /// <summary>Every worker setting.</summary>
    public static ConfigDef Settings { get; } = Define();

    /// <summary>Parses <paramref name="properties"/>; throws <see cref="ConfigException"/> for a bad or missing setting.</summary>
    public WorkerConfig(IReadOnlyDictionary<string, string> properties)
        : base(Settings, properties)
    {
    }

    /// <summary>Reads a worker .properties file and applies <c>key=value</c> overrides.</summary>
    public static WorkerConfig Load(string path, IEnumerable<string>? overrides = null)
    {
        var properties = PropertiesFile.Load(path);
        PropertiesFile.ApplyOverrides(properties, overrides);
        return new WorkerConfig(properties);
    }

    public string BootstrapServers => string.Join(",", GetList(BootstrapServersConfig));

    public string KeyConverter => GetClass(KeyConverterConfig)!;

    public string ValueConverter => GetClass(ValueConverterConfig)!;

    public string HeaderConverter => GetClass(HeaderConverterConfig)!;

    public TimeSpan OffsetFlushInterval => TimeSpan.FromMilliseconds(GetLong(OffsetFlushIntervalMsConfig));

    public TimeSpan OffsetFlushTimeout => TimeSpan.FromMilliseconds(GetLong(OffsetFlushTimeoutMsConfig));

    public TimeSpan TaskShutdownGracefulTimeout => TimeSpan.FromMilliseconds(GetLong(TaskShutdownGracefulTimeoutMsConfig));

    public IReadOnlyList<string> PluginPath => GetList(PluginPathConfig);

    public IReadOnlyList<string> Listeners => GetList(ListenersConfig);

    public string? RestAdvertisedHostName => GetString(RestAdvertisedHostNameConfig);

    public int? RestAdvertisedPort => Get(RestAdvertisedPortConfig) as int?;

    public bool TopicCreationEnable => GetBoolean(TopicCreationEnableConfig);

    public bool TopicTrackingEnable => GetBoolean(TopicTrackingEnableConfig);

    public bool TopicTrackingAllowReset => GetBoolean(TopicTrackingAllowResetConfig);

    /// <summary>Standalone: the file holding source offsets (null when not set).</summary>
    public string? OffsetStorageFileFilename => GetString(OffsetStorageFileFilenameConfig);

    /// <summary>Distributed: the Connect cluster's group (null when not set).</summary>
    public string? GroupId => GetString(GroupIdConfig);

    public string? ConfigStorageTopic => GetString(ConfigStorageTopicConfig);

    public short ConfigStorageReplicationFactor => GetShort(ConfigStorageReplicationFactorConfig);

    public string? OffsetStorageTopic => GetString(OffsetStorageTopicConfig);

    public int OffsetStoragePartitions => GetInt(OffsetStoragePartitionsConfig);

    public short OffsetStorageReplicationFactor => GetShort(OffsetStorageReplicationFactorConfig);

    public string? StatusStorageTopic => GetString(StatusStorageTopicConfig);

    public int StatusStoragePartitions => GetInt(StatusStoragePartitionsConfig);

    public short StatusStorageReplicationFactor => GetShort(StatusStorageReplicationFactorConfig);

    public TimeSpan ScheduledRebalanceMaxDelay => TimeSpan.FromMilliseconds(GetInt(ScheduledRebalanceMaxDelayMsConfig));

    public TimeSpan SessionTimeout => TimeSpan.FromMilliseconds(GetInt(SessionTimeoutMsConfig));

    public TimeSpan HeartbeatInterval => TimeSpan.FromMilliseconds(GetInt(HeartbeatIntervalMsConfig));

    public TimeSpan RebalanceTimeout => TimeSpan.FromMilliseconds(GetInt(RebalanceTimeoutMsConfig));

    public TimeSpan WorkerSyncTimeout => TimeSpan.FromMilliseconds(GetInt(WorkerSyncTimeoutMsConfig));

    public TimeSpan WorkerUnsyncBackoff => TimeSpan.FromMilliseconds(GetInt(WorkerUnsyncBackoffMsConfig));

    public string ConnectProtocol => GetString(ConnectProtocolConfig)!;

    /// <summary>client.id given by the user, or null.</summary>
    public string? ClientId => GetString(ClientIdConfig);

    /// <summary>
    /// The host:port other workers and REST answers name this worker by: rest.advertised.host.name
    /// and port when set, else the first listener's host (the machine name when empty) and port.
    /// </summary>
    public string AdvertisedWorkerId()
    {
        var (host, port) = FirstListener();
        return $"{RestAdvertisedHostName ?? host}:{RestAdvertisedPort ?? port}";
    }

    /// <summary>The advertised REST URL (scheme from the first listener).</summary>
    public string AdvertisedUrl()
    {
        var first = Listeners.Count > 0 ? Listeners[0] : "http://:8083";
        var scheme = first.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? "https" : "http";
        return $"{scheme}://{AdvertisedWorkerId()}";
    }

    /// <summary>The worker producer's settings: bootstrap.servers plus every <c>producer.</c> key (prefix removed).</summary>
    public Dictionary<string, string> ProducerConfigs() => ClientConfigs("producer.");

    /// <summary>The worker consumer's settings: bootstrap.servers plus every <c>consumer.</c> key.</summary>
    public Dictionary<string, string> ConsumerConfigs() => ClientConfigs("consumer.");

    /// <summary>The worker admin client's settings: bootstrap.servers plus every <c>admin.</c> key.</summary>
    public Dictionary<string, string> AdminConfigs() => ClientConfigs("admin.");

    /// <summary>Throws <see cref="ConfigException"/> unless the distributed-only required keys are set.</summary>
    public void EnsureDistributed()
    {
        foreach (var key in new[] { GroupIdConfig, ConfigStorageTopicConfig, OffsetStorageTopicConfig, StatusStorageTopicConfig })
        {
            if (string.IsNullOrWhiteSpace(GetString(key)))
            {
                throw new ConfigException(key, null, $"Missing required configuration \"{key}\" which has no default value.");
            }
        }
    }

    /// <summary>Throws <see cref="ConfigException"/> unless offset.storage.file.filename is set (standalone).</summary>
    public void EnsureStandalone()
    {
        if (string.IsNullOrWhiteSpace(OffsetStorageFileFilename))
        {
            throw new ConfigException(OffsetStorageFileFilenameConfig, null, $"Missing required configuration \"{OffsetStorageFileFilenameConfig}\" which has no default value.");
        }
    }

    private Dictionary<string, string> ClientConfigs(string prefix)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [BootstrapServersConfig] = BootstrapServers,
        };
        foreach (var (k, v) in OriginalsWithPrefix(prefix))
        {
            result[k] = v;
        }

        return result;
    }

    private (string Host, int Port) FirstListener()
    {
        var first = Listeners.Count > 0 ? Listeners[0] : "http://:8083";
        var rest = first[(first.IndexOf("://", StringComparison.Ordinal) is var i and >= 0 ? i + 3 : 0)..].TrimEnd('/');
        var colon = rest.LastIndexOf(':');
        var host = colon >= 0 ? rest[..colon] : rest;
        var port = colon >= 0 && int.TryParse(rest[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : 8083;
        if (host.Length == 0 || host == "0.0.0.0")
        {
            host = Environment.MachineName;
        }

        return (host, port);
    }

    private static ConfigDef Define()
    {
        const string common = "Common";
        const string distributed = "Distributed";
        var def = new ConfigDef()
            .Define(BootstrapServersConfig, ConfigType.List, "localhost:9092", null, Importance.High, "Brokers to bootstrap from (host:port list).", common)
            .Define(KeyConverterConfig, ConfigType.Class, ConfigDef.NoDefault, null, Importance.High, "Converter of record keys between Connect data and bytes; connectors may override it.", common)
            .Define(ValueConverterConfig, ConfigType.Class, ConfigDef.NoDefault, null, Importance.High, "Converter of record values between Connect data and bytes; connectors may override it.", common)
            .Define(HeaderConverterConfig, ConfigType.Class, DefaultHeaderConverter, null, Importance.Low, "Converter of header values.", common)
            .Define(OffsetFlushIntervalMsConfig, ConfigType.Long, 60000L, ConfigValidators.AtLeast(0), Importance.Low, "How often tasks commit offsets.", common)
            .Define(OffsetFlushTimeoutMsConfig, ConfigType.Long, 5000L, ConfigValidators.AtLeast(0), Importance.Low, "How long an offset commit may wait for records to be acknowledged before it is cancelled.", common)
            .Define(TaskShutdownGracefulTimeoutMsConfig, ConfigType.Long, 5000L, ConfigValidators.AtLeast(0), Importance.Low, "How long to wait for tasks to stop before giving up on them.", common)
            .Define(PluginPathConfig, ConfigType.List, null, null, Importance.Low, "Directories (or DLLs) holding plugins, each subdirectory one plugin.", common)
            .Define(ListenersConfig, ConfigType.List, "http://:8083", null, Importance.Low, "REST listeners, e.g. http://:8083.", common)
            .Define(RestAdvertisedHostNameConfig, ConfigType.String, null, null, Importance.Low, "Host name other workers reach this one by.", common)
            .Define(RestAdvertisedPortConfig, ConfigType.Int, null, null, Importance.Low, "Port other workers reach this one by.", common)
            .Define(RestAdvertisedListenerConfig, ConfigType.String, null, null, Importance.Low, "Which listener (http or https) to advertise.", common)
            .Define(TopicCreationEnableConfig, ConfigType.Boolean, true, null, Importance.Low, "Whether source connectors may create their topics (topic.creation.*).", common)
            .Define(TopicTrackingEnableConfig, ConfigType.Boolean, true, null, Importance.Low, "Track the topics each connector uses.", common)
            .Define(TopicTrackingAllowResetConfig, ConfigType.Boolean, true, null, Importance.Low, "Allow resetting a connector's active topics.", common)
            .Define(ClientIdConfig, ConfigType.String, null, null, Importance.Low, "Prefix of the worker's client ids.", common)
            .Define("config.providers", ConfigType.List, "", null, Importance.Low, "Config providers (not supported yet; accepted and ignored).", common)
            .Define("connector.client.config.override.policy", ConfigType.String, "All", ConfigValidators.In("All", "None", "Principal"), Importance.Medium, "Which client overrides connectors may set.", common)
            .Define(OffsetStorageFileFilenameConfig, ConfigType.String, null, null, Importance.High, "Standalone: the file source offsets are stored in.", "Standalone")
            .Define(GroupIdConfig, ConfigType.String, null, null, Importance.High, "Distributed: the Connect cluster's group id.", distributed)
            .Define(ConfigStorageTopicConfig, ConfigType.String, null, null, Importance.High, "Distributed: the topic connector configs are stored in.", distributed)
            .Define(ConfigStorageReplicationFactorConfig, ConfigType.Short, (short)3, null, Importance.Low, "Replication factor of the config topic (-1: broker default).", distributed)
            .Define(OffsetStorageTopicConfig, ConfigType.String, null, null, Importance.High, "Distributed: the topic source offsets are stored in.", distributed)
            .Define(OffsetStoragePartitionsConfig, ConfigType.Int, 25, null, Importance.Low, "Partitions of the offset topic (-1: broker default).", distributed)
            .Define(OffsetStorageReplicationFactorConfig, ConfigType.Short, (short)3, null, Importance.Low, "Replication factor of the offset topic (-1: broker default).", distributed)
            .Define(StatusStorageTopicConfig, ConfigType.String, null, null, Importance.High, "Distributed: the topic statuses are stored in.", distributed)
            .Define(StatusStoragePartitionsConfig, ConfigType.Int, 5, null, Importance.Low, "Partitions of the status topic (-1: broker default).", distributed)
            .Define(StatusStorageReplicationFactorConfig, ConfigType.Short, (short)3, null, Importance.Low, "Replication factor of the status topic (-1: broker default).", distributed)
            .Define(ScheduledRebalanceMaxDelayMsConfig, ConfigType.Int, 300000, ConfigValidators.Between(0, int.MaxValue), Importance.Low, "How long a departed worker's work stays unassigned.", distributed)
            .Define(SessionTimeoutMsConfig, ConfigType.Int, 10000, null, Importance.High, "Group session timeout.", distributed)
            .Define(HeartbeatIntervalMsConfig, ConfigType.Int, 3000, null, Importance.High, "Group heartbeat interval.", distributed)
            .Define(RebalanceTimeoutMsConfig, ConfigType.Int, 60000, null, Importance.High, "How long a rebalance may take.", distributed)
            .Define(WorkerSyncTimeoutMsConfig, ConfigType.Int, 3000, null, Importance.Medium, "How long to catch up with the config topic before leaving the group.", distributed)
            .Define(WorkerUnsyncBackoffMsConfig, ConfigType.Int, 300000, null, Importance.Medium, "How long to wait before rejoining after failing to catch up.", distributed)
            .Define(ConnectProtocolConfig, ConfigType.String, "sessioned", ConfigValidators.In("eager", "compatible", "sessioned"), Importance.Low, "The group sub-protocol offered.", distributed);
        return def;
    }
}
