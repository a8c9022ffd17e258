using Pipeline.Connect.Api.Errors;

namespace Pipeline.Connect.Api.Data;

/// <summary>
/// The Time logical type (<c>org.apache.kafka.connect.data.Time</c>): Int32 milliseconds since
/// midnight; values are <c>TimeOnly</c> (sub-millisecond digits are dropped on the way out).
/// </summary>
public static class ConnectTime
{
    /// <summary>The schema name that marks the logical type.</summary>
    public const string LogicalName = "org.apache.kafka.connect.data.Time";

    private const int MillisPerDay = 24 * 60 * 60 * 1000;

    /// <summary>A builder for a Time schema (version 1).</summary>
    public static SchemaBuilder Builder() => SchemaBuilder.Int32().Name(LogicalName).Version(1);

    /// <summary>A required Time schema.</summary>
    public static Schema Schema { get; } = Builder().Build();

    /// <summary>Milliseconds since midnight of <paramref name="value"/>.</summary>
    public static int FromLogical(Schema schema, TimeOnly value)
    {
        Check(schema);
        return (int)(value.Ticks / TimeSpan.TicksPerMillisecond);
    }

    /// <summary>The time <paramref name="millis"/> milliseconds after midnight (0 to 86,399,999).</summary>
    public static TimeOnly ToLogical(Schema schema, int millis)
    {
        Check(schema);
        if (millis is < 0 or >= MillisPerDay)
        {
            throw new DataException("Time values must use number of milliseconds greater than 0 and less than 86400000");
        }

        return new TimeOnly(millis * TimeSpan.TicksPerMillisecond);
    }

    private static void Check(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.Name != LogicalName)
        {
            throw new DataException("Requested conversion of Time object but the schema does not match.");
        }
    }
}
