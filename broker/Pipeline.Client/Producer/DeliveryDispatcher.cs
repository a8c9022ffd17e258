using Microsoft.Extensions.Logging;
using Pipeline.Protocol.Records;

namespace Pipeline.Client.Producer;

/// <summary>
/// Turns a finished record back into the typed result its sender asked for: completes a
/// ProduceAsync task (continuations run elsewhere) or calls a delivery handler (on the sender
/// loop, so handlers must be quick; an exception from one is logged and swallowed).
/// </summary>
internal sealed class DeliveryDispatcher<TKey, TValue> : IDeliveryHandler
{
    private readonly ILogger _log;

    public DeliveryDispatcher(ILogger log) => _log = log;

    public void Deliver(in RecordThunk thunk, string topic, int partition, long offset, long timestamp, TimestampType timestampType, KafkaError error, PersistenceStatus status)
    {
        var message = (Message<TKey, TValue>)thunk.Message!;
        switch (thunk.Callback)
        {
            case DeliveryCompletion<TKey, TValue> completion:
                var result = new DeliveryResult<TKey, TValue>
                {
                    Topic = topic,
                    Partition = partition,
                    Offset = offset,
                    Message = message,
                    Timestamp = new Timestamp(timestamp, timestampType),
                    Status = status,
                };
                if (error.IsError)
                {
                    completion.TrySetException(new ProduceException<TKey, TValue>(error, result));
                }
                else
                {
                    completion.TrySetResult(result);
                }

                break;
            case Action<DeliveryReport<TKey, TValue>> handler:
                try
                {
                    handler(new DeliveryReport<TKey, TValue>
                    {
                        Topic = topic,
                        Partition = partition,
                        Offset = offset,
                        Message = message,
                        Timestamp = new Timestamp(timestamp, timestampType),
                        Status = status,
                        Error = error,
                    });
                }
                catch (Exception e)
                {
                    ClientLog.DeliveryHandlerFailed(_log, e);
                }

                break;
        }
    }
}
