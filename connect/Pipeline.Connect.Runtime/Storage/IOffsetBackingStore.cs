namespace Pipeline.Connect.Runtime.Storage;

/// <summary>
/// Where source offsets live: a local file (standalone) or the compacted offset.storage.topic
/// (distributed). Keys and values are the JSON texts Kafka Connect writes: the key
/// <c>["connector-name",{source partition}]</c>, the value the source offset map (null deletes).
/// </summary>
public interface IOffsetBackingStore : IAsyncDisposable
{
    /// <summary>Loads what is stored (reads the file, or the topic to its end).</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>The stored values of <paramref name="keys"/> (absent keys are left out), as of the latest read.</summary>
    Task<IReadOnlyDictionary<string, string>> GetAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    /// <summary>Stores the entries (a null value removes the key); durable when the task completes.</summary>
    Task SetAsync(IReadOnlyDictionary<string, string?> entries, CancellationToken cancellationToken);

    /// <summary>Every stored entry (for the offsets REST endpoints), after catching up with the latest writes.</summary>
    Task<IReadOnlyDictionary<string, string>> AllAsync(CancellationToken cancellationToken);
}
