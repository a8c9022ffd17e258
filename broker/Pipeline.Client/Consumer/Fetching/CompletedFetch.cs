using Pipeline.Protocol.Messages;

namespace Pipeline.Client.Consumer.Fetching;

/// <summary>
/// One partition's records from one Fetch response, waiting to be handed out. The drain walks it
/// batch by batch; <see cref="BatchCursor"/> (byte offset of the next batch) and
/// <see cref="NextOffset"/> (the next record offset wanted) let it stop inside a batch when
/// max.poll.records is reached and resume there. Records below the fetch offset (the head of a
/// compressed batch) are skipped.
/// <para>Threads: created on the fetcher loop; drained only by the application thread.</para>
/// </summary>
internal sealed class CompletedFetch
{
    private FetchBuffer? _buffer;

    public CompletedFetch(PartitionState state, int epoch, FetchBuffer? buffer, ReadOnlyMemory<byte> records, long fetchOffset, long highWatermark,
        List<FetchResponse.AbortedTransaction>? aborted)
    {
        State = state;
        Epoch = epoch;
        _buffer = buffer;
        buffer?.AddReference();
        Records = records;
        NextOffset = fetchOffset;
        HighWatermark = highWatermark;
        Aborted = aborted is { Count: > 0 } ? new AbortedTransactionFilter(aborted) : null;
    }

    public PartitionState State { get; }

    public int Epoch { get; }

    public ReadOnlyMemory<byte> Records { get; }

    public long HighWatermark { get; }

    /// <summary>Non-null under read_committed when the response listed aborted transactions.</summary>
    public AbortedTransactionFilter? Aborted { get; }

    public int BatchCursor { get; set; }

    public long NextOffset { get; set; }

    /// <summary>True once every batch was walked.</summary>
    public bool IsDrained { get; set; }

    public void Release() => Interlocked.Exchange(ref _buffer, null)?.Release();
}
