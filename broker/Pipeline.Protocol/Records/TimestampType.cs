namespace Pipeline.Protocol.Records;

/// <summary>Batch attributes bit 3, and the topic config message.timestamp.type (Kafka's TimestampType).</summary>
public enum TimestampType : sbyte
{
    /// <summary>Legacy magic 0 messages carry no timestamp at all.</summary>
    NoTimestampType = -1,
    CreateTime = 0,
    LogAppendTime = 1,
}
