using Microsoft.Extensions.Logging;

namespace Pipeline.Client.Consumer;

/// <summary>LoggerMessage methods of the consumer (event ids 5050-5079).</summary>
internal static partial class ConsumerLog
{
    [LoggerMessage(5050, LogLevel.Information, "Consumer {Name}: assigned {Partitions}")]
    public static partial void Assigned(ILogger logger, string name, string partitions);

    [LoggerMessage(5051, LogLevel.Information, "Consumer {Name}: revoked {Partitions}")]
    public static partial void Revoked(ILogger logger, string name, string partitions);

    [LoggerMessage(5052, LogLevel.Warning, "Consumer {Name}: lost {Partitions}")]
    public static partial void Lost(ILogger logger, string name, string partitions);

    [LoggerMessage(5053, LogLevel.Information, "Consumer {Name}: {Partition} reset to offset {Offset} ({Strategy})")]
    public static partial void PositionReset(ILogger logger, string name, string partition, long offset, string strategy);

    [LoggerMessage(5054, LogLevel.Debug, "Consumer {Name}: fetch from node {NodeId} failed: {Reason}")]
    public static partial void FetchFailed(ILogger logger, string name, int nodeId, string reason);

    [LoggerMessage(5055, LogLevel.Debug, "Consumer {Name}: {Partition} fetch answered {Error}; refreshing metadata")]
    public static partial void FetchPartitionError(ILogger logger, string name, string partition, string error);

    [LoggerMessage(5056, LogLevel.Warning, "Consumer {Name}: offset commit failed: {Reason}")]
    public static partial void CommitFailed(ILogger logger, string name, string reason);

    [LoggerMessage(5057, LogLevel.Debug, "Consumer {Name}: position lookup failed: {Reason}")]
    public static partial void LookupFailed(ILogger logger, string name, string reason);

    [LoggerMessage(5058, LogLevel.Error, "Consumer {Name}: fetcher loop failed")]
    public static partial void FetcherFailed(ILogger logger, string name, Exception exception);

    [LoggerMessage(5059, LogLevel.Error, "Consumer {Name}: a rebalance handler threw")]
    public static partial void HandlerFailed(ILogger logger, string name, Exception exception);

    [LoggerMessage(5060, LogLevel.Information, "Consumer {Name}: pattern now matches {Topics}")]
    public static partial void PatternMatched(ILogger logger, string name, string topics);
}
