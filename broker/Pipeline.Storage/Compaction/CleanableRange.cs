using Pipeline.Storage.Log;

namespace Pipeline.Storage.Compaction;

/// <summary>
/// Which part of a compacted log a cleaning may cover (Kafka's LogCleanerManager.cleanableOffsets):
/// the dirty section starts at the cleaner checkpoint (or the log start) and ends before the
/// first uncleanable segment, which is the active one, the one holding the high watermark, or the
/// first one younger than min.compaction.lag.ms. <see cref="DirtyRatio"/> is the dirty bytes over
/// all bytes up to that end; <see cref="MustClean"/> is set when max.compaction.lag.ms has passed
/// for the oldest dirty segment.
/// </summary>
internal readonly record struct CleanableRange(
    long FirstDirtyOffset,
    long FirstUncleanableOffset,
    long CleanBytes,
    long DirtyBytes,
    bool MustClean)
{
    public double DirtyRatio => DirtyBytes == 0 ? 0 : (double)DirtyBytes / (CleanBytes + DirtyBytes);

    public bool ShouldClean(double minCleanableRatio) =>
        DirtyBytes > 0 && FirstUncleanableOffset > FirstDirtyOffset && (MustClean || DirtyRatio >= minCleanableRatio);

    public static CleanableRange Compute(PartitionLog log, long? checkpoint, long nowMs)
    {
        var config = log.Config;
        var segments = log.Segments;
        var logStart = log.LogStartOffset;
        var firstDirty = checkpoint is { } c && c >= logStart && c <= log.LogEndOffset ? c : logStart;

        // Segment index of the first uncleanable segment.
        var uncleanable = segments.Count - 1;
        var hw = log.HighWatermark;
        for (var i = 0; i < segments.Count - 1; i++)
        {
            var nextBase = segments[i + 1].BaseOffset;
            var tooYoung = config.MinCompactionLagMs > 0 && segments[i].NextOffset > firstDirty
                && segments[i].LargestTimestamp > nowMs - config.MinCompactionLagMs;
            if (nextBase > hw || tooYoung)
            {
                uncleanable = i;
                break;
            }
        }

        long clean = 0, dirty = 0;
        var mustClean = false;
        for (var i = 0; i < uncleanable; i++)
        {
            var s = segments[i];
            if (s.NextOffset <= logStart && i + 1 < segments.Count && segments[i + 1].BaseOffset <= logStart)
            {
                continue;
            }

            if (segments[i + 1].BaseOffset <= firstDirty)
            {
                clean += s.Size;
            }
            else
            {
                dirty += s.Size;
                var first = s.FirstBatchTimestamp >= 0 ? s.FirstBatchTimestamp : s.LargestTimestamp;
                mustClean |= config.MaxCompactionLagMs < long.MaxValue && first < nowMs - config.MaxCompactionLagMs;
            }
        }

        return new CleanableRange(firstDirty, segments[uncleanable].BaseOffset, clean, dirty, mustClean);
    }
}
