using Microsoft.Extensions.Logging;

namespace Pipeline.Storage.IO;

/// <summary>
/// Removes renamed <c>-delete</c> partition directories after a delay (file.delete.delay.ms), on
/// the TimeProvider's timer thread. Directories still pending at shutdown are removed by the
/// next start.
/// </summary>
internal sealed class DelayedDirectoryDeleter(TimeProvider time, ILogger logger) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ITimer> _pending = [];

    public void Schedule(string dir, long delayMs)
    {
        if (delayMs <= 0)
        {
            Delete(dir);
            return;
        }

        lock (_lock)
        {
            _pending[dir] = time.CreateTimer(
                static state => ((Tuple<DelayedDirectoryDeleter, string>)state!).Item1.Fire(((Tuple<DelayedDirectoryDeleter, string>)state).Item2),
                Tuple.Create(this, dir),
                TimeSpan.FromMilliseconds(Math.Min(delayMs, 0xfffffffe)),
                Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var timer in _pending.Values)
            {
                timer.Dispose();
            }

            _pending.Clear();
        }
    }

    private void Fire(string dir)
    {
        lock (_lock)
        {
            if (!_pending.Remove(dir, out var timer))
            {
                return;
            }

            timer.Dispose();
        }

        Delete(dir);
    }

    private void Delete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
            StorageLog.PartitionDirDeleted(logger, dir);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
