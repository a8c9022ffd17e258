namespace Pipeline.Client.Consumer.Fetching;

/// <summary>
/// A record drained and deserialized but not yet handed out: its result (or the exception to
/// throw in its place), the partition epoch it was read under, and the position once it is
/// returned (its offset + 1, or further when control records or a compaction gap follow it).
/// </summary>
internal struct ReadyRecord<TKey, TValue>
{
    public ConsumeResult<TKey, TValue>? Result;
    public KafkaException? Error;
    public PartitionState State;
    public int Epoch;
    public long PositionAfter;
    public int LeaderEpoch;
}
