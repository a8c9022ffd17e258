using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Pipeline.Connectors.File.Csv;

/// <summary>
/// The task's view of <c>input.path</c>: which file to read next (name order, matching the
/// pattern, old enough, in this task's share) and what to do with a file once done. Task thread only.
/// </summary>
internal sealed class InputDirectory
{
    private readonly CsvSourceConfig _config;

    public InputDirectory(CsvSourceConfig config)
    {
        _config = config;
        if (!Directory.Exists(config.Input))
        {
            throw new Connect.Api.Errors.ConnectException($"input.path '{config.Input}' does not exist or is not a directory");
        }

        if (config.Cleanup == CleanupPolicy.Move)
        {
            Directory.CreateDirectory(config.Finished!);
        }

        if (config.Error is not null)
        {
            Directory.CreateDirectory(config.Error);
        }
    }

    /// <summary>
    /// The first file by ordinal name that is not in flight and not already done in place.
    /// Files are split between tasks by a stable hash of their name.
    /// </summary>
    public FileInfo? NextFile(IReadOnlyDictionary<string, InputFileProgress> inFlight, IReadOnlyDictionary<string, (long LastModified, long Length)> leftInPlace)
    {
        var now = DateTime.UtcNow;
        FileInfo? best = null;
        foreach (var info in new DirectoryInfo(_config.Input).EnumerateFiles())
        {
            var name = info.Name;
            if (!_config.FilePattern.IsMatch(name)
                || (_config.TaskTotal > 1 && Share(name) != _config.TaskNumber)
                || inFlight.ContainsKey(name)
                || (best is not null && string.CompareOrdinal(name, best.Name) >= 0))
            {
                continue;
            }

            if (now - info.LastWriteTimeUtc < _config.MinimumAge)
            {
                continue;
            }

            if (leftInPlace.TryGetValue(name, out var done)
                && done.LastModified == new DateTimeOffset(info.LastWriteTimeUtc).ToUnixTimeMilliseconds()
                && done.Length == info.Length)
            {
                continue;
            }

            best = info;
        }

        return best;
    }

    /// <summary>Moves, deletes or leaves a finished file; a file given up on goes to error.path with a .error.txt beside it.</summary>
    public void CleanUp(string path, string? error)
    {
        try
        {
            if (!System.IO.File.Exists(path))
            {
                return;
            }

            if (error is not null)
            {
                var target = FreeName(_config.Error!, Path.GetFileName(path));
                System.IO.File.Move(path, target);
                System.IO.File.WriteAllText(target + ".error.txt", error + "\n", Encoding.UTF8);
                return;
            }

            switch (_config.Cleanup)
            {
                case CleanupPolicy.Move:
                    System.IO.File.Move(path, FreeName(_config.Finished!, Path.GetFileName(path)));
                    break;
                case CleanupPolicy.Delete:
                    System.IO.File.Delete(path);
                    break;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The rows are written; a file we cannot move is read again after a restart and skipped by its offset.
            Trace.TraceWarning("CSV source: could not clean up {0}: {1}", path, e.Message);
        }
    }

    // Stable across processes (string.GetHashCode is randomized per process).
    internal static int ShareOf(string name, int taskCount)
    {
        var hash = 2166136261u;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)taskCount);
    }

    private int Share(string name) => ShareOf(name, _config.TaskTotal);

    // An earlier file of the same name is kept: the new one gets a time suffix.
    private static string FreeName(string directory, string name)
    {
        var target = Path.Combine(directory, name);
        if (!System.IO.File.Exists(target))
        {
            return target;
        }

        return Path.Combine(directory, name + "." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture));
    }
}
