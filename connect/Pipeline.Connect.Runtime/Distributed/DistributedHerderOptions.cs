namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>
/// The settings a distributed herder runs with (Kafka's DistributedConfig keys, defaults as in
/// Kafka). Built from the worker config by the host; tests set them directly.
/// </summary>
public sealed record DistributedHerderOptions
{
    /// <summary>This worker's id (advertised host:port).</summary>
    public required string WorkerId { get; init; }

    /// <summary>This worker's advertised REST URL (other workers forward to it).</summary>
    public required string Url { get; init; }

    public required string BootstrapServers { get; init; }

    /// <summary>group.id</summary>
    public required string GroupId { get; init; }

    public string ConfigTopic { get; init; } = "connect-configs";

    public short ConfigReplicationFactor { get; init; } = 3;

    public string OffsetTopic { get; init; } = "connect-offsets";

    public int OffsetPartitions { get; init; } = 25;

    public short OffsetReplicationFactor { get; init; } = 3;

    public string StatusTopic { get; init; } = "connect-status";

    public int StatusPartitions { get; init; } = 5;

    public short StatusReplicationFactor { get; init; } = 3;

    /// <summary>scheduled.rebalance.max.delay.ms</summary>
    public TimeSpan ScheduledRebalanceMaxDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>session.timeout.ms</summary>
    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>heartbeat.interval.ms</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>rebalance.timeout.ms</summary>
    public TimeSpan RebalanceTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>worker.sync.timeout.ms: how long to catch up with the config topic before giving up on an assignment.</summary>
    public TimeSpan WorkerSyncTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>worker.unsync.backoff.ms</summary>
    public TimeSpan WorkerUnsyncBackoff { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>connect.protocol: the highest protocol offered.</summary>
    public ConnectProtocolCompatibility Protocol { get; init; } = ConnectProtocolCompatibility.Sessioned;

    /// <summary>Extra producer./consumer./admin. settings of the internal clients (bootstrap.servers is added).</summary>
    public IReadOnlyDictionary<string, string> ProducerOverrides { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> ConsumerOverrides { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> AdminOverrides { get; init; } = new Dictionary<string, string>();

    internal KafkaBasedLogOptions LogOptions(string topic, int partitions, short replicationFactor, string role) => new()
    {
        Topic = topic,
        Partitions = partitions,
        ReplicationFactor = replicationFactor,
        ProducerConfig = With(ProducerOverrides),
        ConsumerConfig = With(ConsumerOverrides),
        AdminConfig = With(AdminOverrides),
        ClientId = $"connect-{GroupId}-{role}-{WorkerId}",
    };

    internal Dictionary<string, string> AdminConfig() => With(AdminOverrides);

    private Dictionary<string, string> With(IReadOnlyDictionary<string, string> overrides)
    {
        var config = new Dictionary<string, string>(overrides, StringComparer.Ordinal)
        {
            ["bootstrap.servers"] = BootstrapServers,
        };
        return config;
    }
}
