using System.Globalization;
using static Pipeline.Storage.Config.ConfigType;

namespace Pipeline.Storage.Config;

/// <summary>
/// The topic config definition table (protocol reference 11.2; Kafka's LogConfig CONFIG and
/// ServerTopicConfigSynonyms): per key its type, default, validator, documentation and the broker
/// settings that supply the default in precedence order. The broker uses it for CreateTopics,
/// AlterConfigs and DescribeConfigs; <see cref="LogConfig.Create"/> resolves values through it.
/// Immutable; safe from any thread.
/// </summary>
public static class LogConfigDef
{
    private const string LongMax = "9223372036854775807";
    private const long HourMs = 3_600_000;
    private const long MinuteMs = 60_000;

    public static IReadOnlyList<ConfigKey> Keys { get; } =
    [
        Key(TopicConfig.CleanupPolicy, List, "delete", Validators.ListOf("compact", "delete"),
            "delete: drop old segments by retention time or size; compact: keep the latest value per key; both may be given.",
            Syn("log.cleanup.policy", List, "delete")),
        Key(TopicConfig.CompressionType, ConfigType.String, "producer", Validators.In("uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"),
            "Final codec of stored batches; producer keeps the codec the producer chose.",
            Syn("compression.type", ConfigType.String, "producer")),
        Key(TopicConfig.CompressionGzipLevel, Int, "-1", Validators.BetweenOr(-1, 1, 9),
            "Gzip level used when the broker (re)compresses with gzip; -1 is the codec default.",
            Syn("compression.gzip.level", Int, "-1")),
        Key(TopicConfig.CompressionLz4Level, Int, "9", Validators.Between(1, 17),
            "LZ4 level used when the broker (re)compresses with lz4.",
            Syn("compression.lz4.level", Int, "9")),
        Key(TopicConfig.CompressionZstdLevel, Int, "3", Validators.Between(-131072, 22),
            "Zstandard level used when the broker (re)compresses with zstd.",
            Syn("compression.zstd.level", Int, "3")),
        Key(TopicConfig.DeleteRetentionMs, ConfigType.Long, "86400000", Validators.AtLeast(0),
            "How long tombstones stay readable after compaction marks them, so consumers that lag can still see deletes.",
            Syn("log.cleaner.delete.retention.ms", ConfigType.Long, "86400000")),
        Key(TopicConfig.FileDeleteDelayMs, ConfigType.Long, "60000", Validators.AtLeast(0),
            "Delay between removing a segment from the log and deleting its files.",
            Syn("log.segment.delete.delay.ms", ConfigType.Long, "60000")),
        Key(TopicConfig.FlushMessages, ConfigType.Long, LongMax, Validators.AtLeast(1),
            "Force an fsync after this many messages have been appended since the last one.",
            Syn("log.flush.interval.messages", ConfigType.Long, LongMax)),
        Key(TopicConfig.FlushMs, ConfigType.Long, LongMax, Validators.AtLeast(0),
            "Force an fsync when the last one is older than this.",
            Syn("log.flush.interval.ms", ConfigType.Long, null),
            Syn("log.flush.scheduler.interval.ms", ConfigType.Long, LongMax)),
        Key(TopicConfig.FollowerReplicationThrottledReplicas, List, "", Validators.ThrottledReplicas,
            "Replicas whose follower-side replication is throttled: '*' or partition:broker pairs."),
        Key(TopicConfig.IndexIntervalBytes, Int, "4096", Validators.AtLeast(0),
            "Bytes of batches between two offset index entries.",
            Syn("log.index.interval.bytes", Int, "4096")),
        Key(TopicConfig.LeaderReplicationThrottledReplicas, List, "", Validators.ThrottledReplicas,
            "Replicas whose leader-side replication is throttled: '*' or partition:broker pairs."),
        Key(TopicConfig.LocalRetentionBytes, ConfigType.Long, "-2", Validators.AtLeast(-2),
            "Local bytes kept when tiered storage is enabled; -2 follows retention.bytes.",
            Syn("log.local.retention.bytes", ConfigType.Long, "-2")),
        Key(TopicConfig.LocalRetentionMs, ConfigType.Long, "-2", Validators.AtLeast(-2),
            "Local time kept when tiered storage is enabled; -2 follows retention.ms.",
            Syn("log.local.retention.ms", ConfigType.Long, "-2")),
        Key(TopicConfig.MaxCompactionLagMs, ConfigType.Long, LongMax, Validators.AtLeast(1),
            "Longest time a message stays uncompacted; a log this overdue is cleaned whatever its dirty ratio.",
            Syn("log.cleaner.max.compaction.lag.ms", ConfigType.Long, LongMax)),
        Key(TopicConfig.MaxMessageBytes, Int, "1048588", Validators.AtLeast(0),
            "Largest record batch the topic accepts, after compression.",
            Syn("message.max.bytes", Int, "1048588")),
        Key(TopicConfig.MessageDownconversionEnable, ConfigType.Boolean, "true", null,
            "Whether fetches of old message formats may be down-converted.",
            Syn("log.message.downconversion.enable", ConfigType.Boolean, "true")),
        Key(TopicConfig.MessageFormatVersion, ConfigType.String, "3.0-IV1", Validators.Version,
            "Deprecated; the message format is always v2.",
            Syn("log.message.format.version", ConfigType.String, "3.0-IV1")),
        Key(TopicConfig.MessageTimestampAfterMaxMs, ConfigType.Long, LongMax, Validators.AtLeast(0),
            "Largest allowed amount a CreateTime timestamp may be ahead of the broker clock.",
            Syn("log.message.timestamp.after.max.ms", ConfigType.Long, LongMax)),
        Key(TopicConfig.MessageTimestampBeforeMaxMs, ConfigType.Long, LongMax, Validators.AtLeast(0),
            "Largest allowed amount a CreateTime timestamp may be behind the broker clock.",
            Syn("log.message.timestamp.before.max.ms", ConfigType.Long, LongMax)),
        Key(TopicConfig.MessageTimestampDifferenceMaxMs, ConfigType.Long, LongMax, Validators.AtLeast(0),
            "Deprecated; used for the before/after limits when those are not set.",
            Syn("log.message.timestamp.difference.max.ms", ConfigType.Long, LongMax)),
        Key(TopicConfig.MessageTimestampType, ConfigType.String, "CreateTime", Validators.In("CreateTime", "LogAppendTime"),
            "Whether record timestamps are the producer's (CreateTime) or the broker's append time (LogAppendTime).",
            Syn("log.message.timestamp.type", ConfigType.String, "CreateTime")),
        Key(TopicConfig.MinCleanableDirtyRatio, ConfigType.Double, "0.5", Validators.Between(0.0, 1.0),
            "Compaction starts when uncleaned bytes are at least this share of the log.",
            Syn("log.cleaner.min.cleanable.ratio", ConfigType.Double, "0.5")),
        Key(TopicConfig.MinCompactionLagMs, ConfigType.Long, "0", Validators.AtLeast(0),
            "Shortest time a message stays uncompacted.",
            Syn("log.cleaner.min.compaction.lag.ms", ConfigType.Long, "0")),
        Key(TopicConfig.MinInSyncReplicas, Int, "1", Validators.AtLeast(1),
            "Replicas that must acknowledge an acks=all write.",
            Syn("min.insync.replicas", Int, "1")),
        Key(TopicConfig.Preallocate, ConfigType.Boolean, "false", null,
            "Preallocate segment files to segment.bytes when they are created.",
            Syn("log.preallocate", ConfigType.Boolean, "false")),
        Key(TopicConfig.RemoteStorageEnable, ConfigType.Boolean, "false", null,
            "Tiered storage for this topic (not supported; kept for compatibility)."),
        Key(TopicConfig.RetentionBytes, ConfigType.Long, "-1", null,
            "Largest size of a partition before old segments are deleted; -1 is unlimited.",
            Syn("log.retention.bytes", ConfigType.Long, "-1")),
        Key(TopicConfig.RetentionMs, ConfigType.Long, "604800000", Validators.AtLeast(-1),
            "Longest time a segment is kept, by its newest timestamp; -1 is unlimited.",
            Syn("log.retention.ms", ConfigType.Long, null),
            Syn("log.retention.minutes", Int, null, MinuteMs),
            Syn("log.retention.hours", Int, "168", HourMs)),
        Key(TopicConfig.SegmentBytes, Int, "1073741824", Validators.AtLeast(14),
            "Size of a segment file; a batch that does not fit rolls a new segment.",
            Syn("log.segment.bytes", Int, "1073741824")),
        Key(TopicConfig.SegmentIndexBytes, Int, "10485760", Validators.AtLeast(4),
            "Size limit of a segment's offset and time index; a full index rolls a new segment.",
            Syn("log.index.size.max.bytes", Int, "10485760")),
        Key(TopicConfig.SegmentJitterMs, ConfigType.Long, "0", Validators.AtLeast(0),
            "Random amount subtracted from segment.ms per segment so that partitions do not roll together.",
            Syn("log.roll.jitter.ms", ConfigType.Long, null),
            Syn("log.roll.jitter.hours", Int, "0", HourMs)),
        Key(TopicConfig.SegmentMs, ConfigType.Long, "604800000", Validators.AtLeast(1),
            "Roll a new segment when the active one spans this much time, even if it is not full.",
            Syn("log.roll.ms", ConfigType.Long, null),
            Syn("log.roll.hours", Int, "168", HourMs)),
        Key(TopicConfig.UncleanLeaderElectionEnable, ConfigType.Boolean, "false", null,
            "Allow a replica outside the ISR to become leader, at the risk of losing data.",
            Syn("unclean.leader.election.enable", ConfigType.Boolean, "false")),
    ];

    private static readonly Dictionary<string, ConfigKey> ByName = BuildIndex();

    public static bool TryGetKey(string name, out ConfigKey key) => ByName.TryGetValue(name, out key!);

    /// <summary>
    /// Validates overrides and the broker settings they fall back to and returns each key's value.
    /// Throws <see cref="ConfigException"/> naming the first bad key.
    /// </summary>
    internal static Dictionary<string, ResolvedValue> Resolve(
        IReadOnlyDictionary<string, string> topicOverrides,
        IReadOnlyDictionary<string, string> brokerProperties)
    {
        foreach (var name in topicOverrides.Keys)
        {
            if (!ByName.ContainsKey(name))
            {
                throw new ConfigException(name, null, "Unknown topic config name");
            }
        }

        var result = new Dictionary<string, ResolvedValue>(Keys.Count, StringComparer.Ordinal);
        foreach (var key in Keys)
        {
            result[key.Name] = Resolve(key, topicOverrides, brokerProperties);
        }

        return result;
    }

    /// <summary>DescribeConfigs for a topic: every key's effective value, source and synonym chain.</summary>
    public static IReadOnlyList<ConfigEntryDescription> Describe(
        IReadOnlyDictionary<string, string> topicOverrides,
        IReadOnlyDictionary<string, string> brokerProperties)
    {
        var resolved = Resolve(topicOverrides, brokerProperties);
        var entries = new List<ConfigEntryDescription>(Keys.Count);
        foreach (var key in Keys)
        {
            var synonyms = new List<ConfigSynonym>();
            if (topicOverrides.TryGetValue(key.Name, out var topicValue))
            {
                synonyms.Add(new ConfigSynonym(key.Name, Sensitive(key, topicValue), ConfigSource.TopicConfig));
            }

            foreach (var syn in key.Synonyms)
            {
                if (brokerProperties.TryGetValue(syn.Name, out var brokerValue))
                {
                    synonyms.Add(new ConfigSynonym(syn.Name, Sensitive(key, brokerValue), ConfigSource.StaticBrokerConfig));
                }
            }

            foreach (var syn in key.Synonyms)
            {
                if (syn.DefaultValue is not null)
                {
                    synonyms.Add(new ConfigSynonym(syn.Name, Sensitive(key, syn.DefaultValue), ConfigSource.DefaultConfig));
                }
            }

            if (key.Synonyms.Count == 0)
            {
                synonyms.Add(new ConfigSynonym(key.Name, Sensitive(key, key.DefaultValue), ConfigSource.DefaultConfig));
            }

            var r = resolved[key.Name];
            entries.Add(new ConfigEntryDescription(
                key.Name, Sensitive(key, ConfigParser.Format(r.Value)), r.Source, key.IsSensitive, IsReadOnly: false,
                key.Type, key.Documentation, synonyms));
        }

        return entries;
    }

    private static ResolvedValue Resolve(
        ConfigKey key, IReadOnlyDictionary<string, string> topicOverrides, IReadOnlyDictionary<string, string> brokerProperties)
    {
        if (topicOverrides.TryGetValue(key.Name, out var raw))
        {
            return new ResolvedValue(ParseAndValidate(key, key.Name, raw), ConfigSource.TopicConfig);
        }

        foreach (var syn in key.Synonyms)
        {
            if (brokerProperties.TryGetValue(syn.Name, out raw))
            {
                return new ResolvedValue(ParseAndValidate(key, syn.Name, Convert(syn, raw)), ConfigSource.StaticBrokerConfig);
            }
        }

        foreach (var syn in key.Synonyms)
        {
            if (syn.DefaultValue is not null)
            {
                return new ResolvedValue(ParseAndValidate(key, syn.Name, Convert(syn, syn.DefaultValue)), ConfigSource.DefaultConfig);
            }
        }

        return new ResolvedValue(ParseAndValidate(key, key.Name, key.DefaultValue ?? ""), ConfigSource.DefaultConfig);
    }

    // Broker keys in coarser units (hours, minutes) are scaled to the topic key's unit; a
    // negative value means "unlimited" and becomes -1 rather than a large negative number.
    private static string Convert(BrokerSynonym syn, string raw)
    {
        if (syn.Multiplier == 1)
        {
            return raw;
        }

        if (!ConfigParser.TryParse(syn.Type, raw, out var parsed, out var error))
        {
            throw new ConfigException(syn.Name, raw, error!);
        }

        var v = System.Convert.ToInt64(parsed, CultureInfo.InvariantCulture);
        var scaled = v < 0 ? -1 : checked(v * syn.Multiplier);
        return scaled.ToString(CultureInfo.InvariantCulture);
    }

    private static object ParseAndValidate(ConfigKey key, string source, string raw)
    {
        if (!ConfigParser.TryParse(key.Type, raw, out var value, out var error))
        {
            throw new ConfigException(source, raw, error!);
        }

        if (key.Validator?.Validate(value) is { } reason)
        {
            throw new ConfigException(source, raw, reason);
        }

        return value;
    }

    private static string? Sensitive(ConfigKey key, string? value) => key.IsSensitive ? null : value;

    private static ConfigKey Key(string name, ConfigType type, string? defaultValue, IConfigValidator? validator, string doc, params BrokerSynonym[] synonyms) =>
        new(name, type, defaultValue, validator, doc, synonyms);

    private static BrokerSynonym Syn(string name, ConfigType type, string? defaultValue, long multiplier = 1) =>
        new(name, type, defaultValue, multiplier);

    private static Dictionary<string, ConfigKey> BuildIndex()
    {
        var d = new Dictionary<string, ConfigKey>(StringComparer.Ordinal);
        foreach (var k in Keys)
        {
            d.Add(k.Name, k);
        }

        return d;
    }

    internal readonly record struct ResolvedValue(object Value, ConfigSource Source);
}
