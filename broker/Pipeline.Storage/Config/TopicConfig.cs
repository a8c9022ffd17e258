namespace Pipeline.Storage.Config;

/// <summary>Topic config key names, spelled as in Kafka's TopicConfig.</summary>
public static class TopicConfig
{
    public const string CleanupPolicy = "cleanup.policy";
    public const string CompressionType = "compression.type";
    public const string CompressionGzipLevel = "compression.gzip.level";
    public const string CompressionLz4Level = "compression.lz4.level";
    public const string CompressionZstdLevel = "compression.zstd.level";
    public const string DeleteRetentionMs = "delete.retention.ms";
    public const string FileDeleteDelayMs = "file.delete.delay.ms";
    public const string FlushMessages = "flush.messages";
    public const string FlushMs = "flush.ms";
    public const string FollowerReplicationThrottledReplicas = "follower.replication.throttled.replicas";
    public const string IndexIntervalBytes = "index.interval.bytes";
    public const string LeaderReplicationThrottledReplicas = "leader.replication.throttled.replicas";
    public const string LocalRetentionBytes = "local.retention.bytes";
    public const string LocalRetentionMs = "local.retention.ms";
    public const string MaxCompactionLagMs = "max.compaction.lag.ms";
    public const string MaxMessageBytes = "max.message.bytes";
    public const string MessageDownconversionEnable = "message.downconversion.enable";
    public const string MessageFormatVersion = "message.format.version";
    public const string MessageTimestampAfterMaxMs = "message.timestamp.after.max.ms";
    public const string MessageTimestampBeforeMaxMs = "message.timestamp.before.max.ms";
    public const string MessageTimestampDifferenceMaxMs = "message.timestamp.difference.max.ms";
    public const string MessageTimestampType = "message.timestamp.type";
    public const string MinCleanableDirtyRatio = "min.cleanable.dirty.ratio";
    public const string MinCompactionLagMs = "min.compaction.lag.ms";
    public const string MinInSyncReplicas = "min.insync.replicas";
    public const string Preallocate = "preallocate";
    public const string RemoteStorageEnable = "remote.storage.enable";
    public const string RetentionBytes = "retention.bytes";
    public const string RetentionMs = "retention.ms";
    public const string SegmentBytes = "segment.bytes";
    public const string SegmentIndexBytes = "segment.index.bytes";
    public const string SegmentJitterMs = "segment.jitter.ms";
    public const string SegmentMs = "segment.ms";
    public const string UncleanLeaderElectionEnable = "unclean.leader.election.enable";

    public const string CleanupPolicyCompact = "compact";
    public const string CleanupPolicyDelete = "delete";
    public const string CreateTime = "CreateTime";
    public const string LogAppendTime = "LogAppendTime";
}
