namespace Pipeline.Connect.Runtime.Worker;

/// <summary>
/// The offset key (<see cref="OffsetJson.Key"/>) of the source partition a task's records last
/// named. A source task usually names the same partition for many records in a row (the CSV source
/// hands over one map per file), so the key is built once per change instead of once per record.
/// A hit compares content, not the map instance: a connector may reuse and refill one map, or build
/// an equal one per record. Only maps of strings, numbers, booleans and nulls are cached (values
/// compared with <see cref="object.Equals(object?, object?)"/>); a map holding anything mutable
/// (a list, a nested map, bytes) is serialized every time. Used by the task's own thread only.
/// </summary>
internal sealed class OffsetKeyCache(string connector)
{
    private KeyValuePair<string, object?>[]? _entries;
    private string _key = string.Empty;

    public string Key(IReadOnlyDictionary<string, object?> partition)
    {
        if (_entries is { } entries && Matches(entries, partition))
        {
            return _key;
        }

        var key = OffsetJson.Key(connector, partition);
        _entries = Cacheable(partition) ? [.. partition] : null;
        _key = key;
        return key;
    }

    private static bool Matches(KeyValuePair<string, object?>[] entries, IReadOnlyDictionary<string, object?> partition)
    {
        if (partition.Count != entries.Length)
        {
            return false;
        }

        foreach (var (name, value) in entries)
        {
            if (!partition.TryGetValue(name, out var current) || !Equals(current, value))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Cacheable(IReadOnlyDictionary<string, object?> partition)
    {
        foreach (var (_, value) in partition)
        {
            if (value is not (null or string or bool or sbyte or short or int or long or byte or ushort or uint or ulong or float or double or decimal))
            {
                return false;
            }
        }

        return true;
    }
}
