using Pipeline.Client.Config;

namespace Pipeline.Client.Group;

/// <summary>
/// Settings of a group member: the client settings plus group.id, group.instance.id and the
/// session, heartbeat and rebalance timeouts (Kafka's GroupRebalanceConfig). The consumer derives
/// them from its own options (rebalance timeout = max.poll.interval.ms); Connect and the schema
/// registry build them from their worker configs (rebalance.timeout.ms).
/// </summary>
public sealed record GroupMemberOptions : ClientOptions
{
    public static GroupMemberOptions Default { get; } = new();

    private static readonly ConfigDef Def = DefineCommon(new ConfigDef(), requestTimeoutMs: 30000)
        .Define(ConfigNames.GroupId, ConfigValueType.String, null, "The group to join.")
        .Define(ConfigNames.GroupInstanceId, ConfigValueType.String, "", "Static membership id (KIP-345); empty for a dynamic member.")
        .Define(ConfigNames.SessionTimeoutMs, ConfigValueType.Int, "45000", "Time without heartbeats after which the member is dropped.", ConfigValidators.AtLeast(1))
        .Define(ConfigNames.HeartbeatIntervalMs, ConfigValueType.Int, "3000", "Period of heartbeats.", ConfigValidators.AtLeast(1))
        .Define(ConfigNames.RebalanceTimeoutMs, ConfigValueType.Int, "300000", "Time members get to rejoin in a rebalance.", ConfigValidators.AtLeast(1));

    public string GroupId { get; init; } = "";

    public string? GroupInstanceId { get; init; }

    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromSeconds(45);

    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long the coordinator waits for members to rejoin, and how long this member may go
    /// without <see cref="GroupMember.PollAsync"/> before it leaves the group on its own.
    /// </summary>
    public TimeSpan RebalanceTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The client settings of <paramref name="client"/> (bootstrap, timeouts, backoffs) with the given group.</summary>
    public static GroupMemberOptions ForClient(ClientOptions client, string groupId) => new()
    {
        BootstrapServers = client.BootstrapServers,
        ClientId = client.ClientId,
        RequestTimeout = client.RequestTimeout,
        MetadataMaxAge = client.MetadataMaxAge,
        RetryBackoff = client.RetryBackoff,
        RetryBackoffMax = client.RetryBackoffMax,
        ReconnectBackoff = client.ReconnectBackoff,
        ReconnectBackoffMax = client.ReconnectBackoffMax,
        SocketConnectionSetupTimeout = client.SocketConnectionSetupTimeout,
        SendBufferBytes = client.SendBufferBytes,
        ReceiveBufferBytes = client.ReceiveBufferBytes,
        GroupId = groupId,
    };

    public static GroupMemberOptions FromConfig(IEnumerable<KeyValuePair<string, string>> config)
    {
        var c = Def.Parse(config);
        var options = ApplyCommon(Default, c) with
        {
            GroupId = c.GetString(ConfigNames.GroupId),
            GroupInstanceId = c.GetNullableString(ConfigNames.GroupInstanceId),
            SessionTimeout = c.GetMilliseconds(ConfigNames.SessionTimeoutMs),
            HeartbeatInterval = c.GetMilliseconds(ConfigNames.HeartbeatIntervalMs),
            RebalanceTimeout = c.GetMilliseconds(ConfigNames.RebalanceTimeoutMs),
        };
        options.Validate();
        return options;
    }

    public override IReadOnlyDictionary<string, string> ToConfig() =>
        new Dictionary<string, string>(base.ToConfig(), StringComparer.Ordinal)
        {
            [ConfigNames.GroupId] = GroupId,
            [ConfigNames.GroupInstanceId] = GroupInstanceId ?? "",
            [ConfigNames.SessionTimeoutMs] = Ms(SessionTimeout),
            [ConfigNames.HeartbeatIntervalMs] = Ms(HeartbeatInterval),
            [ConfigNames.RebalanceTimeoutMs] = Ms(RebalanceTimeout),
        };

    public override void Validate()
    {
        base.Validate();
        if (string.IsNullOrEmpty(GroupId))
        {
            throw new KafkaConfigException(ConfigNames.GroupId, GroupId, "a group member needs a group.id");
        }

        if (HeartbeatInterval >= SessionTimeout)
        {
            throw new KafkaConfigException(ConfigNames.HeartbeatIntervalMs, Ms(HeartbeatInterval), "heartbeat.interval.ms must be lower than session.timeout.ms");
        }

        if (RebalanceTimeout <= TimeSpan.Zero || SessionTimeout <= TimeSpan.Zero)
        {
            throw new KafkaConfigException("session.timeout.ms and the rebalance timeout must be positive");
        }
    }
}
