using Pipeline.Protocol;

namespace Pipeline.Storage.Producers;

/// <summary>
/// The checks a batch gets against its producer's state before it is appended (Kafka's
/// ProducerAppendInfo and UnifiedLog's duplicate lookup). Errors carry Kafka's error code and a
/// message naming the producer, offset and partition.
/// </summary>
internal static class ProducerAppendValidator
{
    /// <summary>
    /// Checks a data batch about to be appended at <paramref name="offset"/>, in Kafka's order:
    /// a retry of a retained batch is a duplicate; an older epoch is fenced
    /// (INVALID_PRODUCER_EPOCH, what Produce answers since Kafka 2.7); for client batches the
    /// sequence must follow the last one (0 after an epoch bump; anything for a producer without
    /// state, as Kafka accepts since KIP-360); a producer with an open transaction must keep
    /// writing transactional batches. Allocation-free unless the batch is refused.
    /// </summary>
    public static ProducerAppendCheck CheckDataBatch(ProducerStateEntry entry, short epoch, int firstSeq, int lastSeq, bool isTransactional, long offset, bool fromClient, string partition)
    {
        var producerId = entry.ProducerId;
        if (fromClient && entry.TryFindDuplicate(epoch, firstSeq, lastSeq, out var original))
        {
            return ProducerAppendCheck.Duplicate(original);
        }

        if (epoch < entry.ProducerEpoch)
        {
            return FencedEpoch(entry, epoch, offset, partition);
        }

        if (fromClient && entry.ProducerEpoch != ProducerSequence.NoProducerEpoch)
        {
            if (epoch != entry.ProducerEpoch)
            {
                if (firstSeq != 0)
                {
                    return ProducerAppendCheck.Failed(ErrorCode.OutOfOrderSequenceNumber,
                        $"Producer {producerId} started epoch {epoch} at offset {offset} in {partition} with sequence {firstSeq}; a new epoch starts at 0 (the previous epoch was {entry.ProducerEpoch})");
                }
            }
            else if (!ProducerSequence.InSequence(entry.LastSeq, firstSeq))
            {
                return ProducerAppendCheck.Failed(ErrorCode.OutOfOrderSequenceNumber,
                    $"Out of order sequence number from producer {producerId} at offset {offset} in {partition}: got {firstSeq}, expected {ProducerSequence.Increment(entry.LastSeq, 1)} (the last stored batch ends at {entry.LastSeq})");
            }
        }

        if (entry.CurrentTxnFirstOffset >= 0 && !isTransactional)
        {
            return ProducerAppendCheck.Failed(ErrorCode.InvalidTxnState,
                $"Expected a transactional write from producer {producerId} at offset {offset} in {partition}: its transaction started at offset {entry.CurrentTxnFirstOffset} is still open");
        }

        return ProducerAppendCheck.Valid;
    }

    /// <summary>Checks a COMMIT/ABORT marker written by a transaction coordinator: producer epoch, then coordinator epoch.</summary>
    public static ProducerAppendCheck CheckEndTransactionMarker(ProducerStateEntry entry, short epoch, int coordinatorEpoch, long offset, string partition)
    {
        var producerId = entry.ProducerId;
        if (epoch < entry.ProducerEpoch)
        {
            return FencedEpoch(entry, epoch, offset, partition);
        }

        return entry.CoordinatorEpoch > coordinatorEpoch
            ? ProducerAppendCheck.Failed(ErrorCode.TransactionCoordinatorFenced,
                $"The marker for producer {producerId} at offset {offset} in {partition} carries coordinator epoch {coordinatorEpoch}, older than {entry.CoordinatorEpoch}: it comes from a fenced coordinator")
            : ProducerAppendCheck.Valid;
    }

    private static ProducerAppendCheck FencedEpoch(ProducerStateEntry entry, short epoch, long offset, string partition) =>
        ProducerAppendCheck.Failed(ErrorCode.InvalidProducerEpoch,
            $"Producer {entry.ProducerId} wrote epoch {epoch} at offset {offset} in {partition}, but epoch {entry.ProducerEpoch} was already seen: a newer instance of the producer fenced this one");
}
