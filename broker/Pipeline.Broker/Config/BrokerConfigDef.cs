using Pipeline.Storage.Config;

namespace Pipeline.Broker.Config;

/// <summary>
/// The broker-level settings Pipeline understands, with Kafka's names and defaults. Topic-level
/// defaults (<c>log.*</c>, <c>message.max.bytes</c>, ...) are declared by the storage layer's
/// LogConfig definition and read from the same properties.
/// </summary>
public static class BrokerConfigDef
{
    public const string MaxLong = "9223372036854775807";

    public static readonly IReadOnlyList<BrokerConfigKey> Keys =
    [
        new("node.id", ConfigType.Int, "1", "The node id of this server; unique in the cluster."),
        new("broker.id", ConfigType.Int, null, "Synonym of node.id kept for ZooKeeper-era configs."),
        new("process.roles", ConfigType.List, "broker,controller", "The roles this process plays: broker, controller or both."),
        new("listeners", ConfigType.List, "PLAINTEXT://:9092,CONTROLLER://:9093", "Comma-separated NAME://host:port listeners to bind; an empty host binds all interfaces, port 0 picks a free port."),
        new("advertised.listeners", ConfigType.List, null, "Listeners published to clients in Metadata; defaults to listeners, with a bound address for empty or wildcard hosts."),
        new("listener.security.protocol.map", ConfigType.String, "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL", "Maps listener names to security protocols."),
        new("controller.listener.names", ConfigType.List, "CONTROLLER", "Listener names used by the controller quorum."),
        new("inter.broker.listener.name", ConfigType.String, null, "Listener used between brokers."),
        new("controller.quorum.voters", ConfigType.List, "", "The controller quorum: id@host:port,..."),
        new("broker.rack", ConfigType.String, null, "Rack of this broker, reported in Metadata."),
        new("log.dirs", ConfigType.List, null, "Directories holding the log data; defaults to log.dir."),
        new("log.dir", ConfigType.String, "./data", "Directory holding the log data when log.dirs is not set."),
        new("num.partitions", ConfigType.Int, "1", "Default number of partitions for auto-created topics and CreateTopics with -1."),
        new("default.replication.factor", ConfigType.Int, "1", "Default replication factor for auto-created topics and CreateTopics with -1."),
        new("auto.create.topics.enable", ConfigType.Boolean, "true", "Create a topic when a client asks Metadata for an unknown one."),
        new("delete.topic.enable", ConfigType.Boolean, "true", "Allow DeleteTopics."),
        new("socket.request.max.bytes", ConfigType.Int, "104857600", "Largest request frame accepted; larger frames close the connection."),
        new("socket.send.buffer.bytes", ConfigType.Int, "102400", "SO_SNDBUF of client connections (-1 = OS default)."),
        new("socket.receive.buffer.bytes", ConfigType.Int, "102400", "SO_RCVBUF of client connections (-1 = OS default)."),
        new("connections.max.idle.ms", ConfigType.Long, "600000", "Idle connections are closed after this long."),
        new("queued.max.requests", ConfigType.Int, "500", "Requests in flight per connection before reading pauses."),
        new("num.network.threads", ConfigType.Int, "3", "Accepted for compatibility; Pipeline uses the thread pool."),
        new("num.io.threads", ConfigType.Int, "8", "Accepted for compatibility; Pipeline uses the thread pool."),
        new("fetch.max.bytes", ConfigType.Int, "57671680", "Largest Fetch response the broker builds for a consumer."),
        new("log.retention.check.interval.ms", ConfigType.Long, "300000", "How often retention is applied."),
        new("log.flush.scheduler.interval.ms", ConfigType.Long, MaxLong, "How often logs are checked against flush.ms."),
        new("log.flush.offset.checkpoint.interval.ms", ConfigType.Int, "60000", "How often recovery points are checkpointed."),
        new("log.flush.start.offset.checkpoint.interval.ms", ConfigType.Int, "60000", "How often log start offsets are checkpointed."),
        new("log.cleaner.enable", ConfigType.Boolean, "true", "Run the log cleaner for compacted topics."),
        new("log.cleaner.backoff.ms", ConfigType.Long, "15000", "Sleep of the cleaner when there is nothing to clean."),
        new("offsets.topic.num.partitions", ConfigType.Int, "50", "Partitions of __consumer_offsets."),
        new("offsets.topic.replication.factor", ConfigType.Short, "3", "Replication factor of __consumer_offsets (capped at the live broker count)."),
        new("offsets.topic.segment.bytes", ConfigType.Int, "104857600", "Segment size of __consumer_offsets."),
        new("offsets.retention.minutes", ConfigType.Int, "10080", "Committed offsets of empty groups expire after this long."),
        new("offsets.retention.check.interval.ms", ConfigType.Long, "600000", "How often expired offsets and empty groups are removed."),
        new("offset.metadata.max.bytes", ConfigType.Int, "4096", "Largest metadata string of a committed offset."),
        new("group.min.session.timeout.ms", ConfigType.Int, "6000", "Smallest session timeout a member may ask for."),
        new("group.max.session.timeout.ms", ConfigType.Int, "1800000", "Largest session timeout a member may ask for."),
        new("group.initial.rebalance.delay.ms", ConfigType.Int, "3000", "Wait for more members before the first rebalance of an empty group."),
        new("group.max.size", ConfigType.Int, "2147483647", "Most members in one group."),
        new("transaction.state.log.num.partitions", ConfigType.Int, "50", "Partitions of __transaction_state."),
        new("transaction.max.timeout.ms", ConfigType.Int, "900000", "Largest transaction timeout a producer may ask for."),
        new("transactional.id.expiration.ms", ConfigType.Int, "604800000", "Transactional ids expire after this long unused."),
        new("producer.id.expiration.ms", ConfigType.Int, "86400000", "Idle producer state expires after this long."),
    ];

    private static readonly Dictionary<string, BrokerConfigKey> ByName = Keys.ToDictionary(k => k.Name, StringComparer.Ordinal);

    public static bool TryGet(string name, out BrokerConfigKey key) => ByName.TryGetValue(name, out key!);
}
