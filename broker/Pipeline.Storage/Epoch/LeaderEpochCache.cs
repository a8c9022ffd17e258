namespace Pipeline.Storage.Epoch;

/// <summary>
/// Leader epoch -> start offset of one partition (Kafka's LeaderEpochFileCache), persisted to
/// <c>leader-epoch-checkpoint</c> on every change (changes are rare: one per leader change).
/// Entries are strictly increasing in both epoch and start offset.
/// Threads: assigned under the log's append lock, truncated by the log, read from any thread;
/// an internal lock keeps readers consistent.
/// </summary>
public sealed class LeaderEpochCache
{
    public const int UndefinedEpoch = -1;
    public const long UndefinedEpochOffset = -1;

    private readonly Lock _lock = new();
    private readonly string? _checkpointPath;
    private readonly List<EpochEntry> _entries;

    internal LeaderEpochCache(string? checkpointPath, IEnumerable<EpochEntry> entries)
    {
        _checkpointPath = checkpointPath;
        _entries = [];
        foreach (var e in entries)
        {
            AssignNoFlush(e);
        }
    }

    public IReadOnlyList<EpochEntry> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    public EpochEntry? Latest
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count == 0 ? null : _entries[^1];
            }
        }
    }

    public int LatestEpoch => Latest?.Epoch ?? UndefinedEpoch;

    /// <summary>
    /// Records that <paramref name="epoch"/> starts at <paramref name="startOffset"/>. Entries with
    /// an epoch or start offset at or beyond the new one are dropped first (they are from a
    /// diverged history). No-op when the latest entry already says the same.
    /// </summary>
    public void Assign(int epoch, long startOffset)
    {
        if (epoch < 0 || startOffset < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(epoch), "epoch and start offset must not be negative");
        }

        lock (_lock)
        {
            if (AssignNoFlush(new EpochEntry(epoch, startOffset)))
            {
                Flush();
            }
        }
    }

    /// <summary>
    /// OffsetForLeaderEpoch: for the latest epoch, (epoch, log end offset); for an older known
    /// epoch, (that epoch or the closest smaller one, start offset of the next epoch); for an epoch
    /// below all known ones, (requested epoch, start offset of the first one); otherwise (-1, -1).
    /// </summary>
    public EpochEndOffset EndOffsetFor(int requestedEpoch, long logEndOffset)
    {
        lock (_lock)
        {
            if (requestedEpoch == UndefinedEpoch || _entries.Count == 0)
            {
                return new EpochEndOffset(UndefinedEpoch, UndefinedEpochOffset);
            }

            if (_entries[^1].Epoch == requestedEpoch)
            {
                return new EpochEndOffset(requestedEpoch, logEndOffset);
            }

            var higher = -1;
            for (var i = 0; i < _entries.Count; i++)
            {
                if (_entries[i].Epoch > requestedEpoch)
                {
                    higher = i;
                    break;
                }
            }

            if (higher < 0)
            {
                return new EpochEndOffset(UndefinedEpoch, UndefinedEpochOffset);
            }

            return higher == 0
                ? new EpochEndOffset(requestedEpoch, _entries[0].StartOffset)
                : new EpochEndOffset(_entries[higher - 1].Epoch, _entries[higher].StartOffset);
        }
    }

    /// <summary>The epoch whose range contains <paramref name="offset"/>, or -1.</summary>
    public int EpochForOffset(long offset)
    {
        lock (_lock)
        {
            for (var i = _entries.Count - 1; i >= 0; i--)
            {
                if (_entries[i].StartOffset <= offset)
                {
                    return _entries[i].Epoch;
                }
            }

            return UndefinedEpoch;
        }
    }

    /// <summary>Drops epochs that start at or after <paramref name="endOffset"/> (log truncated there).</summary>
    internal void TruncateFromEnd(long endOffset)
    {
        lock (_lock)
        {
            var removed = _entries.RemoveAll(e => e.StartOffset >= endOffset);
            if (removed > 0)
            {
                Flush();
            }
        }
    }

    /// <summary>
    /// The log now starts at <paramref name="startOffset"/>: entries that start before it are
    /// dropped except the last of them, which is moved up to start there.
    /// </summary>
    internal void TruncateFromStart(long startOffset)
    {
        lock (_lock)
        {
            var lastBelow = -1;
            for (var i = 0; i < _entries.Count && _entries[i].StartOffset < startOffset; i++)
            {
                lastBelow = i;
            }

            if (lastBelow < 0)
            {
                return;
            }

            var kept = _entries[lastBelow] with { StartOffset = startOffset };
            _entries.RemoveRange(0, lastBelow + 1);
            _entries.Insert(0, kept);
            Flush();
        }
    }

    private bool AssignNoFlush(EpochEntry entry)
    {
        if (_entries.Count > 0 && _entries[^1].Epoch == entry.Epoch && _entries[^1].StartOffset <= entry.StartOffset)
        {
            return false;
        }

        _entries.RemoveAll(e => e.Epoch >= entry.Epoch || e.StartOffset >= entry.StartOffset);
        _entries.Add(entry);
        return true;
    }

    private void Flush()
    {
        if (_checkpointPath is not null)
        {
            LeaderEpochCheckpointFile.Write(_checkpointPath, _entries);
        }
    }
}
