using Microsoft.Extensions.Logging;

namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>Log messages of the distributed herder and its stores (event ids 6100-6199).</summary>
internal static partial class DistributedLog
{
    [LoggerMessage(6100, LogLevel.Information, "Internal topic {Topic} read to its end ({Partitions} partitions)")]
    public static partial void LogStarted(ILogger logger, string topic, int partitions);

    [LoggerMessage(6101, LogLevel.Warning, "Reading internal topic {Topic} failed; retrying")]
    public static partial void LogReadFailed(ILogger logger, string topic, Exception error);

    [LoggerMessage(6102, LogLevel.Error, "Record {Topic}-{Partition}@{Offset} could not be applied; skipped")]
    public static partial void LogRecordFailed(ILogger logger, string topic, int partition, long offset, Exception error);

    [LoggerMessage(6103, LogLevel.Warning, "Ignoring config topic record with key {Key}: {Reason}")]
    public static partial void LogConfigRecordIgnored(ILogger logger, string key, string reason);

    [LoggerMessage(6104, LogLevel.Warning, "Ignoring status topic record with key {Key}: {Reason}")]
    public static partial void LogStatusRecordIgnored(ILogger logger, string key, string reason);

    [LoggerMessage(6110, LogLevel.Information, "Worker {WorkerId} joined generation {Generation} (leader {Leader}, config offset {Offset}): +{Connectors} connectors, +{Tasks} tasks, -{RevokedConnectors} connectors, -{RevokedTasks} tasks, delay {Delay} ms")]
    public static partial void LogAssigned(ILogger logger, string workerId, int generation, string leader, long offset, int connectors, int tasks, int revokedConnectors, int revokedTasks, int delay);

    [LoggerMessage(6111, LogLevel.Warning, "Worker {WorkerId} could not catch up with the config topic to offset {Offset}; leaving the group to retry")]
    public static partial void LogSyncFailed(ILogger logger, string workerId, long offset);

    [LoggerMessage(6112, LogLevel.Error, "Worker {WorkerId}: herder step failed")]
    public static partial void LogTickFailed(ILogger logger, string workerId, Exception error);

    [LoggerMessage(6113, LogLevel.Error, "Worker {WorkerId}: connector {Connector} failed to generate task configs")]
    public static partial void LogReconfigureFailed(ILogger logger, string workerId, string connector, Exception error);

    [LoggerMessage(6114, LogLevel.Error, "Worker {WorkerId}: starting {What} failed")]
    public static partial void LogStartFailed(ILogger logger, string workerId, string what, Exception error);
}
