using Pipeline.Protocol.Compression;
using Pipeline.Protocol.Records;

namespace Pipeline.Client.Config;

/// <summary>
/// Producer settings with Kafka's defaults (ProducerConfig, Kafka 4.0: linger.ms 5 after KIP-1030,
/// idempotence on, acks=all). <see cref="FromConfig"/> reads a Kafka properties map,
/// <see cref="ClientOptions.ToConfig"/> writes one.
/// </summary>
public sealed record ProducerOptions : ClientOptions
{
    public static ProducerOptions Default { get; } = new();

    private static readonly ConfigDef Def = Define();

    public Acks Acks { get; init; } = Acks.All;

    /// <summary>linger.ms: how long a batch waits for more records before it is sent.</summary>
    public TimeSpan Linger { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>batch.size: the bytes of records (before compression) that make a batch full.</summary>
    public int BatchSize { get; init; } = 16384;

    /// <summary>buffer.memory: bytes of unsent batches before appends block (up to <see cref="MaxBlock"/>).</summary>
    public long BufferMemory { get; init; } = 32L * 1024 * 1024;

    public CompressionType CompressionType { get; init; } = CompressionType.None;

    /// <summary>compression.gzip.level (-1 = zlib's default).</summary>
    public int GzipLevel { get; init; } = -1;

    /// <summary>compression.lz4.level.</summary>
    public int Lz4Level { get; init; } = 9;

    /// <summary>compression.zstd.level.</summary>
    public int ZstdLevel { get; init; } = 3;

    /// <summary>enable.idempotence: producer id, epoch and sequence numbers on every batch (exactly-once per partition).</summary>
    public bool EnableIdempotence { get; init; } = true;

    public int Retries { get; init; } = int.MaxValue;

    /// <summary>delivery.timeout.ms: the upper bound from a send to its report, retries included.</summary>
    public TimeSpan DeliveryTimeout { get; init; } = TimeSpan.FromMinutes(2);

    public int MaxInFlightRequestsPerConnection { get; init; } = 5;

    /// <summary>max.request.size: the largest produce request (and record) the producer will send.</summary>
    public int MaxRequestSize { get; init; } = 1024 * 1024;

    /// <summary>max.block.ms: how long a send may wait for metadata or buffer space.</summary>
    public TimeSpan MaxBlock { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>metadata.max.idle.ms: a topic not produced to for this long is dropped from the metadata kept.</summary>
    public TimeSpan MetadataMaxIdle { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>partitioner.ignore.keys: place keyed records like unkeyed ones (sticky).</summary>
    public bool PartitionerIgnoreKeys { get; init; }

    /// <summary>The level passed to the codec for <see cref="CompressionType"/>.</summary>
    internal int CompressionLevel => CompressionType switch
    {
        CompressionType.Gzip => GzipLevel,
        CompressionType.Lz4 => Lz4Level,
        CompressionType.Zstd => ZstdLevel,
        _ => CompressionCodecs.DefaultLevel,
    };

    /// <summary>
    /// Reads Kafka properties. As Kafka's producer, conflicting settings (acks other than all,
    /// retries=0, more than 5 in flight) silently turn idempotence off unless enable.idempotence
    /// was given as true, in which case they are an error.
    /// </summary>
    public static ProducerOptions FromConfig(IEnumerable<KeyValuePair<string, string>> config)
    {
        var c = Def.Parse(config);
        if (c.GetNullableString(ConfigNames.TransactionalId) is not null)
        {
            throw new KafkaConfigException(ConfigNames.TransactionalId, c.GetString(ConfigNames.TransactionalId), "transactions are not supported by this client yet");
        }

        var options = ApplyCommon(Default, c) with
        {
            Acks = ParseAcks(c.GetString(ConfigNames.Acks)),
            Linger = c.GetMilliseconds(ConfigNames.LingerMs),
            BatchSize = c.GetInt(ConfigNames.BatchSize),
            BufferMemory = c.GetLong(ConfigNames.BufferMemory),
            CompressionType = ParseCompression(c.GetString(ConfigNames.CompressionType)),
            GzipLevel = c.GetInt(ConfigNames.CompressionGzipLevel),
            Lz4Level = c.GetInt(ConfigNames.CompressionLz4Level),
            ZstdLevel = c.GetInt(ConfigNames.CompressionZstdLevel),
            EnableIdempotence = c.GetBool(ConfigNames.EnableIdempotence),
            Retries = c.GetInt(ConfigNames.Retries),
            DeliveryTimeout = c.GetMilliseconds(ConfigNames.DeliveryTimeoutMs),
            MaxInFlightRequestsPerConnection = c.GetInt(ConfigNames.MaxInFlightRequestsPerConnection),
            MaxRequestSize = c.GetInt(ConfigNames.MaxRequestSize),
            MaxBlock = c.GetMilliseconds(ConfigNames.MaxBlockMs),
            MetadataMaxIdle = c.GetMilliseconds(ConfigNames.MetadataMaxIdleMs),
            PartitionerIgnoreKeys = c.GetBool(ConfigNames.PartitionerIgnoreKeys),
        };

        if (options.EnableIdempotence && !c.IsExplicit(ConfigNames.EnableIdempotence) && options.IdempotenceConflict() is not null)
        {
            options = options with { EnableIdempotence = false };
        }

        // Kafka raises an unset delivery.timeout.ms to linger + request timeout instead of failing.
        if (!c.IsExplicit(ConfigNames.DeliveryTimeoutMs) && options.DeliveryTimeout < options.Linger + options.RequestTimeout)
        {
            options = options with { DeliveryTimeout = options.Linger + options.RequestTimeout };
        }

        options.Validate();
        return options;
    }

    public override IReadOnlyDictionary<string, string> ToConfig()
    {
        var d = new Dictionary<string, string>(base.ToConfig(), StringComparer.Ordinal)
        {
            [ConfigNames.Acks] = Acks == Acks.All ? "all" : Text((short)Acks),
            [ConfigNames.LingerMs] = Ms(Linger),
            [ConfigNames.BatchSize] = Text(BatchSize),
            [ConfigNames.BufferMemory] = Text(BufferMemory),
            [ConfigNames.CompressionType] = CompressionCodecs.Name(CompressionType),
            [ConfigNames.CompressionGzipLevel] = Text(GzipLevel),
            [ConfigNames.CompressionLz4Level] = Text(Lz4Level),
            [ConfigNames.CompressionZstdLevel] = Text(ZstdLevel),
            [ConfigNames.EnableIdempotence] = EnableIdempotence ? "true" : "false",
            [ConfigNames.Retries] = Text(Retries),
            [ConfigNames.DeliveryTimeoutMs] = Ms(DeliveryTimeout),
            [ConfigNames.MaxInFlightRequestsPerConnection] = Text(MaxInFlightRequestsPerConnection),
            [ConfigNames.MaxRequestSize] = Text(MaxRequestSize),
            [ConfigNames.MaxBlockMs] = Ms(MaxBlock),
            [ConfigNames.MetadataMaxIdleMs] = Ms(MetadataMaxIdle),
            [ConfigNames.PartitionerIgnoreKeys] = PartitionerIgnoreKeys ? "true" : "false",
        };
        return d;
    }

    public override void Validate()
    {
        base.Validate();
        if (EnableIdempotence && IdempotenceConflict() is { } conflict)
        {
            throw new KafkaConfigException(conflict);
        }

        if (DeliveryTimeout < Linger + RequestTimeout)
        {
            throw new KafkaConfigException(ConfigNames.DeliveryTimeoutMs, Ms(DeliveryTimeout),
                $"{ConfigNames.DeliveryTimeoutMs} should be equal to or larger than {ConfigNames.LingerMs} + {ConfigNames.RequestTimeoutMs}");
        }

        if (BatchSize < 0 || BufferMemory < 0 || MaxRequestSize < 0 || Retries < 0)
        {
            throw new KafkaConfigException("batch.size, buffer.memory, max.request.size and retries must be at least 0");
        }

        if (MaxInFlightRequestsPerConnection < 1)
        {
            throw new KafkaConfigException(ConfigNames.MaxInFlightRequestsPerConnection, MaxInFlightRequestsPerConnection, "Value must be at least 1");
        }

        NonNegative(ConfigNames.LingerMs, Linger);
    }

    private string? IdempotenceConflict()
    {
        if (Acks != Acks.All)
        {
            return "Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.";
        }

        if (Retries == 0)
        {
            return "Must set retries to non-zero when using the idempotent producer.";
        }

        return MaxInFlightRequestsPerConnection > 5
            ? "Must set max.in.flight.requests.per.connection to at most 5 when using the idempotent producer."
            : null;
    }

    private static Acks ParseAcks(string value) => value.Trim().ToLowerInvariant() switch
    {
        "all" or "-1" => Acks.All,
        "1" => Acks.Leader,
        "0" => Acks.None,
        _ => throw new KafkaConfigException(ConfigNames.Acks, value, "String must be one of: all, -1, 0, 1"),
    };

    private static CompressionType ParseCompression(string value) => value.Trim().ToLowerInvariant() switch
    {
        "none" => CompressionType.None,
        "gzip" => CompressionType.Gzip,
        "snappy" => CompressionType.Snappy,
        "lz4" => CompressionType.Lz4,
        "zstd" => CompressionType.Zstd,
        _ => throw new KafkaConfigException(ConfigNames.CompressionType, value, "String must be one of: none, gzip, snappy, lz4, zstd"),
    };

    private static ConfigDef Define() => DefineCommon(new ConfigDef(), requestTimeoutMs: 30000)
        .Define(ConfigNames.Acks, ConfigValueType.String, "all", "all, -1, 0 or 1.")
        .Define(ConfigNames.LingerMs, ConfigValueType.Long, "5", "Extra wait for more records before a batch is sent.", ConfigValidators.AtLeast(0))
        .Define(ConfigNames.BatchSize, ConfigValueType.Int, "16384", "Bytes of records per partition batch.", ConfigValidators.AtLeast(0))
        .Define(ConfigNames.BufferMemory, ConfigValueType.Long, "33554432", "Bytes of records waiting to be sent.", ConfigValidators.AtLeast(0))
        .Define(ConfigNames.CompressionType, ConfigValueType.String, "none", "none, gzip, snappy, lz4 or zstd.")
        .Define(ConfigNames.CompressionGzipLevel, ConfigValueType.Int, "-1", "gzip level (1-9, -1 default).", ConfigValidators.Between(-1, 9))
        .Define(ConfigNames.CompressionLz4Level, ConfigValueType.Int, "9", "lz4 level (1-17).", ConfigValidators.Between(1, 17))
        .Define(ConfigNames.CompressionZstdLevel, ConfigValueType.Int, "3", "zstd level (-131072-22).", ConfigValidators.Between(-131072, 22))
        .Define(ConfigNames.EnableIdempotence, ConfigValueType.Boolean, "true", "Exactly one copy of each record per partition.")
        .Define(ConfigNames.Retries, ConfigValueType.Int, "2147483647", "Retries of a failed batch (bounded by delivery.timeout.ms).", ConfigValidators.AtLeast(0))
        .Define(ConfigNames.DeliveryTimeoutMs, ConfigValueType.Int, "120000", "Upper bound on the time to report success or failure.", ConfigValidators.AtLeast(0))
        .Define(ConfigNames.MaxInFlightRequestsPerConnection, ConfigValueType.Int, "5", "Unacknowledged produce requests per connection.", ConfigValidators.AtLeast(1))
        .Define(ConfigNames.MaxRequestSize, ConfigValueType.Int, "1048576", "Largest request in bytes.", ConfigValidators.AtLeast(0))
        .Define(ConfigNames.MaxBlockMs, ConfigValueType.Long, "60000", "How long send may block for metadata or memory.", ConfigValidators.AtLeast(0))
        .Define(ConfigNames.MetadataMaxIdleMs, ConfigValueType.Long, "300000", "Forget metadata of topics idle this long.", ConfigValidators.AtLeast(5000))
        .Define(ConfigNames.PartitionerIgnoreKeys, ConfigValueType.Boolean, "false", "Ignore keys when choosing partitions.")
        .Define(ConfigNames.TransactionalId, ConfigValueType.String, "", "Not supported yet.");
}
