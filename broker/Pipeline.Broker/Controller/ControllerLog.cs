using Microsoft.Extensions.Logging;

namespace Pipeline.Broker.Controller;

internal static partial class ControllerLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Created topic {Topic} (id {TopicId}) with {Partitions} partition(s)")]
    public static partial void TopicCreated(ILogger logger, string topic, string topicId, int partitions);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Deleted topic {Topic} (id {TopicId})")]
    public static partial void TopicDeleted(ILogger logger, string topic, string topicId);
}
