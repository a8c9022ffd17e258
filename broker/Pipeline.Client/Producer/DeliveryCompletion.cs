namespace Pipeline.Client.Producer;

/// <summary>The pending result of one ProduceAsync call (the callback stored with its record).</summary>
internal sealed class DeliveryCompletion<TKey, TValue> : TaskCompletionSource<DeliveryResult<TKey, TValue>>
{
    public DeliveryCompletion()
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
    }
}
