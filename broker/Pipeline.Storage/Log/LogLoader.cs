using Microsoft.Extensions.Logging;
using Pipeline.Protocol;
using Pipeline.Protocol.Primitives;
using Pipeline.Storage.Checkpoints;
using Pipeline.Storage.Config;
using Pipeline.Storage.Epoch;
using Pipeline.Storage.IO;
using Pipeline.Storage.Producers;

namespace Pipeline.Storage.Log;

/// <summary>
/// Opens a partition directory (Kafka's LogLoader). In order:
/// <list type="number">
/// <item>stray files: <c>*.tmp</c> and <c>*.deleted</c> are removed; <c>*.cleaned</c> files (a
/// compaction that never committed) are removed, and so is any <c>*.swap</c> at or after the
/// smallest of their offsets; index files without a log are removed;</item>
/// <item>each remaining <c>.log.swap</c> (a committed swap interrupted before it finished) is
/// completed: regular segments inside its offset range are deleted and it is renamed into place;</item>
/// <item>segments are opened. After an unclean shutdown (no <c>.kafka_cleanshutdown</c>), the
/// segments from the one holding the recovery point on are rescanned batch by batch, the log is
/// truncated at the first invalid or torn batch and later segments are deleted, and what was
/// recovered is fsynced. Other segments only load their indexes, rebuilding missing or
/// inconsistent ones;</item>
/// <item>the leader epoch cache is truncated to the log end and start;</item>
/// <item>producer state is loaded from the latest <c>.snapshot</c> and completed by replaying
/// the batches after it (<see cref="ProducerStateLoader"/>).</item>
/// </list>
/// Threads: the LogManager's loading task for the log dir; the log is not shared yet.
/// </summary>
internal static class LogLoader
{
    /// <summary>Kafka's <c>producer.id.expiration.ms</c> default: one day.</summary>
    public const long DefaultProducerIdExpirationMs = 86_400_000;

    public readonly record struct Checkpoints(bool HadCleanShutdown, long? RecoveryPoint, long? LogStartOffset, long? HighWatermark);

    public static PartitionLog Load(string dir, TopicPartition tp, Uuid topicId, LogConfig config, Checkpoints checkpoints, TimeProvider time, ILogger logger, long producerIdExpirationMs = DefaultProducerIdExpirationMs)
    {
        RemoveStrayFiles(dir, logger, out var swaps);
        foreach (var swap in swaps)
        {
            CompleteSwap(dir, swap, config, logger);
        }

        var recoveryPoint = checkpoints.HadCleanShutdown ? long.MaxValue : checkpoints.RecoveryPoint ?? 0;
        var segments = new List<LogSegment>();
        foreach (var baseOffset in SegmentBaseOffsets(dir))
        {
            segments.Add(LogSegment.Open(dir, baseOffset, config.SegmentIndexBytes, 0, logger));
        }

        var recovered = false;
        var firstToRecover = segments.Count;
        for (var i = 0; i < segments.Count; i++)
        {
            var nextBase = i + 1 < segments.Count ? segments[i + 1].BaseOffset : long.MaxValue;
            if (nextBase > recoveryPoint)
            {
                firstToRecover = i;
                break;
            }
        }

        for (var i = 0; i < firstToRecover; i++)
        {
            segments[i].LoadIndexes(config.IndexIntervalBytes);
        }

        for (var i = firstToRecover; i < segments.Count; i++)
        {
            recovered = true;
            var dropped = segments[i].Recover(config.IndexIntervalBytes, out var reason);
            segments[i].Log.Flush();
            if (dropped > 0)
            {
                StorageLog.RecoveryTruncated(logger, tp.ToString(), segments[i].Log.Path, segments[i].Size, dropped, reason ?? "invalid batch");
                for (var j = segments.Count - 1; j > i; j--)
                {
                    StorageLog.RecoveryDeletedSegment(logger, tp.ToString(), segments[j].Log.Path);
                    segments[j].CloseHandles();
                    segments[j].DeleteFiles();
                    segments.RemoveAt(j);
                }
            }
        }

        var logStart = checkpoints.LogStartOffset ?? 0;
        if (segments.Count == 0)
        {
            segments.Add(LogSegment.Create(dir, logStart, config.SegmentIndexBytes, 0, time.GetUtcNow().ToUnixTimeMilliseconds(), 0, logger));
        }

        if (recovered)
        {
            NativeFile.SyncDirectory(dir);
        }

        var logEnd = segments[^1].NextOffset;
        logStart = Math.Min(Math.Max(logStart, segments[0].BaseOffset), logEnd);
        var epochFile = Path.Combine(dir, LogFileNames.LeaderEpochCheckpoint);
        var epochEntries = LeaderEpochCheckpointFile.Read(epochFile, out var epochProblem);
        if (epochProblem is not null && epochProblem != "missing")
        {
            StorageLog.CheckpointUnusable(logger, epochFile, epochProblem);
        }

        var epochs = new LeaderEpochCache(epochFile, epochEntries);
        epochs.TruncateFromEnd(logEnd);
        epochs.TruncateFromStart(logStart);

        var producers = new ProducerStateManager(dir, tp, producerIdExpirationMs, logger);
        ProducerStateLoader.Rebuild(producers, segments, logStart, logEnd, checkpoints.HadCleanShutdown, time.GetUtcNow().ToUnixTimeMilliseconds(), logger, tp.ToString());

        if (topicId.IsZero)
        {
            PartitionMetadataFile.TryRead(Path.Combine(dir, LogFileNames.PartitionMetadata), out topicId);
        }

        // After a clean shutdown or a recovery everything on disk has been synced.
        var log = new PartitionLog(
            dir, tp, topicId, config, [.. segments], logStart, recoveryPoint: logEnd,
            checkpoints.HighWatermark ?? logStart, epochs, producers, time, logger);
        StorageLog.LogLoaded(logger, tp.ToString(), log.LogStartOffset, log.LogEndOffset, segments.Count, recovered);
        return log;
    }

    /// <summary>Creates the directory, partition.metadata and an empty first segment of a new log.</summary>
    public static PartitionLog Create(string dir, TopicPartition tp, Uuid topicId, LogConfig config, TimeProvider time, ILogger logger, long producerIdExpirationMs = DefaultProducerIdExpirationMs)
    {
        Directory.CreateDirectory(dir);
        if (!topicId.IsZero)
        {
            PartitionMetadataFile.Write(Path.Combine(dir, LogFileNames.PartitionMetadata), topicId);
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var segment = LogSegment.Create(dir, 0, config.SegmentIndexBytes, config.Preallocate ? config.SegmentBytes : 0, now, 0, logger);
        NativeFile.SyncDirectory(dir);
        NativeFile.SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(dir))!);
        var epochs = new LeaderEpochCache(Path.Combine(dir, LogFileNames.LeaderEpochCheckpoint), []);
        var producers = new ProducerStateManager(dir, tp, producerIdExpirationMs, logger);
        return new PartitionLog(dir, tp, topicId, config, [segment], 0, 0, 0, epochs, producers, time, logger);
    }

    internal static IEnumerable<long> SegmentBaseOffsets(string dir)
    {
        var offsets = new List<long>();
        foreach (var path in Directory.EnumerateFiles(dir, "*" + LogFileNames.LogSuffix))
        {
            var name = Path.GetFileName(path);
            if (name.EndsWith(LogFileNames.LogSuffix, StringComparison.Ordinal) && LogFileNames.TryParseBaseOffset(name, out var offset))
            {
                offsets.Add(offset);
            }
        }

        offsets.Sort();
        return offsets;
    }

    private static void RemoveStrayFiles(string dir, ILogger logger, out List<long> swaps)
    {
        swaps = [];
        var minCleaned = long.MaxValue;
        var files = Directory.GetFiles(dir);
        foreach (var path in files)
        {
            var name = Path.GetFileName(path);
            if (name.EndsWith(LogFileNames.TempSuffix, StringComparison.Ordinal) || name.EndsWith(LogFileNames.DeletedSuffix, StringComparison.Ordinal))
            {
                File.Delete(path);
            }
            else if (name.EndsWith(LogFileNames.CleanedSuffix, StringComparison.Ordinal))
            {
                if (LogFileNames.TryParseBaseOffset(name, out var offset))
                {
                    minCleaned = Math.Min(minCleaned, offset);
                }

                File.Delete(path);
            }
        }

        foreach (var path in Directory.GetFiles(dir, "*" + LogFileNames.SwapSuffix))
        {
            var name = Path.GetFileName(path);
            if (!LogFileNames.TryParseBaseOffset(name, out var offset))
            {
                continue;
            }

            var logSwap = LogFileNames.PathOf(dir, offset, LogFileNames.LogSuffix + LogFileNames.SwapSuffix);
            if (offset >= minCleaned)
            {
                // Part of a cleaning that had not finished writing its .cleaned files.
                File.Delete(path);
            }
            else if (path == logSwap)
            {
                swaps.Add(offset);
            }
            else if (!File.Exists(logSwap))
            {
                // An index .swap whose log was already renamed into place: the index is rebuilt.
                File.Delete(path);
            }
        }

        foreach (var path in Directory.GetFiles(dir))
        {
            var name = Path.GetFileName(path);
            var isIndex = name.EndsWith(LogFileNames.IndexSuffix, StringComparison.Ordinal) || name.EndsWith(LogFileNames.TimeIndexSuffix, StringComparison.Ordinal);
            if (isIndex && LogFileNames.TryParseBaseOffset(name, out var offset) && !File.Exists(LogFileNames.PathOf(dir, offset, LogFileNames.LogSuffix)))
            {
                StorageLog.IgnoringFile(logger, path, "index without a log file; deleted");
                File.Delete(path);
            }
        }

        swaps.Sort();
    }

    // A .swap exists only after every .cleaned file of its cleaning was renamed, so the new data
    // is complete: drop the segments it replaces, then move it into place.
    private static void CompleteSwap(string dir, long baseOffset, LogConfig config, ILogger logger)
    {
        var swap = LogSegment.Open(dir, baseOffset, config.SegmentIndexBytes, 0, logger, LogFileNames.SwapSuffix);
        StorageLog.CompletingSwap(logger, swap.Log.Path);
        swap.Recover(config.IndexIntervalBytes, out _);
        var end = Math.Max(swap.NextOffset, baseOffset + 1);
        swap.CloseHandles();
        foreach (var old in SegmentBaseOffsets(dir))
        {
            if (old >= baseOffset && old < end)
            {
                foreach (var suffix in new[] { LogFileNames.LogSuffix, LogFileNames.IndexSuffix, LogFileNames.TimeIndexSuffix })
                {
                    File.Delete(LogFileNames.PathOf(dir, old, suffix));
                }
            }
        }

        foreach (var suffix in new[] { LogFileNames.IndexSuffix, LogFileNames.TimeIndexSuffix, LogFileNames.LogSuffix })
        {
            var from = LogFileNames.PathOf(dir, baseOffset, suffix + LogFileNames.SwapSuffix);
            if (File.Exists(from))
            {
                File.Move(from, LogFileNames.PathOf(dir, baseOffset, suffix), overwrite: true);
            }
        }

        NativeFile.SyncDirectory(dir);
    }
}
