using Pipeline.Storage.Config;
using Pipeline.Storage.Log;

namespace Pipeline.Storage.Retention;

/// <summary>
/// Which leading segments retention may delete (Kafka's UnifiedLog.deleteOldSegments): with
/// cleanup.policy containing delete, segments whose largest timestamp is older than retention.ms,
/// the oldest segments while the partition exceeds retention.bytes, and segments wholly below the
/// log start offset; with compact only, just the last kind. Deletion stops at the first segment
/// that does not qualify, never passes the high watermark, and skips an empty active segment; an
/// expired non-empty active segment does qualify (the log then rolls a fresh one, as Kafka does).
/// Pure function over a snapshot; runs on the retention thread under the log's lock.
/// </summary>
internal static class RetentionPolicy
{
    public readonly record struct Decision(int Count, string Reason);

    public static Decision DeletableSegments(
        IReadOnlyList<LogSegment> segments, LogConfig config, long nowMs, long logStartOffset, long highWatermark, long logEndOffset)
    {
        var byStart = DeletableBelowStartOffset(segments, logStartOffset, highWatermark, logEndOffset);
        if (!config.Delete)
        {
            return new Decision(byStart, "log start offset");
        }

        var byTime = 0;
        if (config.RetentionMs >= 0)
        {
            byTime = CountDeletable(segments, highWatermark, logEndOffset, (s, _) => nowMs - s.LargestTimestamp > config.RetentionMs);
        }

        var bySize = 0;
        if (config.RetentionBytes >= 0)
        {
            long total = 0;
            foreach (var s in segments)
            {
                total += s.Size;
            }

            var excess = total - config.RetentionBytes;
            if (excess > 0)
            {
                bySize = CountDeletable(segments, highWatermark, logEndOffset, (s, _) =>
                {
                    if (excess - s.Size < 0)
                    {
                        return false;
                    }

                    excess -= s.Size;
                    return true;
                });
            }
        }

        var count = Math.Max(byStart, Math.Max(byTime, bySize));
        var reason = count == byTime && byTime > 0 ? "retention.ms" : count == bySize && bySize > 0 ? "retention.bytes" : "log start offset";
        return new Decision(count, reason);
    }

    /// <summary>Leading segments that lie wholly below the log start offset (DeleteRecords, compacted logs).</summary>
    public static int DeletableBelowStartOffset(IReadOnlyList<LogSegment> segments, long logStartOffset, long highWatermark, long logEndOffset) =>
        CountDeletable(segments, highWatermark, logEndOffset, (_, next) => next is not null && next.BaseOffset <= logStartOffset);

    private static int CountDeletable(IReadOnlyList<LogSegment> segments, long highWatermark, long logEndOffset, Func<LogSegment, LogSegment?, bool> predicate)
    {
        var count = 0;
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            var next = i + 1 < segments.Count ? segments[i + 1] : null;
            var upperBound = next?.BaseOffset ?? logEndOffset;
            var lastAndEmpty = next is null && segment.Size == 0;
            if (lastAndEmpty || highWatermark < upperBound || !predicate(segment, next))
            {
                break;
            }

            count++;
        }

        return count;
    }
}
