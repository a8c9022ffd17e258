using Pipeline.Storage.Config;

namespace Pipeline.Storage.Tests.Config;

public sealed class LogConfigTests
{
    private static readonly Dictionary<string, string> None = [];

    [Fact]
    public void Default_MatchesKafkaDefaults()
    {
        var c = LogConfig.Default;

        Assert.Equal(["delete"], c.CleanupPolicy);
        Assert.Equal(604_800_000, c.RetentionMs);
        Assert.Equal(-1, c.RetentionBytes);
        Assert.Equal(1_073_741_824, c.SegmentBytes);
        Assert.Equal(604_800_000, c.SegmentMs);
        Assert.Equal(10_485_760, c.SegmentIndexBytes);
        Assert.Equal(4096, c.IndexIntervalBytes);
        Assert.Equal(long.MaxValue, c.FlushMessages);
        Assert.Equal(long.MaxValue, c.FlushMs);
        Assert.Equal(1_048_588, c.MaxMessageBytes);
        Assert.Equal(86_400_000, c.DeleteRetentionMs);
        Assert.Equal(0.5, c.MinCleanableDirtyRatio);
        Assert.Equal(60_000, c.FileDeleteDelayMs);
        Assert.Equal("producer", c.CompressionType);
        Assert.Equal("CreateTime", c.MessageTimestampType);
        Assert.Equal(1, c.MinInSyncReplicas);
        Assert.False(c.UncleanLeaderElectionEnable);
    }

    [Theory]
    [InlineData("retention.ms", "5", "log.retention.ms", "7", 5)]
    [InlineData(null, null, "log.retention.ms", "7", 7)]
    [InlineData(null, null, "log.retention.minutes", "2", 120_000)]
    [InlineData(null, null, "log.retention.hours", "1", 3_600_000)]
    [InlineData(null, null, "log.retention.hours", "-1", -1)]
    public void RetentionMs_TopicThenBrokerSynonymsInPrecedence(string? topicKey, string? topicValue, string brokerKey, string brokerValue, long expected)
    {
        var topic = topicKey is null ? None : new Dictionary<string, string> { [topicKey] = topicValue! };
        var broker = new Dictionary<string, string> { [brokerKey] = brokerValue, ["log.retention.hours"] = brokerKey == "log.retention.hours" ? brokerValue : "99" };

        Assert.Equal(expected, LogConfig.Create(topic, broker).RetentionMs);
    }

    [Fact]
    public void FlushMs_FallsBackToTheFlushSchedulerInterval()
    {
        var broker = new Dictionary<string, string> { ["log.flush.scheduler.interval.ms"] = "2000" };

        Assert.Equal(2000, LogConfig.Create(None, broker).FlushMs);
        broker["log.flush.interval.ms"] = "500";
        Assert.Equal(500, LogConfig.Create(None, broker).FlushMs);
    }

    [Fact]
    public void CleanupPolicy_CompactAndDelete()
    {
        var c = LogConfig.Create(new Dictionary<string, string> { ["cleanup.policy"] = "compact, delete" }, None);

        Assert.True(c.Compact);
        Assert.True(c.Delete);
    }

    [Theory]
    [InlineData("nope.config", "1", "Unknown topic config name: nope.config")]
    [InlineData("retention.ms", "abc", "Invalid value abc for configuration retention.ms: Not a number of type LONG")]
    [InlineData("retention.ms", "-2", "Invalid value -2 for configuration retention.ms: Value must be at least -1")]
    [InlineData("min.cleanable.dirty.ratio", "1.5", "Invalid value 1.5 for configuration min.cleanable.dirty.ratio: Value must be no more than 1")]
    [InlineData("cleanup.policy", "compact,forever", "Invalid value compact,forever for configuration cleanup.policy: Invalid value forever; every item must be one of: compact, delete")]
    [InlineData("compression.type", "brotli", "Invalid value brotli for configuration compression.type: String must be one of: uncompressed, zstd, lz4, snappy, gzip, producer")]
    [InlineData("preallocate", "yes", "Invalid value yes for configuration preallocate: Expected value to be either true or false")]
    [InlineData("segment.bytes", "10", "Invalid value 10 for configuration segment.bytes: Value must be at least 14")]
    [InlineData("leader.replication.throttled.replicas", "1-2", "Invalid value 1-2 for configuration leader.replication.throttled.replicas: Must be the literal '*' or a list of replicas in the form [PartitionId]:[BrokerId],[PartitionId]:[BrokerId],...")]
    public void Create_InvalidTopicValue_ThrowsConfigExceptionNamingKeyAndReason(string key, string value, string message)
    {
        var e = Assert.Throws<ConfigException>(() => LogConfig.Create(new Dictionary<string, string> { [key] = value }, None));

        Assert.Equal(key, e.Name);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Create_InvalidBrokerSynonym_NamesTheBrokerKey()
    {
        var e = Assert.Throws<ConfigException>(() => LogConfig.Create(None, new Dictionary<string, string> { ["log.segment.bytes"] = "3" }));

        Assert.Equal("log.segment.bytes", e.Name);
    }

    [Fact]
    public void Create_MinCompactionLagAboveMax_Conflicts()
    {
        var topic = new Dictionary<string, string> { ["min.compaction.lag.ms"] = "10", ["max.compaction.lag.ms"] = "5" };

        var e = Assert.Throws<ConfigException>(() => LogConfig.Create(topic, None));

        Assert.Equal("min.compaction.lag.ms", e.Name);
    }

    [Fact]
    public void Create_DeprecatedTimestampDifference_AppliesWhenNewKeysUnset()
    {
        var c = LogConfig.Create(new Dictionary<string, string> { ["message.timestamp.difference.max.ms"] = "1000" }, None);
        var explicitBefore = LogConfig.Create(new Dictionary<string, string> { ["message.timestamp.difference.max.ms"] = "1000", ["message.timestamp.before.max.ms"] = "5" }, None);

        Assert.Equal(1000, c.MessageTimestampBeforeMaxMs);
        Assert.Equal(1000, c.MessageTimestampAfterMaxMs);
        Assert.Equal(5, explicitBefore.MessageTimestampBeforeMaxMs);
    }

    [Fact]
    public void Describe_ReportsValueSourceAndSynonymChain()
    {
        var topic = new Dictionary<string, string> { ["retention.ms"] = "1000" };
        var broker = new Dictionary<string, string> { ["log.retention.minutes"] = "5", ["log.segment.bytes"] = "2048" };

        var entries = LogConfig.Describe(topic, broker).ToDictionary(e => e.Name);

        var retention = entries["retention.ms"];
        Assert.Equal("1000", retention.Value);
        Assert.Equal(ConfigSource.TopicConfig, retention.Source);
        Assert.Equal(ConfigType.Long, retention.Type);
        Assert.Equal(
            [new ConfigSynonym("retention.ms", "1000", ConfigSource.TopicConfig), new ConfigSynonym("log.retention.minutes", "5", ConfigSource.StaticBrokerConfig), new ConfigSynonym("log.retention.hours", "168", ConfigSource.DefaultConfig)],
            retention.Synonyms);
        Assert.Equal("2048", entries["segment.bytes"].Value);
        Assert.Equal(ConfigSource.StaticBrokerConfig, entries["segment.bytes"].Source);
        Assert.Equal("delete", entries["cleanup.policy"].Value);
        Assert.Equal(ConfigSource.DefaultConfig, entries["cleanup.policy"].Source);
        Assert.Equal(ConfigType.List, entries["cleanup.policy"].Type);
        Assert.Equal([new ConfigSynonym("remote.storage.enable", "false", ConfigSource.DefaultConfig)], entries["remote.storage.enable"].Synonyms);
        Assert.Equal(LogConfigDef.Keys.Count, entries.Count);
        Assert.All(entries.Values, e => Assert.False(string.IsNullOrWhiteSpace(e.Documentation)));
    }

    [Fact]
    public void Definitions_CoverTheStorageTopicConfigsOfTheReference()
    {
        string[] expected =
        [
            "cleanup.policy", "retention.ms", "retention.bytes", "segment.bytes", "segment.ms", "segment.jitter.ms",
            "segment.index.bytes", "index.interval.bytes", "flush.messages", "flush.ms", "min.insync.replicas",
            "max.message.bytes", "compression.type", "compression.gzip.level", "compression.lz4.level", "compression.zstd.level",
            "message.timestamp.type", "message.timestamp.before.max.ms", "message.timestamp.after.max.ms",
            "message.timestamp.difference.max.ms", "delete.retention.ms", "min.compaction.lag.ms", "max.compaction.lag.ms",
            "min.cleanable.dirty.ratio", "file.delete.delay.ms", "unclean.leader.election.enable", "preallocate",
            "message.format.version", "message.downconversion.enable", "remote.storage.enable", "local.retention.ms",
            "local.retention.bytes", "leader.replication.throttled.replicas", "follower.replication.throttled.replicas",
        ];

        Assert.Equal(expected.Order(), LogConfigDef.Keys.Select(k => k.Name).Order());
        Assert.True(LogConfigDef.TryGetKey("segment.ms", out var segmentMs));
        Assert.Equal(["log.roll.ms", "log.roll.hours"], segmentMs.Synonyms.Select(s => s.Name));
    }
}
