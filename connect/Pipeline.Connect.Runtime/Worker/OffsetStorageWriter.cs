using Pipeline.Connect.Runtime.Storage;

namespace Pipeline.Connect.Runtime.Worker;

/// <summary>
/// Buffers a connector's source offsets and writes them to the backing store in one
/// <see cref="IOffsetBackingStore.SetAsync"/>. Offsets given while a flush runs wait for the next
/// one; a failed flush puts its entries back unless newer ones were given meanwhile. Used by one
/// task's thread; <see cref="Offset"/> may also come from other threads (locked).
/// </summary>
public sealed class OffsetStorageWriter
{
    private readonly IOffsetBackingStore _store;
    private readonly string _connector;
    private readonly Lock _lock = new();
    private Dictionary<string, string?> _pending = new(StringComparer.Ordinal);

    public OffsetStorageWriter(IOffsetBackingStore store, string connector)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _connector = connector ?? throw new ArgumentNullException(nameof(connector));
    }

    /// <summary>Records the offset of a source partition (null removes it when flushed).</summary>
    public void Offset(IReadOnlyDictionary<string, object?> partition, IReadOnlyDictionary<string, object?>? offset)
    {
        var key = OffsetJson.Key(_connector, partition);
        var value = OffsetJson.Map(offset);
        lock (_lock)
        {
            _pending[key] = value;
        }
    }

    /// <summary>Whether offsets wait to be flushed.</summary>
    public bool HasPending
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count > 0;
            }
        }
    }

    /// <summary>Writes what is buffered; false when there was nothing to write. Throws (and keeps the entries) when the store fails or <paramref name="timeout"/> passes.</summary>
    public async Task<bool> FlushAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Dictionary<string, string?> toFlush;
        lock (_lock)
        {
            if (_pending.Count == 0)
            {
                return false;
            }

            toFlush = _pending;
            _pending = new Dictionary<string, string?>(StringComparer.Ordinal);
        }

        try
        {
            await _store.SetAsync(toFlush, cancellationToken).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch
        {
            lock (_lock)
            {
                foreach (var (k, v) in toFlush)
                {
                    _pending.TryAdd(k, v);
                }
            }

            throw;
        }
    }
}
