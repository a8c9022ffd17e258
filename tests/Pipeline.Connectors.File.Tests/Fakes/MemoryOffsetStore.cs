using System.Globalization;
using System.Text;
using Pipeline.Connect.Api.Source;
using Pipeline.Connect.Api.Storage;

namespace Pipeline.Connectors.File.Tests.Fakes;

/// <summary>
/// The runtime's offset store, as a test double: <see cref="Acknowledge"/> does what the worker
/// does after records are written (CommitRecord per record, then the last offset per partition
/// committed). Offsets survive across task instances, as they do across restarts.
/// </summary>
internal sealed class MemoryOffsetStore : IOffsetStorageReader
{
    private readonly Dictionary<string, IReadOnlyDictionary<string, object?>> _offsets = [];

    public int Count => _offsets.Count;

    public IReadOnlyDictionary<string, object?>? Offset(IReadOnlyDictionary<string, object?> partition) =>
        _offsets.TryGetValue(Key(partition), out var o) ? o : null;

    public IReadOnlyList<KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>> Offsets(IEnumerable<IReadOnlyDictionary<string, object?>> partitions) =>
        partitions.Select(p => KeyValuePair.Create(p, Offset(p))).ToList();

    public void Set(IReadOnlyDictionary<string, object?> partition, IReadOnlyDictionary<string, object?> offset) => _offsets[Key(partition)] = offset;

    /// <summary>Records written: CommitRecord for each, then their offsets committed.</summary>
    public void Acknowledge(SourceTask task, IReadOnlyList<SourceRecord>? records)
    {
        if (records is null)
        {
            return;
        }

        foreach (var r in records)
        {
            task.CommitRecord(r, new RecordMetadata(r.Topic, 0, 0, 0));
            if (r.SourcePartition is not null && r.SourceOffset is not null)
            {
                // Through a JSON-like copy: numbers come back as long, as from the real store.
                _offsets[Key(r.SourcePartition)] = r.SourceOffset.ToDictionary(e => e.Key, e => e.Value is int i ? (object?)(long)i : e.Value);
            }
        }

        task.Commit();
    }

    private static string Key(IReadOnlyDictionary<string, object?> partition)
    {
        var sb = new StringBuilder();
        foreach (var (k, v) in partition.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            sb.Append(k).Append('=').Append(Convert.ToString(v, CultureInfo.InvariantCulture)).Append(';');
        }

        return sb.ToString();
    }
}
