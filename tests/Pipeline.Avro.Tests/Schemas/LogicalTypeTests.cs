using Pipeline.Avro.Schemas;
using Xunit;

namespace Pipeline.Avro.Tests.Schemas;

public sealed class LogicalTypeTests
{
    [Theory]
    [InlineData("""{"type":"bytes","logicalType":"decimal","precision":4,"scale":2}""", LogicalTypeKind.Decimal)]
    [InlineData("""{"type":"fixed","name":"F","size":16,"logicalType":"decimal","precision":38}""", LogicalTypeKind.Decimal)]
    [InlineData("""{"type":"bytes","logicalType":"big-decimal"}""", LogicalTypeKind.BigDecimal)]
    [InlineData("""{"type":"string","logicalType":"uuid"}""", LogicalTypeKind.Uuid)]
    [InlineData("""{"type":"fixed","name":"U","size":16,"logicalType":"uuid"}""", LogicalTypeKind.Uuid)]
    [InlineData("""{"type":"int","logicalType":"date"}""", LogicalTypeKind.Date)]
    [InlineData("""{"type":"int","logicalType":"time-millis"}""", LogicalTypeKind.TimeMillis)]
    [InlineData("""{"type":"long","logicalType":"time-micros"}""", LogicalTypeKind.TimeMicros)]
    [InlineData("""{"type":"long","logicalType":"timestamp-millis"}""", LogicalTypeKind.TimestampMillis)]
    [InlineData("""{"type":"long","logicalType":"timestamp-micros"}""", LogicalTypeKind.TimestampMicros)]
    [InlineData("""{"type":"long","logicalType":"timestamp-nanos"}""", LogicalTypeKind.TimestampNanos)]
    [InlineData("""{"type":"long","logicalType":"local-timestamp-millis"}""", LogicalTypeKind.LocalTimestampMillis)]
    [InlineData("""{"type":"long","logicalType":"local-timestamp-micros"}""", LogicalTypeKind.LocalTimestampMicros)]
    [InlineData("""{"type":"long","logicalType":"local-timestamp-nanos"}""", LogicalTypeKind.LocalTimestampNanos)]
    [InlineData("""{"type":"fixed","name":"D","size":12,"logicalType":"duration"}""", LogicalTypeKind.Duration)]
    public void Parse_ValidLogicalType_IsRecognized(string json, LogicalTypeKind kind)
    {
        Assert.Equal(kind, Schema.Parse(json).LogicalType?.Kind);
    }

    [Fact]
    public void Parse_Decimal_HasPrecisionAndScale()
    {
        var logical = Schema.Parse("""{"type":"bytes","logicalType":"decimal","precision":9,"scale":3}""").LogicalType!;

        Assert.Equal((9, 3), (logical.Precision, logical.Scale));
        Assert.Equal(0, Schema.Parse("""{"type":"bytes","logicalType":"decimal","precision":9}""").LogicalType!.Scale);
    }

    [Theory]
    [InlineData("""{"type":"bytes","logicalType":"decimal","precision":0}""", "decimal precision 0 is not positive")]
    [InlineData("""{"type":"bytes","logicalType":"decimal","precision":2,"scale":3}""", "decimal scale 3 is greater than precision 2")]
    [InlineData("""{"type":"bytes","logicalType":"decimal","precision":2,"scale":-1}""", "decimal scale -1 is negative")]
    [InlineData("""{"type":"bytes","logicalType":"decimal"}""", "decimal is missing precision")]
    [InlineData("""{"type":"bytes","logicalType":"decimal","precision":"4"}""", "decimal precision is not an int")]
    [InlineData("""{"type":"fixed","name":"F","size":4,"logicalType":"decimal","precision":10}""", "fixed(4) cannot store 10 digits (max 9)")]
    [InlineData("""{"type":"string","logicalType":"decimal","precision":4}""", "decimal must be backed by fixed or bytes")]
    [InlineData("""{"type":"long","logicalType":"date"}""", "date can only be used with an underlying int type")]
    [InlineData("""{"type":"fixed","name":"U","size":15,"logicalType":"uuid"}""", "uuid with fixed type must have a size of 16 bytes")]
    [InlineData("""{"type":"int","logicalType":"uuid"}""", "uuid can only be used with an underlying string or fixed type")]
    [InlineData("""{"type":"fixed","name":"D","size":16,"logicalType":"duration"}""", "duration can only be used with an underlying fixed type of size 12")]
    [InlineData("""{"type":"int","logicalType":"time-micros"}""", "time-micros can only be used with an underlying long type")]
    [InlineData("""{"type":"string","logicalType":"foo-bar"}""", "unknown logical type \"foo-bar\"")]
    public void Parse_InvalidLogicalType_DegradesToTheUnderlyingType(string json, string reason)
    {
        var schema = Schema.Parse(json);

        Assert.Null(schema.LogicalType);
        Assert.Null(LogicalType.FromSchema(schema, out var why));
        Assert.Equal(reason, why);
        Assert.True(schema.Properties.ContainsKey("logicalType"));
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(4, 9)]
    [InlineData(8, 18)]
    [InlineData(9, 21)]
    [InlineData(16, 38)]
    public void MaxDecimalPrecision_MatchesTheSpecTable(int size, int expected)
    {
        Assert.Equal(expected, LogicalType.MaxDecimalPrecision(size));
    }

    [Fact]
    public void WithLogicalType_BuildsTheAttributes()
    {
        var schema = PrimitiveSchema.WithLogicalType(SchemaType.Bytes, LogicalTypeKind.Decimal, 10, 2);

        Assert.Equal("""{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}""", schema.ToJson());
        Assert.Equal((10, 2), (schema.LogicalType!.Precision, schema.LogicalType.Scale));
    }
}
