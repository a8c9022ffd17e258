namespace Pipeline.Storage.Log;

/// <summary>
/// Group commit for one log. Callers of <see cref="FlushAsync"/> queue a waiter; at most one
/// flush round runs at a time (<c>_roundLock</c>), on a thread-pool thread. A round takes the
/// current log end offset, fsyncs everything below it with one fdatasync per touched segment, and
/// completes every waiter at or below that offset, so callers that arrive while a sync is running
/// share the next one. <see cref="Flush"/> runs a round on the calling thread instead (flush.messages),
/// so that no thread-pool thread blocks on another. <see cref="FlushedOffset"/> is the log's
/// recovery point.
/// Threads: FlushAsync/Flush/RequestFlush from any thread; rounds on the thread pool or the
/// Flush caller; waiter state under _lock.
/// </summary>
internal sealed class GroupCommitFlusher : IThreadPoolWorkItem
{
    private readonly Lock _lock = new();
    private readonly Lock _roundLock = new();
    private readonly List<FlushWaiter> _waiters = [];
    private readonly Stack<FlushWaiter> _pool = new();
    private readonly List<FlushWaiter> _completing = [];
    private readonly Func<long> _logEndOffset;
    private readonly Action<long> _syncTo;
    private long _flushed;
    private long _requested;
    private bool _running;
    private bool _forceRound;

    public GroupCommitFlusher(long flushedOffset, Func<long> logEndOffset, Action<long> syncTo)
    {
        _flushed = flushedOffset;
        _logEndOffset = logEndOffset;
        _syncTo = syncTo;
    }

    public long FlushedOffset => Volatile.Read(ref _flushed);

    /// <summary>Completes once every offset below <paramref name="upToOffset"/> (capped at the log end) is on disk.</summary>
    public ValueTask FlushAsync(long upToOffset, CancellationToken ct)
    {
        var target = Math.Min(upToOffset, _logEndOffset());
        if (target <= FlushedOffset)
        {
            return default;
        }

        if (ct.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(ct);
        }

        FlushWaiter waiter;
        lock (_lock)
        {
            if (target <= _flushed)
            {
                return default;
            }

            waiter = _pool.Count > 0 ? _pool.Pop() : new FlushWaiter(this);
            waiter.Offset = target;
            _waiters.Add(waiter);
            StartRoundIfIdle();
        }

        waiter.RegisterCancellation(ct);
        return new ValueTask(waiter, waiter.Version);
    }

    /// <summary>
    /// Asks for a flush up to <paramref name="offset"/> without waiting (after a roll, or flush.ms).
    /// With <paramref name="force"/> a round runs even when the offset is already flushed (a
    /// rolled segment's index files still need their sync).
    /// </summary>
    public void RequestFlush(long offset, bool force = false)
    {
        lock (_lock)
        {
            if (offset > _requested)
            {
                _requested = offset;
            }

            _forceRound |= force;
            if (_requested > _flushed || _forceRound)
            {
                StartRoundIfIdle();
            }
        }
    }

    /// <summary>Records a flush done outside the rounds (clean shutdown, recovery).</summary>
    public void MarkFlushed(long offset)
    {
        lock (_lock)
        {
            _flushed = Math.Max(_flushed, offset);
        }
    }

    /// <summary>The log was truncated below the flushed offset.</summary>
    public void ResetTo(long offset)
    {
        lock (_lock)
        {
            _flushed = Math.Min(_flushed, offset);
            _requested = Math.Min(_requested, offset);
        }
    }

    /// <summary>Synchronous flush on the calling thread, sharing rounds with everyone else; throws on I/O failure.</summary>
    public void Flush(long upToOffset)
    {
        var target = Math.Min(upToOffset, _logEndOffset());
        if (target <= FlushedOffset)
        {
            return;
        }

        lock (_roundLock)
        {
            if (target > FlushedOffset && RunRound() is { } error)
            {
                throw error;
            }
        }
    }

    public void Execute()
    {
        while (true)
        {
            lock (_lock)
            {
                if (_waiters.Count == 0 && _requested <= _flushed && !_forceRound)
                {
                    _running = false;
                    return;
                }

                _forceRound = false;
            }

            lock (_roundLock)
            {
                RunRound();
            }
        }
    }

    // One sync of everything appended so far; completes the waiters it covers. The caller holds _roundLock.
    private Exception? RunRound()
    {
        var target = _logEndOffset();
        Exception? error = null;
        try
        {
            _syncTo(target);
        }
        catch (Exception ex)
        {
            error = ex;
        }

        lock (_lock)
        {
            if (error is null)
            {
                _flushed = Math.Max(_flushed, target);
            }
            else
            {
                // Nobody waits for a failed background request; waiters get the error.
                _requested = Math.Min(_requested, _flushed);
            }

            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (error is not null || _waiters[i].Offset <= target)
                {
                    _completing.Add(_waiters[i]);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var w in _completing)
        {
            if (error is null)
            {
                w.Complete();
            }
            else
            {
                w.Fail(error);
            }
        }

        _completing.Clear();
        return error;
    }

    internal void Cancel(FlushWaiter waiter, CancellationToken token)
    {
        lock (_lock)
        {
            if (!_waiters.Remove(waiter))
            {
                return;
            }
        }

        waiter.Fail(new OperationCanceledException(token));
    }

    internal void Return(FlushWaiter waiter)
    {
        lock (_lock)
        {
            if (_pool.Count < 64)
            {
                _pool.Push(waiter);
            }
        }
    }

    private void StartRoundIfIdle()
    {
        if (!_running)
        {
            _running = true;
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }
}
