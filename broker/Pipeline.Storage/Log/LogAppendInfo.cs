using Pipeline.Protocol;

namespace Pipeline.Storage.Log;

/// <summary>
/// Result of an append. On success <see cref="Error"/> is None and the offsets are those
/// assigned; <see cref="LogAppendTime"/> is -1 (CreateTime; the broker stamps LogAppendTime
/// batches before appending). Expected failures carry an error code instead of throwing:
/// CORRUPT_MESSAGE (malformed batch), MESSAGE_TOO_LARGE (over max.message.bytes),
/// RECORD_LIST_TOO_LARGE (over segment.bytes), OFFSET_OUT_OF_RANGE (follower batch below the log
/// end), KAFKA_STORAGE_ERROR (the write failed), UNKNOWN_TOPIC_OR_PARTITION (log deleted).
/// </summary>
public readonly record struct LogAppendInfo(
    ErrorCode Error,
    long FirstOffset,
    long LastOffset,
    long LogAppendTime,
    long LogStartOffset,
    long MaxTimestamp,
    int RecordCount)
{
    public static LogAppendInfo Failed(ErrorCode error, long logStartOffset) =>
        new(error, -1, -1, -1, logStartOffset, -1, 0);
}
