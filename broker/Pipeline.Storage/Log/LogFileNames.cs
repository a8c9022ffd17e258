using System.Globalization;
using Pipeline.Protocol;

namespace Pipeline.Storage.Log;

/// <summary>
/// Kafka's on-disk names. A partition directory <c>&lt;topic&gt;-&lt;partition&gt;</c> holds segments
/// named by their base offset in 20 digits (<c>00000000000000000000.log</c>, <c>.index</c>,
/// <c>.timeindex</c>); <c>.cleaned</c>, <c>.swap</c> and <c>.deleted</c> mark files in the middle
/// of compaction or deletion. A deleted partition's directory is renamed
/// <c>&lt;topic&gt;-&lt;partition&gt;.&lt;uuid without dashes&gt;-delete</c> before it is removed.
/// </summary>
public static class LogFileNames
{
    public const string LogSuffix = ".log";
    public const string IndexSuffix = ".index";
    public const string TimeIndexSuffix = ".timeindex";
    public const string TxnIndexSuffix = ".txnindex";
    public const string ProducerSnapshotSuffix = ".snapshot";
    public const string DeletedSuffix = ".deleted";
    public const string CleanedSuffix = ".cleaned";
    public const string SwapSuffix = ".swap";
    public const string TempSuffix = ".tmp";
    public const string DeleteDirSuffix = "-delete";
    public const string FutureDirSuffix = "-future";
    public const string StrayDirSuffix = "-stray";

    public const string PartitionMetadata = "partition.metadata";
    public const string LeaderEpochCheckpoint = "leader-epoch-checkpoint";
    public const string RecoveryPointCheckpoint = "recovery-point-offset-checkpoint";
    public const string LogStartOffsetCheckpoint = "log-start-offset-checkpoint";
    public const string ReplicationOffsetCheckpoint = "replication-offset-checkpoint";
    public const string CleanerOffsetCheckpoint = "cleaner-offset-checkpoint";
    public const string CleanShutdown = ".kafka_cleanshutdown";
    public const string Lock = ".lock";

    public static string FileName(long baseOffset, string suffix) =>
        baseOffset.ToString("D20", CultureInfo.InvariantCulture) + suffix;

    public static string PathOf(string dir, long baseOffset, string suffix) =>
        Path.Combine(dir, FileName(baseOffset, suffix));

    /// <summary>Parses the 20-digit base offset that starts a segment file name.</summary>
    public static bool TryParseBaseOffset(string fileName, out long baseOffset)
    {
        baseOffset = 0;
        return fileName.Length > 20
            && fileName[20] == '.'
            && long.TryParse(fileName.AsSpan(0, 20), NumberStyles.None, CultureInfo.InvariantCulture, out baseOffset);
    }

    public static string DeleteDirName(TopicPartition tp) =>
        $"{tp}.{Guid.NewGuid():N}{DeleteDirSuffix}";
}
