namespace Pipeline.Client.Producer;

/// <summary>A record that could not be produced, with what is known of where it was going.</summary>
public sealed class ProduceException<TKey, TValue> : KafkaException
{
    public ProduceException(KafkaError error, DeliveryResult<TKey, TValue> deliveryResult, Exception? innerException = null)
        : base(error, innerException)
    {
        DeliveryResult = deliveryResult;
    }

    public DeliveryResult<TKey, TValue> DeliveryResult { get; }
}
