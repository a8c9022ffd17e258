namespace Pipeline.Storage.Epoch;

/// <summary>A leader epoch and the first offset written in it.</summary>
public readonly record struct EpochEntry(int Epoch, long StartOffset);
