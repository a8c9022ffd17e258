namespace Pipeline.Storage.Log;

/// <summary>A ListOffsets answer: a record's offset and timestamp and the leader epoch of its batch (-1 if unknown).</summary>
public readonly record struct OffsetAndTimestamp(long Offset, long Timestamp, int LeaderEpoch);
