namespace Pipeline.Client.Admin;

/// <summary>Which offset ListOffsets looks up: earliest, latest, the record with the largest timestamp, or the first at or after a time.</summary>
public readonly record struct OffsetSpec(long Timestamp)
{
    /// <summary>Kafka's sentinel timestamps.</summary>
    public const long LatestTimestamp = -1;
    public const long EarliestTimestamp = -2;
    public const long MaxTimestampSentinel = -3;

    public static OffsetSpec Latest => new(LatestTimestamp);

    public static OffsetSpec Earliest => new(EarliestTimestamp);

    /// <summary>The offset of the record with the largest timestamp (ListOffsets v7+, KIP-734).</summary>
    public static OffsetSpec MaxTimestamp => new(MaxTimestampSentinel);

    public static OffsetSpec ForTimestamp(long unixTimestampMs) => new(unixTimestampMs);

    public static OffsetSpec ForTimestamp(DateTimeOffset time) => new(time.ToUnixTimeMilliseconds());
}
