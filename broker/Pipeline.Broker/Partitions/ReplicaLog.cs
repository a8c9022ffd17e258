using Microsoft.Extensions.Logging;

namespace Pipeline.Broker.Partitions;

internal static partial class ReplicaLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Deleted the logs of topic {Topic}")]
    public static partial void TopicLogsDeleted(ILogger logger, string topic);
}
