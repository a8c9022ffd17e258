namespace Pipeline.Storage.Epoch;

/// <summary>
/// The answer to OffsetForLeaderEpoch: the largest known epoch at most the requested one and
/// the offset where it ended (the start of the next known epoch, or the log end for the latest).
/// Both are -1 when the epoch is unknown.
/// </summary>
public readonly record struct EpochEndOffset(int LeaderEpoch, long EndOffset);
