using Pipeline.Connect.Api.Errors;

namespace Pipeline.Connect.Api.Data;

/// <summary>
/// The Date logical type (<c>org.apache.kafka.connect.data.Date</c>): Int32 days since
/// 1970-01-01; values are <c>DateOnly</c>.
/// </summary>
public static class ConnectDate
{
    /// <summary>The schema name that marks the logical type.</summary>
    public const string LogicalName = "org.apache.kafka.connect.data.Date";

    private static readonly DateOnly Epoch = new(1970, 1, 1);

    /// <summary>A builder for a Date schema (version 1).</summary>
    public static SchemaBuilder Builder() => SchemaBuilder.Int32().Name(LogicalName).Version(1);

    /// <summary>A required Date schema.</summary>
    public static Schema Schema { get; } = Builder().Build();

    /// <summary>Days since the epoch of <paramref name="value"/>.</summary>
    public static int FromLogical(Schema schema, DateOnly value)
    {
        Check(schema);
        return value.DayNumber - Epoch.DayNumber;
    }

    /// <summary>The date <paramref name="days"/> days after the epoch.</summary>
    public static DateOnly ToLogical(Schema schema, int days)
    {
        Check(schema);
        return DateOnly.FromDayNumber(Epoch.DayNumber + days);
    }

    private static void Check(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.Name != LogicalName)
        {
            throw new DataException("Requested conversion of Date object but the schema does not match.");
        }
    }
}
