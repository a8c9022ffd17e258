namespace Pipeline.Connect.Api.Sink;

/// <summary>What a Kafka record's timestamp means.</summary>
public enum TimestampType
{
    /// <summary>No timestamp.</summary>
    NoTimestampType,

    /// <summary>Set by the producer.</summary>
    CreateTime,

    /// <summary>Set by the broker when it appended the record.</summary>
    LogAppendTime,
}
