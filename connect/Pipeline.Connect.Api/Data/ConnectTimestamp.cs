using Pipeline.Connect.Api.Errors;

namespace Pipeline.Connect.Api.Data;

/// <summary>
/// The Timestamp logical type (<c>org.apache.kafka.connect.data.Timestamp</c>): Int64
/// milliseconds since the Unix epoch; values are <c>DateTimeOffset</c> (a <c>DateTime</c> is
/// accepted on the way in, read as UTC unless its kind is Local).
/// </summary>
public static class ConnectTimestamp
{
    /// <summary>The schema name that marks the logical type.</summary>
    public const string LogicalName = "org.apache.kafka.connect.data.Timestamp";

    /// <summary>A builder for a Timestamp schema (version 1).</summary>
    public static SchemaBuilder Builder() => SchemaBuilder.Int64().Name(LogicalName).Version(1);

    /// <summary>A required Timestamp schema.</summary>
    public static Schema Schema { get; } = Builder().Build();

    /// <summary>Milliseconds since the epoch of <paramref name="value"/>.</summary>
    public static long FromLogical(Schema schema, DateTimeOffset value)
    {
        Check(schema);
        return value.ToUnixTimeMilliseconds();
    }

    /// <summary>Milliseconds since the epoch of <paramref name="value"/> (Unspecified kind is taken as UTC).</summary>
    public static long FromLogical(Schema schema, DateTime value)
    {
        Check(schema);
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);
        return new DateTimeOffset(utc).ToUnixTimeMilliseconds();
    }

    /// <summary>The UTC instant <paramref name="millis"/> milliseconds after the epoch.</summary>
    public static DateTimeOffset ToLogical(Schema schema, long millis)
    {
        Check(schema);
        return DateTimeOffset.FromUnixTimeMilliseconds(millis);
    }

    private static void Check(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.Name != LogicalName)
        {
            throw new DataException("Requested conversion of Timestamp object but the schema does not match.");
        }
    }
}
