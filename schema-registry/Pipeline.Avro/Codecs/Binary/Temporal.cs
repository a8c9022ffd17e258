namespace Pipeline.Avro.Codecs.Binary;

/// <summary>Conversions between .NET dates and times and Avro's epoch counts (floor division, like java.time).</summary>
internal static class Temporal
{
    public const int EpochDayNumber = 719162; // DateOnly(1970, 1, 1).DayNumber
    public static readonly long EpochTicks = DateTime.UnixEpoch.Ticks;

    public enum Unit
    {
        Millis,
        Micros,
        Nanos,
    }

    public static long ToCount(long ticksSinceEpoch, Unit unit) => unit switch
    {
        Unit.Millis => FloorDiv(ticksSinceEpoch, TimeSpan.TicksPerMillisecond),
        Unit.Micros => FloorDiv(ticksSinceEpoch, TimeSpan.TicksPerMicrosecond),
        _ => checked(ticksSinceEpoch * 100),
    };

    public static long ToTicks(long count, Unit unit)
    {
        try
        {
            return unit switch
            {
                Unit.Millis => checked(count * TimeSpan.TicksPerMillisecond),
                Unit.Micros => checked(count * TimeSpan.TicksPerMicrosecond),
                _ => FloorDiv(count, 100),
            };
        }
        catch (OverflowException e)
        {
            throw new AvroTypeException($"timestamp {count} is out of range", e);
        }
    }

    public static DateTimeOffset ToInstant(long count, Unit unit)
    {
        var ticks = ToTicks(count, unit) + EpochTicks;
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            throw new AvroTypeException($"timestamp {count} is out of the range of DateTimeOffset");
        }

        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }

    public static DateTime ToLocal(long count, Unit unit)
    {
        var ticks = ToTicks(count, unit) + EpochTicks;
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            throw new AvroTypeException($"timestamp {count} is out of the range of DateTime");
        }

        return new DateTime(ticks, DateTimeKind.Unspecified);
    }

    private static long FloorDiv(long a, long b)
    {
        var q = a / b;
        return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
    }
}
