namespace Pipeline.Testing.Storage;

/// <summary>A record for <see cref="TestBatches"/>; a null key or value is written as length -1.</summary>
public sealed record TestRecord(byte[]? Key, byte[]? Value, long Timestamp, int? OffsetDelta = null);
