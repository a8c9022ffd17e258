using Microsoft.Extensions.Logging;

namespace Pipeline.Storage.Producers;

/// <summary>LoggerMessage methods of producer state, with fixed event ids (1040-1049 of storage's range).</summary>
internal static partial class ProducerStateLog
{
    [LoggerMessage(1040, LogLevel.Information, "Loaded producer state of {Partition} from {Path}: {Producers} producer(s)")]
    public static partial void SnapshotLoaded(ILogger logger, string partition, string path, int producers);

    [LoggerMessage(1041, LogLevel.Warning, "Producer snapshot {Path} of {Partition} is unusable ({Reason}); deleted, the state is rebuilt from the log")]
    public static partial void SnapshotUnusable(ILogger logger, string partition, string path, string reason);

    [LoggerMessage(1042, LogLevel.Information, "Rebuilt producer state of {Partition} from offset {From} to {To}: {Producers} producer(s)")]
    public static partial void StateRebuilt(ILogger logger, string partition, long from, long to, int producers);

    [LoggerMessage(1043, LogLevel.Debug, "Expired {Count} producer id(s) of {Partition}")]
    public static partial void ProducersExpired(ILogger logger, string partition, int count);

    [LoggerMessage(1044, LogLevel.Warning, "Producer state replay of {Partition} stopped at offset {Offset}: {Reason}")]
    public static partial void ReplayStopped(ILogger logger, string partition, long offset, string reason);

    [LoggerMessage(1045, LogLevel.Error, "Writing a producer snapshot of {Partition} failed; recovery will replay more of the log")]
    public static partial void SnapshotWriteFailed(ILogger logger, string partition, Exception exception);
}
