namespace Pipeline.Client.Consumer;

/// <summary>A partition's log start offset (<see cref="Low"/>) and high watermark (<see cref="High"/>); -1001 when unknown.</summary>
public readonly record struct WatermarkOffsets(long Low, long High);
