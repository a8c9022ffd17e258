namespace Pipeline.Storage.Log;

/// <summary>What a roll decision looks at: the incoming batches' size, largest timestamp and last offset, and the clock.</summary>
internal readonly record struct RollParams(int SegmentBytes, long SegmentMs, int BatchBytes, long MaxTimestamp, long LastOffset, long NowMs);
