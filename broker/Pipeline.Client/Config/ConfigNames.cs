namespace Pipeline.Client.Config;

/// <summary>Kafka's client config names (CommonClientConfigs, ProducerConfig, AdminClientConfig).</summary>
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
}
