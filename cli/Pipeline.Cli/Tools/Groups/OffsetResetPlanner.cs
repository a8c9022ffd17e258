using Pipeline.Protocol;

namespace Pipeline.Cli.Tools.Groups;

/// <summary>
/// Computes the new offset of each partition, as kafka-consumer-groups does: an explicit or
/// shifted offset is clamped into [log start, log end]; a time with no record at or after it
/// goes to the log end; --to-current of a partition with no committed offset goes to the log
/// end; --shift-by needs a committed offset. Pure: the offsets are looked up by the caller.
/// </summary>
public static class OffsetResetPlanner
{
    public static IReadOnlyList<OffsetResetRow> Plan(
        string group,
        OffsetReset reset,
        IReadOnlyList<TopicPartition> partitions,
        IReadOnlyDictionary<TopicPartition, long> committed,
        IReadOnlyDictionary<TopicPartition, long> earliest,
        IReadOnlyDictionary<TopicPartition, long> latest,
        IReadOnlyDictionary<TopicPartition, long>? byTime = null)
    {
        var rows = new List<OffsetResetRow>(partitions.Count);
        foreach (var tp in partitions.OrderBy(p => p.Topic, StringComparer.Ordinal).ThenBy(p => p.Partition))
        {
            if (!earliest.TryGetValue(tp, out var start) || !latest.TryGetValue(tp, out var end))
            {
                throw new ToolException($"cannot read the offsets of {tp.Topic}-{tp.Partition} (no leader, or no such partition)");
            }

            long? current = committed.TryGetValue(tp, out var c) && c >= 0 ? c : null;
            var target = reset.Kind switch
            {
                OffsetResetKind.ToEarliest => start,
                OffsetResetKind.ToLatest => end,
                OffsetResetKind.ToCurrent => current ?? end,
                OffsetResetKind.ToOffset => reset.Value,
                OffsetResetKind.ShiftBy => (current ?? throw new ToolException(
                    $"cannot shift {tp.Topic}-{tp.Partition}: the group has no committed offset there (use --to-earliest, --to-latest or --to-offset)")) + reset.Value,
                _ => byTime is not null && byTime.TryGetValue(tp, out var t) && t >= 0 ? t : end,
            };
            rows.Add(new OffsetResetRow(group, tp.Topic, tp.Partition, current, Math.Clamp(target, start, Math.Max(start, end))));
        }

        return rows;
    }
}
