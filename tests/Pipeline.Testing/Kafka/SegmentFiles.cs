namespace Pipeline.Testing.Kafka;

/// <summary>
/// Reads and damages a partition's on-disk log the way Kafka lays it out:
/// <c>&lt;log.dir&gt;/&lt;topic&gt;-&lt;partition&gt;/&lt;20-digit base offset&gt;.log</c>. For fault tests
/// (run only while the broker is stopped) and for checking what the broker really stored.
/// </summary>
public static class SegmentFiles
{
    public static string PartitionDirectory(string logDir, string topic, int partition)
    {
        var dir = Path.Combine(logDir, $"{topic}-{partition}");
        if (!Directory.Exists(dir))
        {
            var present = Directory.Exists(logDir) ? string.Join(", ", Directory.GetFileSystemEntries(logDir).Select(Path.GetFileName)) : "(log dir missing)";
            throw new DirectoryNotFoundException($"no partition directory {dir}; {logDir} holds: {present}");
        }

        return dir;
    }

    /// <summary>The .log files of a partition, oldest first (their names are zero-padded base offsets).</summary>
    public static IReadOnlyList<string> LogFiles(string logDir, string topic, int partition) =>
        Directory.GetFiles(PartitionDirectory(logDir, topic, partition), "*.log").Order(StringComparer.Ordinal).ToArray();

    /// <summary>The newest (active) segment's .log file.</summary>
    public static string ActiveLogFile(string logDir, string topic, int partition)
    {
        var files = LogFiles(logDir, topic, partition);
        return files.Count > 0 ? files[^1] : throw new FileNotFoundException($"no .log file for {topic}-{partition} under {logDir}");
    }

    /// <summary>Every whole batch of every segment, in file order.</summary>
    public static IReadOnlyList<DecodedBatch> ReadBatches(string logDir, string topic, int partition)
    {
        var all = new List<DecodedBatch>();
        foreach (var f in LogFiles(logDir, topic, partition))
        {
            all.AddRange(TestRecordBatch.Decode(ReadShared(f)));
        }

        return all;
    }

    /// <summary>Reads a file another process may hold open for writing.</summary>
    public static byte[] ReadShared(string path)
    {
        using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var bytes = new byte[f.Length];
        f.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>Cuts the last <paramref name="bytes"/> bytes off a file.</summary>
    public static void Truncate(string path, int bytes)
    {
        using var f = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        f.SetLength(Math.Max(0, f.Length - bytes));
    }

    /// <summary>Sets a file's length (a shorter length cuts its tail).</summary>
    public static void SetLength(string path, long length)
    {
        using var f = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        f.SetLength(length);
    }

    /// <summary>XORs the byte at <paramref name="position"/> with 0xFF.</summary>
    public static void FlipByte(string path, long position)
    {
        using var f = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        f.Position = position;
        var b = f.ReadByte();
        if (b < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(position), position, $"{path} has only {f.Length} bytes");
        }

        f.Position = position;
        f.WriteByte((byte)(b ^ 0xFF));
    }
}
