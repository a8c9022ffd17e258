namespace Pipeline.Avro.Schemas;

/// <summary>The logical types of Avro 1.12 that Java knows.</summary>
public enum LogicalTypeKind
{
    Decimal,
    BigDecimal,
    Uuid,
    Date,
    TimeMillis,
    TimeMicros,
    TimestampMillis,
    TimestampMicros,
    TimestampNanos,
    LocalTimestampMillis,
    LocalTimestampMicros,
    LocalTimestampNanos,
    Duration,
}
