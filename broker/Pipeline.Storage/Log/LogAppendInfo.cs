using Pipeline.Protocol;
using Pipeline.Storage.Producers;

namespace Pipeline.Storage.Log;

/// <summary>
/// Result of an append. On success <see cref="Error"/> is None and the offsets are those
/// assigned; <see cref="LogAppendTime"/> is -1 (CreateTime; the broker stamps LogAppendTime
/// batches before appending). Expected failures carry an error code instead of throwing:
/// CORRUPT_MESSAGE (malformed batch), MESSAGE_TOO_LARGE (over max.message.bytes),
/// RECORD_LIST_TOO_LARGE (over segment.bytes), OFFSET_OUT_OF_RANGE (follower batch below the log
/// end), KAFKA_STORAGE_ERROR (the write failed), UNKNOWN_TOPIC_OR_PARTITION (log deleted), and
/// the producer-state refusals OUT_OF_ORDER_SEQUENCE_NUMBER, INVALID_PRODUCER_EPOCH,
/// INVALID_TXN_STATE and TRANSACTION_COORDINATOR_FENCED (with <see cref="ErrorMessage"/>).
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
    /// <summary>
    /// The batch retried one already stored (same producer id, epoch and sequence range): nothing
    /// was written; the offsets are the original's and <see cref="LogAppendTime"/> its timestamp,
    /// which is what Kafka answers the producer (error NONE).
    /// </summary>
    public bool IsDuplicate { get; init; }

    /// <summary>Why the batch was refused, for the producer-state errors (null otherwise).</summary>
    public string? ErrorMessage { get; init; }

    public static LogAppendInfo Failed(ErrorCode error, long logStartOffset) =>
        new(error, -1, -1, -1, logStartOffset, -1, 0);

    /// <summary>The answer to a retried batch: the original's offsets, its timestamp as the append time (Kafka's).</summary>
    public static LogAppendInfo Duplicate(BatchMetadata original, long logStartOffset) =>
        new(ErrorCode.None, original.FirstOffset, original.LastOffset, original.Timestamp, logStartOffset, original.Timestamp, 0) { IsDuplicate = true };
}
