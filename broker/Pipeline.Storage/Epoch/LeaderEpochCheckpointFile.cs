using System.Globalization;
using Pipeline.Storage.Checkpoints;

namespace Pipeline.Storage.Epoch;

/// <summary>The per-partition <c>leader-epoch-checkpoint</c> file: version 0, then lines <c>epoch startOffset</c>.</summary>
internal static class LeaderEpochCheckpointFile
{
    public const int Version = 0;

    public static void Write(string path, IReadOnlyList<EpochEntry> entries)
    {
        var lines = new List<string>(entries.Count);
        foreach (var e in entries)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{e.Epoch} {e.StartOffset}"));
        }

        CheckpointFile.Write(path, Version, lines);
    }

    public static List<EpochEntry> Read(string path, out string? problem)
    {
        var result = new List<EpochEntry>();
        if (!CheckpointFile.TryRead(path, Version, out var entries, out problem))
        {
            return result;
        }

        foreach (var e in entries)
        {
            if (e.Length != 2
                || !int.TryParse(e[0], NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
                || !long.TryParse(e[1], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                problem = $"malformed entry '{string.Join(' ', e)}'";
                return [];
            }

            result.Add(new EpochEntry(epoch, offset));
        }

        return result;
    }
}
