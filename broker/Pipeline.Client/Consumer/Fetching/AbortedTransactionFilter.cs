using Pipeline.Protocol.Messages;

namespace Pipeline.Client.Consumer.Fetching;

/// <summary>
/// Skips the batches of aborted transactions under read_committed (KIP-98), as Kafka's fetcher
/// does: the response lists (producer id, first offset) of every aborted transaction that overlaps
/// the fetched range. Walking batches in offset order, a producer becomes "aborted" once a
/// transactional batch at or past its first offset is reached, and stops being so at its ABORT
/// marker; its transactional batches in between are dropped.
/// </summary>
internal sealed class AbortedTransactionFilter
{
    private readonly List<FetchResponse.AbortedTransaction> _aborted;
    private readonly HashSet<long> _producers = [];
    private int _next;

    public AbortedTransactionFilter(List<FetchResponse.AbortedTransaction> aborted)
    {
        _aborted = [.. aborted.OrderBy(a => a.FirstOffset)];
    }

    /// <summary>True when a transactional batch (producer, last offset) belongs to an aborted transaction.</summary>
    public bool IsAborted(long producerId, long lastOffset)
    {
        while (_next < _aborted.Count && _aborted[_next].FirstOffset <= lastOffset)
        {
            _producers.Add(_aborted[_next].ProducerId);
            _next++;
        }

        return _producers.Contains(producerId);
    }

    /// <summary>An ABORT marker of <paramref name="producerId"/> ends its aborted transaction.</summary>
    public void OnAbortMarker(long producerId) => _producers.Remove(producerId);
}
