namespace Pipeline.Connect.Runtime.Converters.Json;

/// <summary>
/// A small thread-safe cache of at most <c>capacity</c> entries (schemas.cache.size); when full it
/// starts over, which keeps the common case (a handful of schemas per converter) a single lookup
/// under an uncontended lock. Capacity 0 caches nothing.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>(int capacity, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly Dictionary<TKey, TValue> _entries = new(comparer);
    private readonly Lock _lock = new();

    public bool TryGetValue(TKey key, out TValue value)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(key, out value!);
        }
    }

    /// <summary>Looks up by a key of another shape (e.g. a span over bytes) that the comparer understands.</summary>
    public bool TryGetValue<TAlternate>(TAlternate key, out TValue value)
        where TAlternate : notnull, allows ref struct
    {
        lock (_lock)
        {
            return _entries.GetAlternateLookup<TAlternate>().TryGetValue(key, out value!);
        }
    }

    public void Add(TKey key, TValue value)
    {
        if (capacity <= 0)
        {
            return;
        }

        lock (_lock)
        {
            if (_entries.Count >= capacity)
            {
                _entries.Clear();
            }

            _entries[key] = value;
        }
    }
}
