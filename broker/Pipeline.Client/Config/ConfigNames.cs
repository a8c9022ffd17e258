namespace Pipeline.Client.Config;

/// <summary>Kafka's client config names (CommonClientConfigs, ProducerConfig, ConsumerConfig, AdminClientConfig).</summary>
public static class ConfigNames
{
    public const string BootstrapServers = "bootstrap.servers";
    public const string ClientId = "client.id";
    public const string RequestTimeoutMs = "request.timeout.ms";
    public const string MetadataMaxAgeMs = "metadata.max.age.ms";
    public const string RetryBackoffMs = "retry.backoff.ms";
    public const string RetryBackoffMaxMs = "retry.backoff.max.ms";
    public const string ReconnectBackoffMs = "reconnect.backoff.ms";
    public const string ReconnectBackoffMaxMs = "reconnect.backoff.max.ms";
    public const string SocketConnectionSetupTimeoutMs = "socket.connection.setup.timeout.ms";
    public const string SendBufferBytes = "send.buffer.bytes";
    public const string ReceiveBufferBytes = "receive.buffer.bytes";

    public const string Acks = "acks";
    public const string LingerMs = "linger.ms";
    public const string BatchSize = "batch.size";
    public const string BufferMemory = "buffer.memory";
    public const string CompressionType = "compression.type";
    public const string CompressionGzipLevel = "compression.gzip.level";
    public const string CompressionLz4Level = "compression.lz4.level";
    public const string CompressionZstdLevel = "compression.zstd.level";
    public const string EnableIdempotence = "enable.idempotence";
    public const string Retries = "retries";
    public const string DeliveryTimeoutMs = "delivery.timeout.ms";
    public const string MaxInFlightRequestsPerConnection = "max.in.flight.requests.per.connection";
    public const string MaxRequestSize = "max.request.size";
    public const string MaxBlockMs = "max.block.ms";
    public const string MetadataMaxIdleMs = "metadata.max.idle.ms";
    public const string PartitionerIgnoreKeys = "partitioner.ignore.keys";
    public const string TransactionalId = "transactional.id";

    public const string DefaultApiTimeoutMs = "default.api.timeout.ms";

    public const string GroupId = "group.id";
    public const string GroupInstanceId = "group.instance.id";
    public const string AutoOffsetReset = "auto.offset.reset";
    public const string EnableAutoCommit = "enable.auto.commit";
    public const string AutoCommitIntervalMs = "auto.commit.interval.ms";
    public const string SessionTimeoutMs = "session.timeout.ms";
    public const string HeartbeatIntervalMs = "heartbeat.interval.ms";
    public const string MaxPollIntervalMs = "max.poll.interval.ms";
    public const string RebalanceTimeoutMs = "rebalance.timeout.ms";
    public const string MaxPollRecords = "max.poll.records";
    public const string FetchMinBytes = "fetch.min.bytes";
    public const string FetchMaxBytes = "fetch.max.bytes";
    public const string FetchMaxWaitMs = "fetch.max.wait.ms";
    public const string MaxPartitionFetchBytes = "max.partition.fetch.bytes";
    public const string IsolationLevel = "isolation.level";
    public const string PartitionAssignmentStrategy = "partition.assignment.strategy";
    public const string ClientRack = "client.rack";
    public const string CheckCrcs = "check.crcs";
    public const string AllowAutoCreateTopics = "allow.auto.create.topics";
    public const string ExcludeInternalTopics = "exclude.internal.topics";

    /// <summary>librdkafka's (and Confluent.Kafka's) switch for storing each consumed offset automatically.</summary>
    public const string EnableAutoOffsetStore = "enable.auto.offset.store";

    /// <summary>librdkafka's: a consume result marks reaching the end of a partition.</summary>
    public const string EnablePartitionEof = "enable.partition.eof";
}
