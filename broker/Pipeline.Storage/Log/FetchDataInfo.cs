using Pipeline.Protocol;
using Pipeline.Protocol.Primitives;

namespace Pipeline.Storage.Log;

/// <summary>
/// Result of <see cref="PartitionLog.Read"/>. <see cref="Records"/> is a lease on a range of one
/// segment holding whole batches (the caller must Release it exactly once), or null when there is
/// nothing to return or on error. <see cref="FirstOffset"/> is the base offset of the first batch
/// (it may be below the requested offset: clients skip the earlier records), -1 without records.
/// Errors: OFFSET_OUT_OF_RANGE (below the log start or past the log end), KAFKA_STORAGE_ERROR
/// (the next batch is corrupt on disk), UNKNOWN_TOPIC_OR_PARTITION (log deleted).
/// </summary>
public readonly record struct FetchDataInfo(
    ErrorCode Error,
    IFileRegion? Records,
    long FirstOffset,
    long HighWatermark,
    long LogStartOffset,
    long LogEndOffset);
