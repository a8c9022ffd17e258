using Pipeline.Connect.Api.Data;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>
/// The updated schema a transform derived from each input schema, so records of the same schema
/// share one output schema (and equal structs). Bounded like Kafka's <c>LRUCache(16)</c>: when
/// full, the oldest entry goes. Thread-safe; one per transform instance.
/// </summary>
internal sealed class SchemaUpdateCache(int capacity = 16)
{
    private readonly Dictionary<Schema, Schema> _entries = new(capacity);
    private readonly Queue<Schema> _order = new(capacity);
    private readonly Lock _lock = new();

    public Schema GetOrAdd(Schema input, Func<Schema, Schema> build)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(input, out var cached))
            {
                return cached;
            }
        }

        var updated = build(input);
        lock (_lock)
        {
            if (_entries.TryGetValue(input, out var raced))
            {
                return raced;
            }

            if (_entries.Count >= capacity)
            {
                _entries.Remove(_order.Dequeue());
            }

            _entries.Add(input, updated);
            _order.Enqueue(input);
            return updated;
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }
}
