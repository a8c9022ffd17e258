namespace Pipeline.Storage.Log;

/// <summary>A range of whole batches found by <see cref="LogSegment.Read"/>.</summary>
internal readonly record struct SegmentRead(SegmentReadStatus Status, long Position, int Length, long FirstOffset, long NextOffset);
