namespace Pipeline.Storage.Producers;

/// <summary>
/// What producer state remembers of one appended batch (Kafka's BatchMetadata): enough to find a
/// retried batch by its sequence range and answer with the offsets it was stored at.
/// </summary>
public readonly record struct BatchMetadata(int LastSeq, long LastOffset, int OffsetDelta, long Timestamp)
{
    public int FirstSeq => ProducerSequence.Decrement(LastSeq, OffsetDelta);

    public long FirstOffset => LastOffset - OffsetDelta;
}
