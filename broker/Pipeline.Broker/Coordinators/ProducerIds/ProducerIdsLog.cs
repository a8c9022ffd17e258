using Microsoft.Extensions.Logging;

namespace Pipeline.Broker.Coordinators.ProducerIds;

internal static partial class ProducerIdsLog
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Initialized transactional id {TransactionalId} with producer id {ProducerId} and epoch {Epoch}")]
    public static partial void Initialized(ILogger logger, string transactionalId, long producerId, short epoch);

    [LoggerMessage(EventId = 701, Level = LogLevel.Information, Message = "InitProducerId of {TransactionalId} with producer id {ExpectedId} epoch {ExpectedEpoch} is fenced: the id is now at producer id {ProducerId} epoch {Epoch}")]
    public static partial void Fenced(ILogger logger, string transactionalId, long expectedId, short expectedEpoch, long producerId, short epoch);
}
