using Pipeline.Broker.Config;

namespace Pipeline.Broker.Coordinators.Group;

/// <summary>The group coordinator's settings, with Kafka's names and defaults (GroupCoordinatorConfig, OffsetConfig).</summary>
public sealed record GroupCoordinatorConfig
{
    /// <summary><c>offsets.topic.num.partitions</c>: partitions of <c>__consumer_offsets</c> when it is created.</summary>
    public int OffsetsTopicNumPartitions { get; init; } = 50;

    /// <summary><c>offsets.topic.replication.factor</c>, capped at the live brokers when the topic is created.</summary>
    public short OffsetsTopicReplicationFactor { get; init; } = 3;

    /// <summary><c>offsets.topic.segment.bytes</c>.</summary>
    public int OffsetsTopicSegmentBytes { get; init; } = 100 * 1024 * 1024;

    /// <summary><c>group.min.session.timeout.ms</c>.</summary>
    public int MinSessionTimeoutMs { get; init; } = 6000;

    /// <summary><c>group.max.session.timeout.ms</c>.</summary>
    public int MaxSessionTimeoutMs { get; init; } = 1800000;

    /// <summary><c>group.initial.rebalance.delay.ms</c>: the first rebalance of an empty group waits for more joiners.</summary>
    public int InitialRebalanceDelayMs { get; init; } = 3000;

    /// <summary><c>group.max.size</c>.</summary>
    public int MaxSize { get; init; } = int.MaxValue;

    /// <summary>How long a new member's JoinGroup may stay parked (Kafka's fixed 5 minutes).</summary>
    public int NewMemberJoinTimeoutMs { get; init; } = 5 * 60 * 1000;

    /// <summary><c>offsets.retention.minutes</c> in ms.</summary>
    public long OffsetsRetentionMs { get; init; } = 7L * 24 * 60 * 60 * 1000;

    /// <summary><c>offsets.retention.check.interval.ms</c>.</summary>
    public long OffsetsRetentionCheckIntervalMs { get; init; } = 600000;

    /// <summary><c>offset.metadata.max.bytes</c> (a length in characters, as Kafka checks it).</summary>
    public int OffsetMetadataMaxBytes { get; init; } = 4096;

    public static GroupCoordinatorConfig From(BrokerConfig config) => new()
    {
        OffsetsTopicNumPartitions = Math.Max(1, config.GetInt("offsets.topic.num.partitions")),
        OffsetsTopicReplicationFactor = (short)Math.Max(1, config.GetInt("offsets.topic.replication.factor")),
        OffsetsTopicSegmentBytes = config.GetInt("offsets.topic.segment.bytes"),
        MinSessionTimeoutMs = config.GetInt("group.min.session.timeout.ms"),
        MaxSessionTimeoutMs = config.GetInt("group.max.session.timeout.ms"),
        InitialRebalanceDelayMs = config.GetInt("group.initial.rebalance.delay.ms"),
        MaxSize = config.GetInt("group.max.size"),
        OffsetsRetentionMs = config.GetLong("offsets.retention.minutes") * 60 * 1000,
        OffsetsRetentionCheckIntervalMs = config.GetLong("offsets.retention.check.interval.ms"),
        OffsetMetadataMaxBytes = config.GetInt("offset.metadata.max.bytes"),
    };
}
