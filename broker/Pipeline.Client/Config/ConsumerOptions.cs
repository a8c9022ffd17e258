namespace Pipeline.Client.Config;

/// <summary>
/// Consumer settings with Kafka's names and defaults (ConsumerConfig, Kafka 4.0), plus
/// librdkafka's <c>enable.auto.offset.store</c> and <c>enable.partition.eof</c>, which the
/// Confluent-shaped API (<c>StoreOffset</c>, <c>IsPartitionEOF</c>) needs.
/// <see cref="FromConfig"/> reads a Kafka properties map, <see cref="ClientOptions.ToConfig"/> writes one.
/// </summary>
public sealed record ConsumerOptions : ClientOptions
{
    /// <summary>Kafka's default partition.assignment.strategy: range first, cooperative-sticky as the upgrade path.</summary>
    public static readonly IReadOnlyList<string> DefaultAssignmentStrategy = ["range", "cooperative-sticky"];

    public static ConsumerOptions Default { get; } = new();

    private static readonly ConfigDef Def = Define();

    /// <summary>group.id: null for a consumer that only assigns partitions by hand and never commits.</summary>
    public string? GroupId { get; init; }

    /// <summary>group.instance.id: makes this a static member (KIP-345).</summary>
    public string? GroupInstanceId { get; init; }

    public AutoOffsetReset AutoOffsetReset { get; init; } = AutoOffsetReset.Latest;

    public bool EnableAutoCommit { get; init; } = true;

    public TimeSpan AutoCommitInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>enable.auto.offset.store: each consumed record's next offset becomes the one <c>Commit()</c> sends.</summary>
    public bool EnableAutoOffsetStore { get; init; } = true;

    /// <summary>enable.partition.eof: a consume result with <c>IsPartitionEOF</c> when a partition's end is reached.</summary>
    public bool EnablePartitionEof { get; init; }

    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromSeconds(45);

    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>max.poll.interval.ms: a member that does not consume for this long leaves the group; also its rebalance timeout.</summary>
    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromMinutes(5);

    public int MaxPollRecords { get; init; } = 500;

    public int FetchMinBytes { get; init; } = 1;

    public int FetchMaxBytes { get; init; } = 50 * 1024 * 1024;

    public TimeSpan FetchMaxWait { get; init; } = TimeSpan.FromMilliseconds(500);

    public int MaxPartitionFetchBytes { get; init; } = 1024 * 1024;

    public IsolationLevel IsolationLevel { get; init; } = IsolationLevel.ReadUncommitted;

    /// <summary>Assignor names in order of preference ("range", "roundrobin", "sticky", "cooperative-sticky", or a custom assignor's name).</summary>
    public IReadOnlyList<string> PartitionAssignmentStrategy { get; init; } = DefaultAssignmentStrategy;

    /// <summary>client.rack, sent in Fetch (KIP-392) and in the subscription (KIP-881).</summary>
    public string ClientRack { get; init; } = "";

    public bool CheckCrcs { get; init; } = true;

    public bool AllowAutoCreateTopics { get; init; } = true;

    public bool ExcludeInternalTopics { get; init; } = true;

    /// <summary>default.api.timeout.ms: the limit of blocking calls that take no timeout (Commit, Committed, OffsetsForTimes, Close).</summary>
    public TimeSpan DefaultApiTimeout { get; init; } = TimeSpan.FromMinutes(1);

    public static ConsumerOptions FromConfig(IEnumerable<KeyValuePair<string, string>> config)
    {
        var c = Def.Parse(config);
        var groupId = c.GetNullableString(ConfigNames.GroupId);
        var options = ApplyCommon(Default, c) with
        {
            GroupId = groupId,
            GroupInstanceId = c.GetNullableString(ConfigNames.GroupInstanceId),
            AutoOffsetReset = ParseReset(c.GetString(ConfigNames.AutoOffsetReset)),
            EnableAutoCommit = c.GetBool(ConfigNames.EnableAutoCommit),
            AutoCommitInterval = c.GetMilliseconds(ConfigNames.AutoCommitIntervalMs),
            EnableAutoOffsetStore = c.GetBool(ConfigNames.EnableAutoOffsetStore),
            EnablePartitionEof = c.GetBool(ConfigNames.EnablePartitionEof),
            SessionTimeout = c.GetMilliseconds(ConfigNames.SessionTimeoutMs),
            HeartbeatInterval = c.GetMilliseconds(ConfigNames.HeartbeatIntervalMs),
            MaxPollInterval = c.GetMilliseconds(ConfigNames.MaxPollIntervalMs),
            MaxPollRecords = c.GetInt(ConfigNames.MaxPollRecords),
            FetchMinBytes = c.GetInt(ConfigNames.FetchMinBytes),
            FetchMaxBytes = c.GetInt(ConfigNames.FetchMaxBytes),
            FetchMaxWait = c.GetMilliseconds(ConfigNames.FetchMaxWaitMs),
            MaxPartitionFetchBytes = c.GetInt(ConfigNames.MaxPartitionFetchBytes),
            IsolationLevel = ParseIsolation(c.GetString(ConfigNames.IsolationLevel)),
            PartitionAssignmentStrategy = [.. c.GetList(ConfigNames.PartitionAssignmentStrategy).Select(AssignorName)],
            ClientRack = c.GetString(ConfigNames.ClientRack),
            CheckCrcs = c.GetBool(ConfigNames.CheckCrcs),
            AllowAutoCreateTopics = c.GetBool(ConfigNames.AllowAutoCreateTopics),
            ExcludeInternalTopics = c.GetBool(ConfigNames.ExcludeInternalTopics),
            DefaultApiTimeout = c.GetMilliseconds(ConfigNames.DefaultApiTimeoutMs),
        };

        // As Kafka: without a group there is nothing to commit to; asking for it explicitly is an error.
        if (groupId is null && options.EnableAutoCommit)
        {
            if (c.IsExplicit(ConfigNames.EnableAutoCommit))
            {
                throw new KafkaConfigException(ConfigNames.EnableAutoCommit, "true", "enable.auto.commit cannot be set to true when no group.id is configured");
            }

            options = options with { EnableAutoCommit = false };
        }

        options.Validate();
        return options;
    }

    public override IReadOnlyDictionary<string, string> ToConfig() =>
        new Dictionary<string, string>(base.ToConfig(), StringComparer.Ordinal)
        {
            [ConfigNames.GroupId] = GroupId ?? "",
            [ConfigNames.GroupInstanceId] = GroupInstanceId ?? "",
            [ConfigNames.AutoOffsetReset] = AutoOffsetReset.ToString().ToLowerInvariant(),
            [ConfigNames.EnableAutoCommit] = Bool(EnableAutoCommit),
            [ConfigNames.AutoCommitIntervalMs] = Ms(AutoCommitInterval),
            [ConfigNames.EnableAutoOffsetStore] = Bool(EnableAutoOffsetStore),
            [ConfigNames.EnablePartitionEof] = Bool(EnablePartitionEof),
            [ConfigNames.SessionTimeoutMs] = Ms(SessionTimeout),
            [ConfigNames.HeartbeatIntervalMs] = Ms(HeartbeatInterval),
            [ConfigNames.MaxPollIntervalMs] = Ms(MaxPollInterval),
            [ConfigNames.MaxPollRecords] = Text(MaxPollRecords),
            [ConfigNames.FetchMinBytes] = Text(FetchMinBytes),
            [ConfigNames.FetchMaxBytes] = Text(FetchMaxBytes),
            [ConfigNames.FetchMaxWaitMs] = Ms(FetchMaxWait),
            [ConfigNames.MaxPartitionFetchBytes] = Text(MaxPartitionFetchBytes),
            [ConfigNames.IsolationLevel] = IsolationLevel == IsolationLevel.ReadCommitted ? "read_committed" : "read_uncommitted",
            [ConfigNames.PartitionAssignmentStrategy] = string.Join(",", PartitionAssignmentStrategy),
            [ConfigNames.ClientRack] = ClientRack,
            [ConfigNames.CheckCrcs] = Bool(CheckCrcs),
            [ConfigNames.AllowAutoCreateTopics] = Bool(AllowAutoCreateTopics),
            [ConfigNames.ExcludeInternalTopics] = Bool(ExcludeInternalTopics),
            [ConfigNames.DefaultApiTimeoutMs] = Ms(DefaultApiTimeout),
        };

    public override void Validate()
    {
        base.Validate();
        if (GroupInstanceId is not null && GroupId is null)
        {
            throw new KafkaConfigException(ConfigNames.GroupInstanceId, GroupInstanceId, "group.instance.id requires group.id");
        }

        if (GroupId is null && EnableAutoCommit)
        {
            throw new KafkaConfigException(ConfigNames.EnableAutoCommit, "true", "enable.auto.commit cannot be set to true when no group.id is configured");
        }

        if (HeartbeatInterval >= SessionTimeout)
        {
            throw new KafkaConfigException(ConfigNames.HeartbeatIntervalMs, Ms(HeartbeatInterval), "heartbeat.interval.ms must be lower than session.timeout.ms");
        }

        if (MaxPollRecords < 1)
        {
            throw new KafkaConfigException(ConfigNames.MaxPollRecords, MaxPollRecords, "Value must be at least 1");
        }

        if (PartitionAssignmentStrategy.Count == 0 && GroupId is not null)
        {
            throw new KafkaConfigException(ConfigNames.PartitionAssignmentStrategy, "", "at least one assignor is needed");
        }

        NonNegative(ConfigNames.FetchMaxWaitMs, FetchMaxWait);
        NonNegative(ConfigNames.AutoCommitIntervalMs, AutoCommitInterval);
    }

    /// <summary>The protocol name of an assignor given by its Java class name or its own name.</summary>
    internal static string AssignorName(string configured) => configured switch
    {
        "org.apache.kafka.clients.consumer.RangeAssignor" => "range",
        "org.apache.kafka.clients.consumer.RoundRobinAssignor" => "roundrobin",
        "org.apache.kafka.clients.consumer.StickyAssignor" => "sticky",
        "org.apache.kafka.clients.consumer.CooperativeStickyAssignor" => "cooperative-sticky",
        _ => configured,
    };

    private static string Bool(bool value) => value ? "true" : "false";

    private static AutoOffsetReset ParseReset(string value) => value.Trim().ToLowerInvariant() switch
    {
        "latest" or "largest" or "end" => AutoOffsetReset.Latest,
        "earliest" or "smallest" or "beginning" => AutoOffsetReset.Earliest,
        "none" or "error" => AutoOffsetReset.None,
        _ => throw new KafkaConfigException(ConfigNames.AutoOffsetReset, value, "String must be one of: latest, earliest, none"),
    };

    private static IsolationLevel ParseIsolation(string value) => value.Trim().ToLowerInvariant() switch
    {
        "read_uncommitted" => IsolationLevel.ReadUncommitted,
        "read_committed" => IsolationLevel.ReadCommitted,
        _ => throw new KafkaConfigException(ConfigNames.IsolationLevel, value, "String must be one of: read_committed, read_uncommitted"),
    };

    private static ConfigDef Define() => DefineCommon(new ConfigDef(), requestTimeoutMs: 30000)
        .Define(ConfigNames.GroupId, ConfigValueType.String, "", "The consumer group; empty for none.")
        .Define(ConfigNames.GroupInstanceId, ConfigValueType.String, "", "Static membership id (KIP-345); empty for a dynamic member.")
        .Define(ConfigNames.AutoOffsetReset, ConfigValueType.String, "latest", "latest, earliest or none.")
        .Define(ConfigNames.EnableAutoCommit, ConfigValueType.Boolean, "true", "Commit consumed offsets in the background.")
        .Define(ConfigNames.AutoCommitIntervalMs, ConfigValueType.Int, "5000", "Period of automatic commits.", ConfigValidators.AtLeast(0))
        .Define(ConfigNames.EnableAutoOffsetStore, ConfigValueType.Boolean, "true", "Store each consumed offset for the next commit.")
        .Define(ConfigNames.EnablePartitionEof, ConfigValueType.Boolean, "false", "Report reaching the end of a partition.")
        .Define(ConfigNames.SessionTimeoutMs, ConfigValueType.Int, "45000", "Time without heartbeats after which the member is dropped.", ConfigValidators.AtLeast(1))
        .Define(ConfigNames.HeartbeatIntervalMs, ConfigValueType.Int, "3000", "Period of heartbeats to the coordinator.", ConfigValidators.AtLeast(1))
        .Define(ConfigNames.MaxPollIntervalMs, ConfigValueType.Int, "300000", "Longest gap between consume calls before the member leaves.", ConfigValidators.AtLeast(1))
        .Define(ConfigNames.MaxPollRecords, ConfigValueType.Int, "500", "Records taken from the fetch buffers per poll.", ConfigValidators.AtLeast(1))
        .Define(ConfigNames.FetchMinBytes, ConfigValueType.Int, "1", "Bytes a fetch waits for.", ConfigValidators.AtLeast(0))
        .Define(ConfigNames.FetchMaxBytes, ConfigValueType.Int, "52428800", "Largest fetch response (KIP-74: a first batch may exceed it).", ConfigValidators.AtLeast(0))
        .Define(ConfigNames.FetchMaxWaitMs, ConfigValueType.Int, "500", "Longest wait of a fetch for fetch.min.bytes.", ConfigValidators.AtLeast(0))
        .Define(ConfigNames.MaxPartitionFetchBytes, ConfigValueType.Int, "1048576", "Bytes per partition per fetch.", ConfigValidators.AtLeast(0))
        .Define(ConfigNames.IsolationLevel, ConfigValueType.String, "read_uncommitted", "read_uncommitted or read_committed.")
        .Define(ConfigNames.PartitionAssignmentStrategy, ConfigValueType.List, "range,cooperative-sticky", "Assignors in order of preference.")
        .Define(ConfigNames.ClientRack, ConfigValueType.String, "", "The rack of this consumer.")
        .Define(ConfigNames.CheckCrcs, ConfigValueType.Boolean, "true", "Check the CRC of fetched batches.")
        .Define(ConfigNames.AllowAutoCreateTopics, ConfigValueType.Boolean, "true", "Let metadata requests for subscribed topics create them.")
        .Define(ConfigNames.ExcludeInternalTopics, ConfigValueType.Boolean, "true", "Pattern subscriptions never match internal topics.")
        .Define(ConfigNames.DefaultApiTimeoutMs, ConfigValueType.Int, "60000", "Limit of blocking calls without their own timeout.", ConfigValidators.AtLeast(0));
}
