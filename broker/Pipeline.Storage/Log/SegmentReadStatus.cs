namespace Pipeline.Storage.Log;

internal enum SegmentReadStatus
{
    /// <summary>One or more whole batches.</summary>
    Ok,

    /// <summary>A batch at or after the offset exists but a limit (bytes, max offset) stops before it.</summary>
    Empty,

    /// <summary>The segment has no batch at or after the offset; try the next segment.</summary>
    NotInSegment,

    /// <summary>The batch to serve is at or after a corruption found by verification.</summary>
    Corrupt,
}
