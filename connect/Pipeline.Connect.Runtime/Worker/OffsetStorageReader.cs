using Pipeline.Connect.Api.Storage;
using Pipeline.Connect.Runtime.Storage;

namespace Pipeline.Connect.Runtime.Worker;

/// <summary>
/// A connector's committed source offsets as its tasks (and the connector) read them: the backing
/// store's entries whose key names this connector. Blocks the calling (task) thread on the store.
/// </summary>
public sealed class OffsetStorageReader : IOffsetStorageReader
{
    private readonly IOffsetBackingStore _store;
    private readonly string _connector;

    public OffsetStorageReader(IOffsetBackingStore store, string connector)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _connector = connector ?? throw new ArgumentNullException(nameof(connector));
    }

    public IReadOnlyDictionary<string, object?>? Offset(IReadOnlyDictionary<string, object?> partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        return Offsets([partition])[0].Value;
    }

    public IReadOnlyList<KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>> Offsets(IEnumerable<IReadOnlyDictionary<string, object?>> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var list = partitions.ToList();
        var keys = list.Select(p => OffsetJson.Key(_connector, p)).ToList();
        var stored = _store.GetAsync(keys, CancellationToken.None).GetAwaiter().GetResult();
        var result = new List<KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            IReadOnlyDictionary<string, object?>? offset = null;
            if (stored.TryGetValue(keys[i], out var json))
            {
                offset = OffsetJson.ParseMap(json);
            }

            result.Add(new(list[i], offset));
        }

        return result;
    }
}
