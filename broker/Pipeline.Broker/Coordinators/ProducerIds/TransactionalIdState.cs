namespace Pipeline.Broker.Coordinators.ProducerIds;

/// <summary>
/// What the coordinator keeps per <c>transactional.id</c> (the fencing part of Kafka's
/// TransactionMetadata): the current producer id and epoch, the epoch before the last bump and
/// the producer id before the last rotation (so a retried InitProducerId whose answer was lost is
/// recognised, KIP-360), the transaction timeout and when the id was last used (expiration).
/// </summary>
public sealed record TransactionalIdState(
    string TransactionalId,
    long ProducerId,
    short ProducerEpoch,
    short LastProducerEpoch,
    long PreviousProducerId,
    int TransactionTimeoutMs,
    long LastUpdateMs)
{
    /// <summary>Kafka leaves the last epoch unused so that a producer can always be fenced once more.</summary>
    public static bool IsEpochExhausted(short epoch) => epoch >= short.MaxValue - 1;
}
