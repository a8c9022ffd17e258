using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Runtime.Transforms;
using static Pipeline.Connect.Runtime.Tests.Transforms.TransformFixtures;

namespace Pipeline.Connect.Runtime.Tests.Transforms;

public class TimestampConverterTests
{
    private static readonly DateTimeOffset Instant = new(2017, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);
    private static readonly long InstantMillis = Instant.ToUnixTimeMilliseconds();

    [Fact]
    public void TimestampConverter_SchemafulTimestampToString_FormatsInUtc()
    {
        using var convert = Configured<TimestampConverterValue>(("target.type", "string"), ("format", "yyyy-MM-dd'T'HH:mm:ss.SSSZ"));
        var result = convert.Apply(Value(ConnectTimestamp.Schema, Instant))!;
        Assert.Equal(Schema.String, result.ValueSchema);
        Assert.Equal("2017-01-02T03:04:05.678+0000", result.Value);
    }

    [Fact]
    public void TimestampConverter_StringToTimestamp_Parses()
    {
        using var convert = Configured<TimestampConverterValue>(("target.type", "Timestamp"), ("format", "yyyy-MM-dd HH:mm:ss.SSS"));
        var result = convert.Apply(Value(Schema.String, "2017-01-02 03:04:05.678"))!;
        Assert.Equal(ConnectTimestamp.Schema, result.ValueSchema);
        Assert.Equal(Instant, result.Value);
    }

    [Theory]
    [InlineData("dd/MMM/yyyy:HH:mm:ss Z", "02/Jan/2017:03:04:05 +0100", 2017, 1, 2, 2)]
    [InlineData("EEE, d MMM yyyy hh:mm a", "Mon, 2 Jan 2017 03:04 PM", 2017, 1, 2, 15)]
    [InlineData("yyyyMMddHH", "2017010203", 2017, 1, 2, 3)]
    public void TimestampConverter_SimpleDateFormatPatterns_Parse(string pattern, string text, int year, int month, int day, int hour)
    {
        using var convert = Configured<TimestampConverterValue>(("target.type", "Timestamp"), ("format", pattern));
        var result = Assert.IsType<DateTimeOffset>(convert.Apply(Value(null, text))!.Value);
        Assert.Equal((year, month, day, hour), (result.Year, result.Month, result.Day, result.Hour));
    }

    [Theory]
    [InlineData("seconds", 1483326245L)]
    [InlineData("milliseconds", 1483326245678L)]
    [InlineData("microseconds", 1483326245678000L)]
    [InlineData("nanoseconds", 1483326245678000000L)]
    public void TimestampConverter_ToUnix_UsesPrecision(string precision, long expected)
    {
        using var convert = Configured<TimestampConverterValue>(("target.type", "unix"), ("unix.precision", precision));
        Assert.Equal(expected, convert.Apply(Value(null, Instant))!.Value);
    }

    [Theory]
    [InlineData("seconds", 1483326245L, 1483326245000L)]
    [InlineData("microseconds", 1483326245678999L, 1483326245678L)]
    [InlineData("nanoseconds", 1483326245678999999L, 1483326245678L)]
    public void TimestampConverter_FromUnix_TruncatesToMillis(string precision, long input, long expectedMillis)
    {
        using var convert = Configured<TimestampConverterValue>(("target.type", "Timestamp"), ("unix.precision", precision));
        var result = convert.Apply(Value(Schema.Int64, input))!;
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(expectedMillis), result.Value);
    }

    [Fact]
    public void TimestampConverter_ToDateAndTime_SplitsInstant()
    {
        using var toDate = Configured<TimestampConverterValue>(("target.type", "Date"));
        using var toTime = Configured<TimestampConverterValue>(("target.type", "Time"));
        Assert.Equal(new DateOnly(2017, 1, 2), toDate.Apply(Value(Schema.Int64, InstantMillis))!.Value);
        Assert.Equal(ConnectDate.Schema, toDate.Apply(Value(Schema.Int64, InstantMillis))!.ValueSchema);
        Assert.Equal(new TimeOnly(3, 4, 5, 678), toTime.Apply(Value(null, InstantMillis))!.Value);
    }

    [Fact]
    public void TimestampConverter_StructField_ConvertedOthersKept()
    {
        var schema = SchemaBuilder.Struct().Name("e").Field("ts", Schema.OptionalInt64).Field("other", Schema.String).Build();
        using var convert = Configured<TimestampConverterKey>(("field", "ts"), ("target.type", "Timestamp"));
        var result = convert.Apply(Key(schema, new Struct(schema).Put("ts", InstantMillis).Put("other", "o")))!;
        var s = Assert.IsType<Struct>(result.Key);
        Assert.Equal(Instant, s.Get("ts"));
        Assert.True(s.Schema.Field("ts")!.Schema.IsOptional);
        Assert.Equal(ConnectTimestamp.LogicalName, s.Schema.Field("ts")!.Schema.Name);
        Assert.Equal("o", s.Get("other"));
        Assert.Equal("e", s.Schema.Name);
    }

    [Fact]
    public void TimestampConverter_SchemalessMapField_Converted()
    {
        using var convert = Configured<TimestampConverterValue>(("field", "ts"), ("target.type", "string"), ("format", "yyyy-MM-dd"));
        var map = AsMap(convert.Apply(Value(null, Map(("ts", InstantMillis), ("x", 1))))!.Value);
        Assert.Equal("2017-01-02", map["ts"]);
        Assert.Equal(1, map["x"]);
    }

    [Fact]
    public void TimestampConverter_Tombstones_StayNull()
    {
        using var convert = Configured<TimestampConverterValue>(("target.type", "unix"));
        Assert.Null(convert.Apply(Value(null, null))!.Value);
        var result = convert.Apply(Value(ConnectTimestamp.Builder().Optional().Build(), null))!;
        Assert.Null(result.Value);
        Assert.Equal(Schema.OptionalInt64, result.ValueSchema);
    }

    [Fact]
    public void TimestampConverter_UnparsableString_ThrowsWithPattern()
    {
        using var convert = Configured<TimestampConverterValue>(("target.type", "unix"), ("format", "yyyy-MM-dd"));
        var e = Assert.Throws<DataException>(() => convert.Apply(Value(null, "not a date")));
        Assert.Equal("Could not parse timestamp: value (not a date) does not match pattern (yyyy-MM-dd)", e.Message);
    }

    [Fact]
    public void TimestampConverter_UnsupportedSchemalessType_Throws()
    {
        using var convert = Configured<TimestampConverterValue>(("target.type", "unix"));
        var e = Assert.Throws<DataException>(() => convert.Apply(Value(null, 1.5)));
        Assert.Equal("TimestampConverter does not support System.Double objects as timestamps", e.Message);
    }

    [Fact]
    public void TimestampConverter_UnknownSchemaType_ThrowsConnectException()
    {
        using var convert = Configured<TimestampConverterValue>(("target.type", "unix"));
        Assert.Throws<ConnectException>(() => convert.Apply(Value(Schema.Int32, 5)));
    }

    [Theory]
    [InlineData("target.type", "target.type", "epoch")]
    [InlineData("unix.precision", "unix.precision", "minutes")]
    [InlineData("format", "format", "yyyy-bb")]
    public void TimestampConverter_BadConfig_ThrowsConfigExceptionNamingSetting(string setting, string expectedName, string value)
    {
        var configs = new Dictionary<string, string> { ["target.type"] = "string", ["format"] = "yyyy", [setting] = value };
        var e = Assert.Throws<ConfigException>(() => new TimestampConverterValue().Configure(configs));
        Assert.Equal(expectedName, e.Name);
    }

    [Fact]
    public void TimestampConverter_StringTargetWithoutFormat_ThrowsConfigException()
    {
        var e = Assert.Throws<ConfigException>(() => Configured<TimestampConverterValue>(("target.type", "string")));
        Assert.Equal("format", e.Name);
        Assert.Contains("requires format option to be specified when using string timestamps", e.Message, StringComparison.Ordinal);
    }
}
