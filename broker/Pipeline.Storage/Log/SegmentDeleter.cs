namespace Pipeline.Storage.Log;

/// <summary>
/// Removes segments the log no longer lists: their files are renamed to <c>*.deleted</c> at once
/// (so a restart finishes the job) and deleted after <c>file.delete.delay.ms</c>, when the file
/// handle is also released. Leased regions keep the handle open, so in-flight fetches of a
/// deleted segment still complete.
/// Threads: Delete under the log's lock; timers fire on the TimeProvider's timer thread.
/// </summary>
internal sealed class SegmentDeleter(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<LogSegment, ITimer> _pending = [];

    internal int PendingCount
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    public void Delete(LogSegment segment, long delayMs)
    {
        segment.RenameFiles(static p => p + LogFileNames.DeletedSuffix);
        if (delayMs <= 0)
        {
            Finish(segment);
            return;
        }

        lock (_lock)
        {
            var timer = time.CreateTimer(static state => Fire((Tuple<SegmentDeleter, LogSegment>)state!), Tuple.Create(this, segment), TimeSpan.FromMilliseconds(delayMs), Timeout.InfiniteTimeSpan);
            _pending[segment] = timer;
        }
    }

    /// <summary>Shutdown: stop the timers and release the handles; the *.deleted files are removed by the next load.</summary>
    public void CloseAll()
    {
        lock (_lock)
        {
            foreach (var (segment, timer) in _pending)
            {
                timer.Dispose();
                segment.CloseHandles();
            }

            _pending.Clear();
        }
    }

    private static void Fire(Tuple<SegmentDeleter, LogSegment> state)
    {
        var (deleter, segment) = state;
        lock (deleter._lock)
        {
            if (!deleter._pending.Remove(segment, out var timer))
            {
                return;
            }

            timer.Dispose();
        }

        Finish(segment);
    }

    private static void Finish(LogSegment segment)
    {
        segment.DeleteFiles();
        segment.CloseHandles();
    }
}
