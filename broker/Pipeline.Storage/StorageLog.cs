using Microsoft.Extensions.Logging;

namespace Pipeline.Storage;

/// <summary>LoggerMessage methods of the storage layer, with fixed event ids (1000-1099).</summary>
internal static partial class StorageLog
{
    [LoggerMessage(1000, LogLevel.Error, "Corrupt batch in {Path} at position {Position}: {Reason}; reads at or past it fail with KAFKA_STORAGE_ERROR")]
    public static partial void CorruptBatchFound(ILogger logger, string path, long position, string reason);

    [LoggerMessage(1001, LogLevel.Warning, "Recovery of {Partition} truncated {Path} at position {Position} ({Bytes} bytes dropped): {Reason}")]
    public static partial void RecoveryTruncated(ILogger logger, string partition, string path, long position, long bytes, string reason);

    [LoggerMessage(1002, LogLevel.Warning, "Rebuilding indexes of {Path}: {Reason}")]
    public static partial void RebuildingIndexes(ILogger logger, string path, string reason);

    [LoggerMessage(1003, LogLevel.Warning, "Recovery of {Partition} deleted segment {Path} after a truncation")]
    public static partial void RecoveryDeletedSegment(ILogger logger, string partition, string path);

    [LoggerMessage(1004, LogLevel.Information, "Loaded {Partition}: log start {LogStartOffset}, log end {LogEndOffset}, {Segments} segment(s), recovered={Recovered}")]
    public static partial void LogLoaded(ILogger logger, string partition, long logStartOffset, long logEndOffset, int segments, bool recovered);

    [LoggerMessage(1005, LogLevel.Error, "Write to {Partition} failed")]
    public static partial void AppendFailed(ILogger logger, string partition, Exception exception);

    [LoggerMessage(1006, LogLevel.Error, "Flush of {Partition} failed")]
    public static partial void FlushFailed(ILogger logger, string partition, Exception exception);

    [LoggerMessage(1007, LogLevel.Information, "Deleting {Count} segment(s) of {Partition} ({Reason}); log start offset is now {LogStartOffset}")]
    public static partial void SegmentsDeleted(ILogger logger, string partition, int count, string reason, long logStartOffset);

    [LoggerMessage(1008, LogLevel.Warning, "Ignoring {Path}: {Reason}")]
    public static partial void IgnoringFile(ILogger logger, string path, string reason);

    [LoggerMessage(1009, LogLevel.Warning, "Checkpoint {Path} unusable ({Reason}); treating it as empty")]
    public static partial void CheckpointUnusable(ILogger logger, string path, string reason);

    [LoggerMessage(1010, LogLevel.Error, "Background task {Task} failed")]
    public static partial void BackgroundTaskFailed(ILogger logger, string task, Exception exception);

    [LoggerMessage(1011, LogLevel.Information, "Cleaned {Partition}: offsets [{From}, {To}), {BytesBefore} -> {BytesAfter} bytes")]
    public static partial void LogCleaned(ILogger logger, string partition, long from, long to, long bytesBefore, long bytesAfter);

    [LoggerMessage(1012, LogLevel.Information, "Completing interrupted swap of {Path}")]
    public static partial void CompletingSwap(ILogger logger, string path);

    [LoggerMessage(1013, LogLevel.Information, "Deleted partition directory {Path}")]
    public static partial void PartitionDirDeleted(ILogger logger, string path);

    [LoggerMessage(1014, LogLevel.Information, "Log dir {Path} was not shut down cleanly; recovering logs after their recovery points")]
    public static partial void UncleanShutdown(ILogger logger, string path);

    [LoggerMessage(1015, LogLevel.Warning, "Cleaning of {Partition} aborted: {Reason}")]
    public static partial void CleaningAborted(ILogger logger, string partition, string reason);
}
