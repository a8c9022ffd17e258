using Microsoft.Extensions.Logging;

namespace Pipeline.Broker.Coordinators.Runtime;

internal static partial class CoordinatorRuntimeLog
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "Loaded coordinator shard {Log}: {Records} record(s) up to offset {EndOffset} in {ElapsedMs} ms")]
    public static partial void Loaded(ILogger logger, string log, long records, long endOffset, long elapsedMs);

    [LoggerMessage(EventId = 607, Level = LogLevel.Debug, Message = "Loaded empty coordinator shard {Log}")]
    public static partial void LoadedEmpty(ILogger logger, string log);

    [LoggerMessage(EventId = 601, Level = LogLevel.Error, Message = "Loading coordinator shard {Log} failed; its requests get COORDINATOR_NOT_AVAILABLE")]
    public static partial void LoadFailed(ILogger logger, string log, Exception exception);

    [LoggerMessage(EventId = 602, Level = LogLevel.Information, Message = "Unloaded coordinator shard {Log}")]
    public static partial void Unloaded(ILogger logger, string log);

    [LoggerMessage(EventId = 603, Level = LogLevel.Error, Message = "Operation {Operation} of coordinator shard {Log} failed unexpectedly")]
    public static partial void OperationFailed(ILogger logger, string operation, string log, Exception exception);

    [LoggerMessage(EventId = 604, Level = LogLevel.Error, Message = "Coordinator shard {Log}: appending records failed with {Error}")]
    public static partial void AppendFailed(ILogger logger, string log, string error);

    [LoggerMessage(EventId = 605, Level = LogLevel.Error, Message = "Coordinator shard {Log}: flushing up to offset {Offset} failed")]
    public static partial void FlushFailed(ILogger logger, string log, long offset, Exception exception);

    [LoggerMessage(EventId = 606, Level = LogLevel.Error, Message = "Coordinator shard {Log}: a completion callback failed")]
    public static partial void CallbackFailed(ILogger logger, string log, Exception exception);
}
