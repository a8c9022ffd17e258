using Pipeline.Protocol;

namespace Pipeline.Broker.Coordinators.ProducerIds;

/// <summary>The answer to InitProducerId: an id and epoch, or an error with -1/-1 (Kafka's initTransactionError).</summary>
public readonly record struct InitProducerIdResult(ErrorCode Error, long ProducerId, short ProducerEpoch)
{
    public static InitProducerIdResult Failed(ErrorCode error) => new(error, -1, -1);
}
