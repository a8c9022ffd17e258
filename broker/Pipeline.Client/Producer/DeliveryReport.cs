namespace Pipeline.Client.Producer;

/// <summary>What a delivery handler gets: the result and, when it failed, why.</summary>
public sealed class DeliveryReport<TKey, TValue> : DeliveryResult<TKey, TValue>
{
    public KafkaError Error { get; init; }
}
