using Pipeline.Connect.Api.Sink;

namespace Pipeline.Connect.Runtime.Errors;

/// <summary>
/// A record as a sink task's consumer received it, before any conversion: what the dead letter
/// queue writes back unchanged. The worker fills it from Pipeline.Client's consume result.
/// </summary>
public sealed record ConsumedRecord(
    string Topic,
    int Partition,
    long Offset,
    long Timestamp,
    byte[]? Key,
    byte[]? Value,
    IReadOnlyList<(string Key, byte[]? Value)> Headers,
    TimestampType TimestampType = TimestampType.CreateTime);
