using System.Collections;
using System.Text;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Runtime.Converters;

namespace Pipeline.Connect.Runtime.Tests.Converters;

public sealed class SimpleHeaderConverterTests
{
    private readonly SimpleHeaderConverter _converter = new();

    private SchemaAndValue Read(string text) => _converter.ToConnectHeader("t", "h", Encoding.UTF8.GetBytes(text));

    private string Write(Schema? schema, object value) => Encoding.UTF8.GetString(_converter.FromConnectHeader("t", "h", schema, value)!);

    [Theory]
    [InlineData("true", SchemaType.Boolean, true)]
    [InlineData("false", SchemaType.Boolean, false)]
    [InlineData("12", SchemaType.Int8, (sbyte)12)]
    [InlineData("-129", SchemaType.Int16, (short)-129)]
    [InlineData("40000", SchemaType.Int32, 40000)]
    [InlineData("5000000000", SchemaType.Int64, 5000000000L)]
    [InlineData("1.0", SchemaType.Int8, (sbyte)1)]
    [InlineData("1.5", SchemaType.Float32, 1.5f)]
    [InlineData("hello world", SchemaType.String, "hello world")]
    [InlineData("", SchemaType.String, "")]
    [InlineData("[1,2", SchemaType.String, "[1,2")]
    [InlineData("12abc", SchemaType.String, "12abc")]
    public void ToConnectHeader_Scalars_TypeInferredAsKafka(string text, SchemaType type, object expected)
    {
        var result = Read(text);
        Assert.Equal(type, result.Schema!.Type);
        Assert.Equal(expected, result.Value);
    }

    [Fact]
    public void ToConnectHeader_Temporal_LogicalTypes()
    {
        Assert.Equal(new SchemaAndValue(ConnectDate.Schema, new DateOnly(2024, 1, 15)), Read("2024-01-15"));
        Assert.Equal(new SchemaAndValue(ConnectTime.Schema, new TimeOnly(10, 30, 0, 123)), Read("10:30:00.123Z"));
        Assert.Equal(new SchemaAndValue(ConnectTimestamp.Schema, new DateTimeOffset(2024, 1, 15, 10, 30, 0, 123, TimeSpan.Zero)), Read("2024-01-15T10:30:00.123Z"));
    }

    [Fact]
    public void ToConnectHeader_ArraysAndMaps_CommonTypes()
    {
        var array = Read("[1, 2, 300]");
        Assert.Equal(SchemaBuilder.Array(Schema.Int16).Build(), array.Schema);
        Assert.Equal(new List<object?> { (short)1, (short)2, (short)300 }, (IList)array.Value!);

        var strings = Read("[\"a\",\"b,c\",null]");
        Assert.Equal(SchemaBuilder.Array(Schema.OptionalString).Build(), strings.Schema);
        Assert.Equal(new List<object?> { "a", "b,c", null }, (IList)strings.Value!);

        var map = Read("{\"a\":1,\"b\":2.5}");
        Assert.Equal(SchemaBuilder.Map(Schema.String, Schema.Float32).Build(), map.Schema);
        var entries = (IDictionary)map.Value!;
        Assert.Equal(1f, entries["a"]);
        Assert.Equal(2.5f, entries["b"]);

        Assert.Equal(SchemaType.String, Read("[1,\"x\"]").Schema!.Type);
        Assert.Equal(SchemaType.Array, Read("[]").Schema!.Type);
    }

    [Fact]
    public void FromConnectHeader_Values_WrittenAsKafkaValuesDoes()
    {
        Assert.Equal("plain text", Write(Schema.String, "plain text"));
        Assert.Equal("42", Write(Schema.Int32, 42));
        Assert.Equal("1.0E10", Write(Schema.Float64, 1e10));
        Assert.Equal("AQID", Write(Schema.Bytes, new byte[] { 1, 2, 3 }));
        Assert.Equal("12.30", Write(ConnectDecimal.Schema(2), 12.30m));
        Assert.Equal("2024-01-15T10:30:00.123Z", Write(ConnectTimestamp.Schema, new DateTimeOffset(2024, 1, 15, 10, 30, 0, 123, TimeSpan.Zero)));
        Assert.Equal("[\"a\",\"q\\\"\",null]", Write(null, new List<object?> { "a", "q\"", null }));
        Assert.Equal("{\"k\":1}", Write(null, new Dictionary<string, int> { ["k"] = 1 }));
        var schema = SchemaBuilder.Struct().Field("id", Schema.Int32).Field("name", Schema.String).Build();
        Assert.Equal("{\"id\":1,\"name\":\"x\"}", Write(schema, new Struct(schema).Put("id", 1).Put("name", "x")));
        Assert.Null(_converter.FromConnectHeader("t", "h", null, null));
    }

    public static TheoryData<Schema, object> RoundTrips() => new()
    {
        { Schema.Boolean, true },
        { Schema.Int8, (sbyte)-5 },
        { Schema.Int16, (short)1000 },
        { Schema.Int32, 100000 },
        { Schema.Int64, long.MaxValue },
        { Schema.Float32, 1.25f },
        { Schema.String, "some text, with: punctuation" },
        { ConnectDate.Schema, new DateOnly(2000, 2, 29) },
        { ConnectTime.Schema, new TimeOnly(23, 59, 59, 999) },
        { ConnectTimestamp.Schema, new DateTimeOffset(1999, 12, 31, 23, 59, 59, 999, TimeSpan.Zero) },
        { SchemaBuilder.Array(Schema.Int32).Build(), new List<object?> { 100000, 200000 } },
        { SchemaBuilder.Map(Schema.String, Schema.String).Build(), new Dictionary<string, object?> { ["a"] = "x y", ["b"] = "2024-01-01" } },
        { SchemaBuilder.Map(Schema.String, ConnectTimestamp.Schema).Build(), new Dictionary<string, object?> { ["at"] = new DateTimeOffset(2024, 1, 15, 10, 30, 0, 0, TimeSpan.Zero) } },
    };

    [Theory]
    [MemberData(nameof(RoundTrips))]
    public void RoundTrip_InferableTypes_SameSchemaAndValue(Schema schema, object value)
    {
        var back = _converter.ToConnectHeader("t", "h", _converter.FromConnectHeader("t", "h", schema, value));
        if (schema.Name == null && schema.Type == SchemaType.Map && ((IDictionary)value).Contains("b"))
        {
            // A quoted date inside a map is read as a Date, as in Kafka: strings that look temporal do not survive.
            Assert.Equal(SchemaType.String, back.Schema!.Type);
            return;
        }

        Assert.Equal(schema, back.Schema);
        Assert.True(JsonConverterDeserializationTests.Same(value, back.Value), $"{value} != {back.Value}");
    }

    [Fact]
    public void ToConnectHeader_NullBytes_Null() => Assert.Equal(SchemaAndValue.Null, _converter.ToConnectHeader("t", "h", null));
}
