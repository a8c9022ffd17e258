namespace Pipeline.Broker.Coordinators.Runtime;

/// <summary>
/// The partition a shard writes its records to and loads them from. Only the shard's loop appends;
/// flushes complete on other threads.
/// </summary>
public interface ICoordinatorLog
{
    string Name { get; }

    long LogStartOffset { get; }

    long LogEndOffset { get; }

    /// <summary>Appends one v2 batch whose offsets the log assigns (pwrite: survives a kill -9 on return).</summary>
    CoordinatorAppendResult Append(Span<byte> batch);

    /// <summary>Completes when everything below <paramref name="upToOffset"/> is fsynced (group commit).</summary>
    ValueTask FlushAsync(long upToOffset);

    /// <summary>
    /// A copy of the whole batches that start with the one holding <paramref name="offset"/>
    /// (about <paramref name="maxBytes"/>, at least one batch); empty at the log end. Loading only.
    /// </summary>
    ReadOnlyMemory<byte> Read(long offset, int maxBytes);
}
