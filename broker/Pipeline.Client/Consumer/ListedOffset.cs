namespace Pipeline.Client.Consumer;

/// <summary>A ListOffsets answer for one partition: the offset (-1 for none), the record's timestamp and its leader epoch.</summary>
internal readonly record struct ListedOffset(long Offset, long Timestamp, int LeaderEpoch);
