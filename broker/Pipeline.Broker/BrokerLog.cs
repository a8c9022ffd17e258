using Microsoft.Extensions.Logging;

namespace Pipeline.Broker;

internal static partial class BrokerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Broker ready: node.id={NodeId} listeners={Listeners} cluster.id={ClusterId}")]
    public static partial void Ready(ILogger logger, int nodeId, string listeners, string clusterId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Broker node.id={NodeId} stopped cleanly")]
    public static partial void Stopped(ILogger logger, int nodeId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Metadata file missing: rebuilt {Topics} topic(s) from the log directories")]
    public static partial void MetadataRebuilt(ILogger logger, int topics);
}
