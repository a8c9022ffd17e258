namespace Pipeline.Connect.Api.Storage;

/// <summary>
/// Reads the source offsets committed for a connector. A source partition and its offset are
/// maps of JSON-compatible values (string, bool, int, long, double, null, lists and maps of them),
/// as Kafka stores them.
/// </summary>
public interface IOffsetStorageReader
{
    /// <summary>The last committed offset of <paramref name="partition"/>, or null when none was committed.</summary>
    IReadOnlyDictionary<string, object?>? Offset(IReadOnlyDictionary<string, object?> partition);

    /// <summary>The offsets of many partitions at once; partitions without one map to null.</summary>
    IReadOnlyList<KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>> Offsets(IEnumerable<IReadOnlyDictionary<string, object?>> partitions);
}
