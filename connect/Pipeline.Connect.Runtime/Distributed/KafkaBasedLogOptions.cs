namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>
/// Where a <see cref="KafkaBasedLog"/> lives and how its clients connect: the topic, the partitions
/// and replication factor it is created with (-1: the broker's default; replication is clamped to
/// the number of live brokers), and the client settings (each map holds bootstrap.servers plus the
/// worker's producer./consumer./admin. overrides).
/// </summary>
public sealed record KafkaBasedLogOptions
{
    public required string Topic { get; init; }

    public int Partitions { get; init; } = 1;

    public short ReplicationFactor { get; init; } = 3;

    public required IReadOnlyDictionary<string, string> ProducerConfig { get; init; }

    public required IReadOnlyDictionary<string, string> ConsumerConfig { get; init; }

    public required IReadOnlyDictionary<string, string> AdminConfig { get; init; }

    /// <summary>Prefix of the client ids (e.g. <c>connect-cluster-configs</c>).</summary>
    public string ClientId { get; init; } = "connect";

    /// <summary>How long start-up (topic creation, the first read to the end) may take.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Extra topic configs (cleanup.policy=compact is always set).</summary>
    public IReadOnlyDictionary<string, string>? TopicConfigs { get; init; }

    /// <summary>Builds the options from one bootstrap list and no overrides (tests, tools).</summary>
    public static KafkaBasedLogOptions ForBootstrap(string bootstrapServers, string topic, int partitions, short replicationFactor, string clientId = "connect")
    {
        var common = new Dictionary<string, string>(StringComparer.Ordinal) { ["bootstrap.servers"] = bootstrapServers };
        return new KafkaBasedLogOptions
        {
            Topic = topic,
            Partitions = partitions,
            ReplicationFactor = replicationFactor,
            ProducerConfig = common,
            ConsumerConfig = common,
            AdminConfig = common,
            ClientId = clientId,
        };
    }
}
