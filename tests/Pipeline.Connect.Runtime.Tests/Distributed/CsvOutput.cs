namespace Pipeline.Connect.Runtime.Tests.Distributed;

/// <summary>Reads what the CSV sink has committed: its closed files (the <c>.tmp</c> files still open are not output yet).</summary>
internal static class CsvOutput
{
    /// <summary>How many times each row (a headerless one-column file's line) occurs in the closed files under <paramref name="path"/>.</summary>
    public static Dictionary<string, int> CountRows(string path)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!Directory.Exists(path))
        {
            return counts;
        }

        foreach (var file in Directory.EnumerateFiles(path, "*.csv"))
        {
            foreach (var line in File.ReadLines(file))
            {
                if (line.Length > 0)
                {
                    counts[line] = counts.GetValueOrDefault(line) + 1;
                }
            }
        }

        return counts;
    }
}
