using System.Globalization;
using Pipeline.Protocol;

namespace Pipeline.Storage.Checkpoints;

/// <summary>
/// A log-dir-level offset checkpoint (version 0, lines <c>topic partition offset</c>):
/// recovery-point-offset-checkpoint, log-start-offset-checkpoint, replication-offset-checkpoint
/// (high watermarks) and cleaner-offset-checkpoint share this format. Threads: the LogManager
/// serializes writes with its checkpoint lock.
/// </summary>
internal static class OffsetCheckpointFile
{
    public const int Version = 0;

    public static void Write(string path, IReadOnlyCollection<KeyValuePair<TopicPartition, long>> offsets)
    {
        var lines = new List<string>(offsets.Count);
        foreach (var (tp, offset) in offsets)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{tp.Topic} {tp.Partition} {offset}"));
        }

        CheckpointFile.Write(path, Version, lines);
    }

    public static Dictionary<TopicPartition, long> Read(string path, out string? problem)
    {
        var result = new Dictionary<TopicPartition, long>();
        if (!CheckpointFile.TryRead(path, Version, out var entries, out problem))
        {
            return result;
        }

        foreach (var e in entries)
        {
            if (e.Length != 3
                || !int.TryParse(e[1], NumberStyles.None, CultureInfo.InvariantCulture, out var partition)
                || !long.TryParse(e[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var offset))
            {
                problem = $"malformed entry '{string.Join(' ', e)}'";
                return [];
            }

            result[new TopicPartition(e[0], partition)] = offset;
        }

        return result;
    }
}
