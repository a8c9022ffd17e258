namespace Pipeline.Client.Consumer.Fetching;

/// <summary>
/// The fetched responses waiting to be drained, in arrival order, and how many record bytes they
/// hold: the fetcher keeps asking for more until that reaches its budget, however many responses
/// of a partition are already queued (like librdkafka's queued.max.messages.kbytes).
/// <para>Threads: guarded by the subscription gate (added on the fetcher side, removed by the drain).</para>
/// </summary>
internal sealed class CompletedFetches
{
    private readonly List<CompletedFetch> _fetches = [];

    public int Count => _fetches.Count;

    /// <summary>Record bytes held by the queued responses.</summary>
    public long Bytes { get; private set; }

    public CompletedFetch this[int index] => _fetches[index];

    public void Add(CompletedFetch fetch)
    {
        _fetches.Add(fetch);
        Bytes += fetch.Records.Length;
    }

    /// <summary>Takes a fetch out of the queue and releases its response frame.</summary>
    public void RemoveAt(int index)
    {
        var fetch = _fetches[index];
        _fetches.RemoveAt(index);
        Bytes -= fetch.Records.Length;
        fetch.Release();
    }

    public void Remove(CompletedFetch fetch)
    {
        var index = _fetches.IndexOf(fetch);
        if (index >= 0)
        {
            RemoveAt(index);
        }
    }

    public void Clear()
    {
        while (_fetches.Count > 0)
        {
            RemoveAt(_fetches.Count - 1);
        }
    }
}
