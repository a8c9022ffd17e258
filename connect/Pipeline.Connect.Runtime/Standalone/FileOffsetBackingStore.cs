using System.Text.Json;
using Pipeline.Connect.Runtime.Storage;

namespace Pipeline.Connect.Runtime.Standalone;

/// <summary>
/// Source offsets of a standalone worker in one local file (<c>offset.storage.file.filename</c>):
/// a JSON object mapping each key text to its value text. Every <see cref="SetAsync"/> rewrites
/// the whole file through a temp file that is fsynced and renamed over it, so a crash leaves the
/// old or the new content, never a torn one. Kafka writes Java-serialized maps here; that format is
/// not readable outside the JVM, so this file is not interchangeable with Kafka's.
/// Thread-safe: reads under a lock, writes serialized by a semaphore.
/// </summary>
public sealed class FileOffsetBackingStore : IOffsetBackingStore
{
    private readonly string _path;
    private readonly Dictionary<string, string> _data = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public FileOffsetBackingStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = Path.GetFullPath(path);
    }

    /// <summary>The file's full path.</summary>
    public string FilePath => _path;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(_path))
        {
            return;
        }

        var bytes = await File.ReadAllBytesAsync(_path, cancellationToken).ConfigureAwait(false);
        if (bytes.Length == 0)
        {
            return;
        }

        var loaded = JsonSerializer.Deserialize<Dictionary<string, string>>(bytes)
            ?? throw new InvalidDataException($"offset file {_path} does not hold a JSON object");
        lock (_lock)
        {
            _data.Clear();
            foreach (var (k, v) in loaded)
            {
                _data[k] = v;
            }
        }
    }

    public Task<IReadOnlyDictionary<string, string>> GetAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        lock (_lock)
        {
            foreach (var key in keys)
            {
                if (_data.TryGetValue(key, out var value))
                {
                    result[key] = value;
                }
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, string>>(result);
    }

    public async Task SetAsync(IReadOnlyDictionary<string, string?> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Dictionary<string, string> snapshot;
            lock (_lock)
            {
                foreach (var (k, v) in entries)
                {
                    if (v is null)
                    {
                        _data.Remove(k);
                    }
                    else
                    {
                        _data[k] = v;
                    }
                }

                snapshot = new Dictionary<string, string>(_data, StringComparer.Ordinal);
            }

            await WriteAtomicallyAsync(snapshot, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public Task<IReadOnlyDictionary<string, string>> AllAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>(_data, StringComparer.Ordinal));
        }
    }

    public ValueTask DisposeAsync()
    {
        _writeGate.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task WriteAtomicallyAsync(Dictionary<string, string> snapshot, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(_path)!;
        Directory.CreateDirectory(directory);
        var temp = _path + ".tmp";
        var bytes = JsonSerializer.SerializeToUtf8Bytes(snapshot);
        await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
        {
            await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }

        // rename(2) replaces the file atomically; the directory entry itself is not fsynced (.NET
        // cannot open a directory), so a power loss right after may bring back the previous file.
        File.Move(temp, _path, overwrite: true);
    }
}
