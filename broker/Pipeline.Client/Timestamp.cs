using Pipeline.Protocol.Records;

namespace Pipeline.Client;

/// <summary>A record timestamp in Unix milliseconds and who set it. <c>default</c> means "not set" (the producer stamps the send time).</summary>
public readonly record struct Timestamp(long UnixTimestampMs, TimestampType Type)
{
    public static Timestamp Default => default;

    /// <summary>False for <c>default</c> (create time 0 is taken to mean "unset", as Confluent's Timestamp.Default).</summary>
    public bool IsSet => UnixTimestampMs != 0 || Type != TimestampType.CreateTime;

    public static Timestamp CreateTime(long unixTimestampMs) => new(unixTimestampMs, TimestampType.CreateTime);

    public static Timestamp FromDateTime(DateTimeOffset time) => CreateTime(time.ToUnixTimeMilliseconds());

    public DateTimeOffset UtcDateTime => DateTimeOffset.FromUnixTimeMilliseconds(UnixTimestampMs);
}
