namespace Pipeline.Broker.Coordinators.Runtime;

/// <summary>
/// The keyed timers of one shard. Owned by the shard's loop: Schedule, Cancel and TryTake run there.
/// Expirations arrive on timer threads (or, with a manual clock, on the thread that advances it)
/// and only post the entry to the loop, which runs it if it is still the current one for its key.
/// </summary>
internal sealed class CoordinatorTimer<TRecord> : ICoordinatorTimer<TRecord>
    where TRecord : class
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly Action<Entry> _expired;

    public CoordinatorTimer(TimeProvider time, Action<Entry> expired)
    {
        _time = time;
        _expired = expired;
    }

    public int Count => _entries.Count;

    public void Schedule(string key, TimeSpan delay, Func<CoordinatorResult<TRecord, NoResponse>> operation)
    {
        Cancel(key);
        var entry = new Entry(this, key, operation);
        _entries[key] = entry;
        entry.Timer = _time.CreateTimer(static s => ((Entry)s!).Fire(), entry, delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);
    }

    public void Cancel(string key)
    {
        if (_entries.Remove(key, out var entry))
        {
            entry.Timer?.Dispose();
        }
    }

    public bool IsScheduled(string key) => _entries.ContainsKey(key);

    /// <summary>True (and forgets the entry) when <paramref name="entry"/> is still the timer of its key.</summary>
    public bool TryTake(Entry entry)
    {
        if (_entries.TryGetValue(entry.Key, out var current) && ReferenceEquals(current, entry))
        {
            _entries.Remove(entry.Key);
            entry.Timer?.Dispose();
            return true;
        }

        return false;
    }

    public void CancelAll()
    {
        foreach (var entry in _entries.Values)
        {
            entry.Timer?.Dispose();
        }

        _entries.Clear();
    }

    internal sealed class Entry
    {
        private readonly CoordinatorTimer<TRecord> _owner;

        public Entry(CoordinatorTimer<TRecord> owner, string key, Func<CoordinatorResult<TRecord, NoResponse>> operation)
        {
            _owner = owner;
            Key = key;
            Operation = operation;
        }

        public string Key { get; }

        public Func<CoordinatorResult<TRecord, NoResponse>> Operation { get; }

        public ITimer? Timer { get; set; }

        public void Fire() => _owner._expired(this);
    }
}
