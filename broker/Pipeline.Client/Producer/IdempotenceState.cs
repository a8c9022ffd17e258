using Pipeline.Protocol;

namespace Pipeline.Client.Producer;

/// <summary>
/// The idempotent producer's identity (producer id and epoch from InitProducerId) and the state
/// of every partition. When a sequence can no longer be trusted (a sequenced batch failed or
/// expired, OUT_OF_ORDER_SEQUENCE_NUMBER on the batch the broker expected, UNKNOWN_PRODUCER_ID) the
/// sender bumps the epoch once nothing is in flight and starts every partition again at sequence 0
/// (KIP-360). Loop-owned.
/// </summary>
internal sealed class IdempotenceState
{
    private readonly Dictionary<TopicPartition, PartitionState> _partitions = [];

    public IdempotenceState(bool enabled) => Enabled = enabled;

    public bool Enabled { get; }

    public long ProducerId { get; private set; } = -1;

    public short Epoch { get; private set; } = -1;

    public bool HasProducerId => ProducerId >= 0;

    public bool EpochBumpNeeded { get; private set; }

    public PartitionState For(TopicPartition tp)
    {
        if (!_partitions.TryGetValue(tp, out var state))
        {
            state = new PartitionState();
            _partitions[tp] = state;
        }

        return state;
    }

    public int TotalInFlight()
    {
        var n = 0;
        foreach (var s in _partitions.Values)
        {
            n += s.InFlight;
        }

        return n;
    }

    public void RequestEpochBump()
    {
        if (Enabled)
        {
            EpochBumpNeeded = true;
        }
    }

    /// <summary>A new identity (first InitProducerId or an epoch bump): every partition starts at sequence 0.</summary>
    public void SetProducerId(long producerId, short epoch)
    {
        ProducerId = producerId;
        Epoch = epoch;
        EpochBumpNeeded = false;
        foreach (var s in _partitions.Values)
        {
            s.ResetSequences();
        }
    }
}
