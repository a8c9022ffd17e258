namespace Pipeline.Storage.Index;

/// <summary>A time index answer: the largest timestamp seen up to and including the batch ending at <see cref="Offset"/>.</summary>
internal readonly record struct TimestampOffset(long Timestamp, long Offset);
