using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Pipeline.Protocol;
using Pipeline.Protocol.Records;
using Pipeline.Storage.IO;
using Pipeline.Storage.Log;

namespace Pipeline.Storage.Compaction;

/// <summary>
/// The log cleaner (Kafka's LogCleaner + Cleaner). A pass picks every log with cleanup.policy
/// compact whose dirty ratio reaches min.cleanable.dirty.ratio (or whose max.compaction.lag.ms
/// has passed), dirtiest first, and for each:
/// <list type="number">
/// <item>builds an <see cref="OffsetMap"/> of key -> latest offset over the dirty segments (as
/// many whole segments as the dedupe buffer holds);</item>
/// <item>rewrites the segments from the log start up to the end of that range, in groups that
/// fit one segment, keeping what <see cref="BatchFilter"/> keeps, into <c>*.cleaned</c> files
/// that are fsynced;</item>
/// <item>swaps each group in under the log's lock: <c>.cleaned</c> is renamed to <c>.swap</c>
/// (index files first, the log file last: that rename commits), the old segments are renamed
/// <c>.deleted</c>, then <c>.swap</c> is renamed to the final names. A crash at any step
/// leaves either the old segments or a complete swap, which <see cref="LogLoader"/> finishes;</item>
/// <item>moves the partition's entry in <c>cleaner-offset-checkpoint</c> to the end of the range.</item>
/// </list>
/// Transaction markers and aborted transactions are not removed (control batches are kept).
/// Threads: passes run one at a time (the LogManager's cleaner lock), on the cleaner job's
/// thread or a <c>RunCleanerPassAsync</c> task; checkpoint entries are read by checkpoint writers.
/// </summary>
internal sealed class LogCleaner : IDisposable
{
    private readonly ConcurrentDictionary<TopicPartition, (string Dir, long Offset)> _checkpoints = new();
    private readonly ConcurrentDictionary<TopicPartition, long> _deleteHorizons = new();
    private readonly RecordBatchReader _reader = new();
    private readonly long _dedupeBufferSize;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private OffsetMap? _map;

    public LogCleaner(long dedupeBufferSize, TimeProvider time, ILogger logger)
    {
        _dedupeBufferSize = dedupeBufferSize;
        _time = time;
        _logger = logger;
    }

    /// <summary>Test hook: called with a step name during a swap ("swap", "deleted", "renamed"); throwing simulates a crash there.</summary>
    internal Action<string>? SwapStepHook { get; set; }

    public void LoadCheckpoint(string dir, Dictionary<TopicPartition, long> entries)
    {
        foreach (var (tp, offset) in entries)
        {
            _checkpoints[tp] = (dir, offset);
        }
    }

    public List<KeyValuePair<TopicPartition, long>> CheckpointEntries(string dir)
    {
        var result = new List<KeyValuePair<TopicPartition, long>>();
        foreach (var (tp, (d, offset)) in _checkpoints)
        {
            if (d == dir)
            {
                result.Add(new(tp, offset));
            }
        }

        return result;
    }

    public long? FirstDirtyOffset(TopicPartition tp) => _checkpoints.TryGetValue(tp, out var e) ? e.Offset : null;

    public void Dispose() => _reader.Dispose();

    public void Forget(TopicPartition tp)
    {
        _checkpoints.TryRemove(tp, out _);
        _deleteHorizons.TryRemove(tp, out _);
    }

    /// <summary>
    /// Cleans every log that is due; returns how many were cleaned. When none is due, logs whose
    /// kept tombstones have reached their delete horizon are cleaned instead (KIP-534), so that
    /// tombstones go away on quiet topics too.
    /// </summary>
    public int RunPass(IEnumerable<PartitionLog> logs, CancellationToken ct)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var due = new List<(PartitionLog Log, CleanableRange Range)>();
        var expiredTombstones = new List<(PartitionLog Log, CleanableRange Range)>();
        foreach (var log in logs)
        {
            if (!log.Config.Compact || log.IsClosed)
            {
                continue;
            }

            var range = CleanableRange.Compute(log, FirstDirtyOffset(log.TopicPartition), now);
            if (range.ShouldClean(log.Config.MinCleanableDirtyRatio))
            {
                due.Add((log, range));
            }
            else if (_deleteHorizons.TryGetValue(log.TopicPartition, out var horizon) && horizon <= now && range.FirstUncleanableOffset > log.LogStartOffset)
            {
                expiredTombstones.Add((log, range));
            }
        }

        if (due.Count == 0)
        {
            due = expiredTombstones;
        }

        due.Sort((a, b) => a.Range.MustClean != b.Range.MustClean ? (a.Range.MustClean ? -1 : 1) : b.Range.DirtyRatio.CompareTo(a.Range.DirtyRatio));
        var cleaned = 0;
        foreach (var (log, range) in due)
        {
            ct.ThrowIfCancellationRequested();
            if (Clean(log, range, now))
            {
                cleaned++;
            }
        }

        return cleaned;
    }

    private bool Clean(PartitionLog log, CleanableRange range, long now)
    {
        var name = log.TopicPartition.ToString();
        var segments = log.Segments;
        var map = _map ??= new OffsetMap(_dedupeBufferSize);
        map.Clear();
        var producerLast = new Dictionary<long, long>();

        // 1. Offset map over whole dirty segments, as many as fit.
        var end = 0;
        while (end < segments.Count - 1 && segments[end].BaseOffset < range.FirstUncleanableOffset)
        {
            var s = segments[end];
            if (segments[end + 1].BaseOffset > range.FirstDirtyOffset)
            {
                if (map.IsFull && end > 0)
                {
                    break;
                }

                if (!ForEachBatch(s, (batch, _) => AddToMap(batch, _reader, map, range.FirstDirtyOffset), out var problem))
                {
                    StorageLog.CleaningAborted(_logger, name, problem!);
                    return false;
                }
            }

            end++;
        }

        if (end == 0)
        {
            return false;
        }

        var endOffset = segments[end].BaseOffset;

        // 2. Each producer's last batch in the range, whose metadata must survive.
        for (var i = 0; i < end; i++)
        {
            if (!ForEachBatch(segments[i], (batch, _) => NoteProducer(batch, producerLast), out var problem))
            {
                StorageLog.CleaningAborted(_logger, name, problem!);
                return false;
            }
        }

        // 3. Rewrite and swap, one group of segments at a time.
        long before = 0, after = 0;
        using var filter = new BatchFilter();
        foreach (var group in GroupBySize(segments, end, log.Config.SegmentBytes, log.Config.SegmentIndexBytes))
        {
            if (!CleanGroup(log, group, map, producerLast, filter, now, out var sizeBefore, out var sizeAfter))
            {
                return false;
            }

            before += sizeBefore;
            after += sizeAfter;
        }

        _checkpoints[log.TopicPartition] = (Path.GetDirectoryName(log.Dir)!, endOffset);
        if (filter.LatestDeleteHorizon >= 0)
        {
            _deleteHorizons[log.TopicPartition] = filter.LatestDeleteHorizon;
        }
        else
        {
            _deleteHorizons.TryRemove(log.TopicPartition, out _);
        }

        StorageLog.LogCleaned(_logger, name, range.FirstDirtyOffset, endOffset, before, after);
        return true;
    }

    private bool CleanGroup(
        PartitionLog log, List<LogSegment> group, OffsetMap map, Dictionary<long, long> producerLast,
        BatchFilter filter, long now, out long sizeBefore, out long sizeAfter)
    {
        var config = log.Config;
        var dir = log.Dir;
        var baseOffset = group[0].BaseOffset;
        sizeBefore = 0;
        sizeAfter = 0;
        foreach (var suffix in new[] { LogFileNames.LogSuffix, LogFileNames.IndexSuffix, LogFileNames.TimeIndexSuffix })
        {
            File.Delete(LogFileNames.PathOf(dir, baseOffset, suffix + LogFileNames.CleanedSuffix));
        }

        var cleaned = LogSegment.Create(dir, baseOffset, config.SegmentIndexBytes, 0, now, 0, _logger, LogFileNames.CleanedSuffix);
        var sizes = new List<(LogSegment, long)>(group.Count);
        var ok = true;
        string? problem = null;
        foreach (var s in group)
        {
            sizes.Add((s, s.Size));
            sizeBefore += s.Size;
            ok = ForEachBatch(s, (batch, _) =>
            {
                var h = new RecordBatchHeader(batch);
                var last = h.HasProducerId && producerLast.TryGetValue(h.ProducerId, out var l) && l == h.LastOffset;
                var keep = filter.Filter(batch, map, now, config.DeleteRetentionMs, last);
                if (!keep.IsEmpty)
                {
                    var k = new RecordBatchHeader(keep);
                    cleaned.Append(keep, k.LastOffset, k.MaxTimestamp, config.IndexIntervalBytes, now);
                }
            }, out problem);
            if (!ok)
            {
                break;
            }
        }

        if (ok)
        {
            cleaned.OnBecomeInactive();
            cleaned.Flush();
            sizeAfter = cleaned.Size;
            ok = log.TryReplaceSegments(group, sizes, cleaned, () => Commit(log, group, cleaned));
            problem ??= "the log changed while it was being cleaned";
        }

        if (!ok)
        {
            cleaned.CloseHandles();
            cleaned.DeleteFiles();
            StorageLog.CleaningAborted(_logger, log.TopicPartition.ToString(), problem ?? "failed");
        }

        return ok;
    }

    // Runs under the log's lock once nothing changed: the three renames that swap the group.
    private void Commit(PartitionLog log, List<LogSegment> group, LogSegment cleaned)
    {
        cleaned.RenameFiles(static p => p[..^LogFileNames.CleanedSuffix.Length] + LogFileNames.SwapSuffix);
        NativeFile.SyncDirectory(log.Dir);
        SwapStepHook?.Invoke("swap");
        foreach (var old in group)
        {
            log.Deleter.Delete(old, log.Config.FileDeleteDelayMs);
        }

        SwapStepHook?.Invoke("deleted");
        cleaned.RenameFiles(static p => p[..^LogFileNames.SwapSuffix.Length]);
        NativeFile.SyncDirectory(log.Dir);
        SwapStepHook?.Invoke("renamed");
    }

    private static void AddToMap(ReadOnlySpan<byte> batch, RecordBatchReader reader, OffsetMap map, long firstDirty)
    {
        var h = new RecordBatchHeader(batch);
        if (h.IsControl || h.LastOffset < firstDirty)
        {
            return;
        }

        foreach (var record in reader.Records(batch))
        {
            if (record.HasKey && record.Offset >= firstDirty && !map.Put(record.Key, record.Offset))
            {
                throw new CleanerBufferFullException();
            }
        }
    }

    private static void NoteProducer(ReadOnlySpan<byte> batch, Dictionary<long, long> producerLast)
    {
        var h = new RecordBatchHeader(batch);
        if (h.HasProducerId)
        {
            producerLast[h.ProducerId] = h.LastOffset;
        }
    }

    private delegate void BatchAction(ReadOnlySpan<byte> batch, long position);

    // Scans a segment's batches with CRC checks; false (with the reason) on corruption, a
    // segment deleted meanwhile, a record that does not parse or a full offset map.
    private static bool ForEachBatch(LogSegment segment, BatchAction action, out string? problem)
    {
        problem = null;
        if (!segment.Log.TryAcquire())
        {
            problem = "segment was deleted";
            return false;
        }

        var scanner = new BatchScanner(segment.Log, 0, segment.Size, segment.BaseOffset, segment.BaseOffset, checkCrc: true);
        try
        {
            BatchCheck check;
            while ((check = scanner.Next(out var batch, out var position)) == BatchCheck.Valid)
            {
                action(batch, position);
            }

            if (check != BatchCheck.End)
            {
                problem = $"{segment.Log.Path} at {scanner.Position}: {scanner.FailureReason}";
                return false;
            }

            return true;
        }
        catch (CorruptRecordException e)
        {
            problem = $"{segment.Log.Path}: {e.Message}";
            return false;
        }
        catch (CleanerBufferFullException)
        {
            problem = "log.cleaner.dedupe.buffer.size is too small for one segment's keys";
            return false;
        }
        finally
        {
            scanner.Dispose();
            segment.Log.ReleaseRef();
        }
    }

    // Kafka's groupSegmentsBySize: consecutive segments whose sizes, index entries and offset
    // span fit one segment.
    private static IEnumerable<List<LogSegment>> GroupBySize(IReadOnlyList<LogSegment> segments, int end, int maxSize, int maxIndexBytes)
    {
        var i = 0;
        while (i < end)
        {
            var group = new List<LogSegment> { segments[i] };
            long size = segments[i].Size;
            long indexBytes = (long)segments[i].OffsetIndex.Count * 8;
            i++;
            while (i < end
                && size + segments[i].Size <= maxSize
                && indexBytes + ((long)segments[i].OffsetIndex.Count * 8) <= maxIndexBytes
                && segments[i].NextOffset - group[0].BaseOffset <= int.MaxValue)
            {
                size += segments[i].Size;
                indexBytes += (long)segments[i].OffsetIndex.Count * 8;
                group.Add(segments[i]);
                i++;
            }

            yield return group;
        }
    }

    private sealed class CleanerBufferFullException : Exception;
}
