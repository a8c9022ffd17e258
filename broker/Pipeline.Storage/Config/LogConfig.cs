using System.Collections.Frozen;

namespace Pipeline.Storage.Config;

/// <summary>
/// The typed, immutable storage config of one topic (Kafka's LogConfig). Build it with
/// <see cref="Create"/>, which validates topic overrides and the broker settings that supply the
/// defaults (see <see cref="LogConfigDef"/>). Tests may use <c>LogConfig.Default with { ... }</c>,
/// which skips validation. Immutable: read from any thread; a log swaps in a new instance on
/// UpdateConfig.
/// </summary>
public sealed record LogConfig
{
    private static readonly FrozenDictionary<string, string> NoOverrides =
        FrozenDictionary<string, string>.Empty;

    public static LogConfig Default { get; } = Create(NoOverrides, NoOverrides);

    /// <summary>The topic-level overrides this config was built from (what CreateTopics/AlterConfigs set).</summary>
    public IReadOnlyDictionary<string, string> TopicOverrides { get; init; } = NoOverrides;

    public IReadOnlyList<string> CleanupPolicy { get; init; } = ["delete"];

    public bool Compact => Contains(CleanupPolicy, TopicConfig.CleanupPolicyCompact);

    public bool Delete => Contains(CleanupPolicy, TopicConfig.CleanupPolicyDelete);

    public string CompressionType { get; init; } = "producer";

    public int CompressionGzipLevel { get; init; }

    public int CompressionLz4Level { get; init; }

    public int CompressionZstdLevel { get; init; }

    public long DeleteRetentionMs { get; init; }

    public long FileDeleteDelayMs { get; init; }

    public long FlushMessages { get; init; }

    public long FlushMs { get; init; }

    public IReadOnlyList<string> FollowerReplicationThrottledReplicas { get; init; } = [];

    public int IndexIntervalBytes { get; init; }

    public IReadOnlyList<string> LeaderReplicationThrottledReplicas { get; init; } = [];

    public long LocalRetentionBytes { get; init; }

    public long LocalRetentionMs { get; init; }

    public long MaxCompactionLagMs { get; init; }

    public int MaxMessageBytes { get; init; }

    public bool MessageDownconversionEnable { get; init; }

    public string MessageFormatVersion { get; init; } = "3.0-IV1";

    public long MessageTimestampAfterMaxMs { get; init; }

    public long MessageTimestampBeforeMaxMs { get; init; }

    public long MessageTimestampDifferenceMaxMs { get; init; }

    public string MessageTimestampType { get; init; } = TopicConfig.CreateTime;

    public bool IsLogAppendTime => MessageTimestampType == TopicConfig.LogAppendTime;

    public double MinCleanableDirtyRatio { get; init; }

    public long MinCompactionLagMs { get; init; }

    public int MinInSyncReplicas { get; init; }

    public bool Preallocate { get; init; }

    public bool RemoteStorageEnable { get; init; }

    public long RetentionBytes { get; init; }

    public long RetentionMs { get; init; }

    public int SegmentBytes { get; init; }

    public int SegmentIndexBytes { get; init; }

    public long SegmentJitterMs { get; init; }

    public long SegmentMs { get; init; }

    public bool UncleanLeaderElectionEnable { get; init; }

    /// <summary>
    /// The segment age that triggers a roll: segment.ms, or max.compaction.lag.ms when compacted
    /// and shorter, so that the active segment becomes cleanable in time (Kafka's maxSegmentMs).
    /// </summary>
    public long MaxSegmentMs => Compact ? Math.Min(MaxCompactionLagMs, SegmentMs) : SegmentMs;

    /// <summary>
    /// Validates and resolves a topic's config: each key comes from the topic override, else the
    /// first broker synonym present in <paramref name="brokerProperties"/>, else the default.
    /// Throws <see cref="ConfigException"/> for unknown keys, unparsable or out-of-range values
    /// and conflicting settings.
    /// </summary>
    public static LogConfig Create(
        IReadOnlyDictionary<string, string> topicOverrides,
        IReadOnlyDictionary<string, string> brokerProperties)
    {
        var r = LogConfigDef.Resolve(topicOverrides, brokerProperties);
        T Get<T>(string name) => (T)r[name].Value;

        // KIP-937: the deprecated difference limit still applies when the new keys are unset.
        var difference = r[TopicConfig.MessageTimestampDifferenceMaxMs];
        long TimestampLimit(string name) =>
            r[name].Source == ConfigSource.DefaultConfig && difference.Source != ConfigSource.DefaultConfig
                ? (long)difference.Value
                : (long)r[name].Value;

        var config = new LogConfig
        {
            TopicOverrides = topicOverrides.ToFrozenDictionary(StringComparer.Ordinal),
            CleanupPolicy = Get<IReadOnlyList<string>>(TopicConfig.CleanupPolicy),
            CompressionType = Get<string>(TopicConfig.CompressionType),
            CompressionGzipLevel = Get<int>(TopicConfig.CompressionGzipLevel),
            CompressionLz4Level = Get<int>(TopicConfig.CompressionLz4Level),
            CompressionZstdLevel = Get<int>(TopicConfig.CompressionZstdLevel),
            DeleteRetentionMs = Get<long>(TopicConfig.DeleteRetentionMs),
            FileDeleteDelayMs = Get<long>(TopicConfig.FileDeleteDelayMs),
            FlushMessages = Get<long>(TopicConfig.FlushMessages),
            FlushMs = Get<long>(TopicConfig.FlushMs),
            FollowerReplicationThrottledReplicas = Get<IReadOnlyList<string>>(TopicConfig.FollowerReplicationThrottledReplicas),
            IndexIntervalBytes = Get<int>(TopicConfig.IndexIntervalBytes),
            LeaderReplicationThrottledReplicas = Get<IReadOnlyList<string>>(TopicConfig.LeaderReplicationThrottledReplicas),
            LocalRetentionBytes = Get<long>(TopicConfig.LocalRetentionBytes),
            LocalRetentionMs = Get<long>(TopicConfig.LocalRetentionMs),
            MaxCompactionLagMs = Get<long>(TopicConfig.MaxCompactionLagMs),
            MaxMessageBytes = Get<int>(TopicConfig.MaxMessageBytes),
            MessageDownconversionEnable = Get<bool>(TopicConfig.MessageDownconversionEnable),
            MessageFormatVersion = Get<string>(TopicConfig.MessageFormatVersion),
            MessageTimestampAfterMaxMs = TimestampLimit(TopicConfig.MessageTimestampAfterMaxMs),
            MessageTimestampBeforeMaxMs = TimestampLimit(TopicConfig.MessageTimestampBeforeMaxMs),
            MessageTimestampDifferenceMaxMs = (long)difference.Value,
            MessageTimestampType = Get<string>(TopicConfig.MessageTimestampType),
            MinCleanableDirtyRatio = Get<double>(TopicConfig.MinCleanableDirtyRatio),
            MinCompactionLagMs = Get<long>(TopicConfig.MinCompactionLagMs),
            MinInSyncReplicas = Get<int>(TopicConfig.MinInSyncReplicas),
            Preallocate = Get<bool>(TopicConfig.Preallocate),
            RemoteStorageEnable = Get<bool>(TopicConfig.RemoteStorageEnable),
            RetentionBytes = Get<long>(TopicConfig.RetentionBytes),
            RetentionMs = Get<long>(TopicConfig.RetentionMs),
            SegmentBytes = Get<int>(TopicConfig.SegmentBytes),
            SegmentIndexBytes = Get<int>(TopicConfig.SegmentIndexBytes),
            SegmentJitterMs = Get<long>(TopicConfig.SegmentJitterMs),
            SegmentMs = Get<long>(TopicConfig.SegmentMs),
            UncleanLeaderElectionEnable = Get<bool>(TopicConfig.UncleanLeaderElectionEnable),
        };

        if (config.MinCompactionLagMs > config.MaxCompactionLagMs)
        {
            throw new ConfigException(
                TopicConfig.MinCompactionLagMs,
                config.MinCompactionLagMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"conflicts with {TopicConfig.MaxCompactionLagMs} ({config.MaxCompactionLagMs.ToString(System.Globalization.CultureInfo.InvariantCulture)}); the minimum compaction lag must not exceed the maximum");
        }

        return config;
    }

    /// <summary>DescribeConfigs for a topic; see <see cref="LogConfigDef.Describe"/>.</summary>
    public static IReadOnlyList<ConfigEntryDescription> Describe(
        IReadOnlyDictionary<string, string> topicOverrides,
        IReadOnlyDictionary<string, string> brokerProperties) =>
        LogConfigDef.Describe(topicOverrides, brokerProperties);

    private static bool Contains(IReadOnlyList<string> list, string item)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == item)
            {
                return true;
            }
        }

        return false;
    }
}
