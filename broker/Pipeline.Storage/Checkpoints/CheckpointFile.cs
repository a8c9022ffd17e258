using System.Globalization;
using System.Text;
using Pipeline.Storage.IO;

namespace Pipeline.Storage.Checkpoints;

/// <summary>
/// Kafka's text checkpoint format: a version line, an entry-count line, then one entry per line
/// with space-separated fields, e.g. for offsets
/// <code>
/// 0
/// 2
/// orders 0 1234
/// orders 1 99
/// </code>
/// Writes are atomic: the text goes to <c>&lt;file&gt;.tmp</c>, is fsynced, renamed over the file,
/// and the directory is fsynced. Threads: callers serialize writes of one file.
/// </summary>
internal static class CheckpointFile
{
    public static void Write(string path, int version, IReadOnlyList<string> entries)
    {
        var text = new StringBuilder();
        text.Append(version.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append(entries.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var e in entries)
        {
            text.Append(e).Append('\n');
        }

        WriteAtomically(path, Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>Reads the entries; false with a reason when the file is missing or malformed.</summary>
    public static bool TryRead(string path, int expectedVersion, out List<string[]> entries, out string? problem)
    {
        entries = [];
        if (!File.Exists(path))
        {
            problem = "missing";
            return false;
        }

        var lines = File.ReadAllLines(path);
        if (lines.Length < 2
            || !int.TryParse(lines[0], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            || !int.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            problem = "malformed header";
            return false;
        }

        if (version != expectedVersion)
        {
            problem = $"unsupported version {version}";
            return false;
        }

        if (lines.Length < count + 2)
        {
            problem = $"expected {count} entries, found {lines.Length - 2}";
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            entries.Add(lines[i + 2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }

        problem = null;
        return true;
    }

    public static void WriteAtomically(string path, ReadOnlySpan<byte> content)
    {
        var tmp = path + Log.LogFileNames.TempSuffix;
        using (var handle = File.OpenHandle(tmp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            RandomAccess.Write(handle, content, 0);
            NativeFile.DataSync(handle);
        }

        File.Move(tmp, path, overwrite: true);
        NativeFile.SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }
}
