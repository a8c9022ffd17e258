using System.Text;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Runtime.Converters;

namespace Pipeline.Connect.Runtime.Tests.Converters;

/// <summary>
/// FromConnectData against the exact bytes Kafka's JsonConverter writes (Jackson, compact, members
/// in Kafka's order), written out by hand from Kafka's documented behaviour and its own tests.
/// </summary>
public sealed class JsonConverterSerializationTests
{
    private const string Topic = "t";

    internal static JsonConverter Converter(params (string Key, string Value)[] settings)
    {
        var converter = new JsonConverter();
        converter.Configure(settings.ToDictionary(s => s.Key, s => s.Value), isKey: false);
        return converter;
    }

    private static string Write(JsonConverter converter, Schema? schema, object? value) =>
        Encoding.UTF8.GetString(converter.FromConnectData(Topic, null, schema, value)!);

    [Theory]
    [InlineData("int8", "{\"schema\":{\"type\":\"int8\",\"optional\":false},\"payload\":12}")]
    [InlineData("int16", "{\"schema\":{\"type\":\"int16\",\"optional\":false},\"payload\":12}")]
    [InlineData("int32", "{\"schema\":{\"type\":\"int32\",\"optional\":false},\"payload\":12}")]
    [InlineData("int64", "{\"schema\":{\"type\":\"int64\",\"optional\":false},\"payload\":12}")]
    [InlineData("float32", "{\"schema\":{\"type\":\"float\",\"optional\":false},\"payload\":12.0}")]
    [InlineData("float64", "{\"schema\":{\"type\":\"double\",\"optional\":false},\"payload\":12.0}")]
    public void FromConnectData_Numbers_EnvelopeWithKafkaTypeNames(string type, string expected)
    {
        (Schema schema, object value) = type switch
        {
            "int8" => (Schema.Int8, (object)(sbyte)12),
            "int16" => (Schema.Int16, (short)12),
            "int32" => (Schema.Int32, 12),
            "int64" => (Schema.Int64, 12L),
            "float32" => (Schema.Float32, 12f),
            _ => (Schema.Float64, 12d),
        };

        Assert.Equal(expected, Write(Converter(), schema, value));
    }

    [Fact]
    public void FromConnectData_Primitives_MatchKafka()
    {
        var c = Converter();
        Assert.Equal("{\"schema\":{\"type\":\"boolean\",\"optional\":true},\"payload\":true}", Write(c, Schema.OptionalBoolean, true));
        Assert.Equal("{\"schema\":{\"type\":\"string\",\"optional\":false},\"payload\":\"hi\"}", Write(c, Schema.String, "hi"));
        Assert.Equal("{\"schema\":{\"type\":\"bytes\",\"optional\":false},\"payload\":\"AQID\"}", Write(c, Schema.Bytes, new byte[] { 1, 2, 3 }));
        Assert.Equal("{\"schema\":{\"type\":\"string\",\"optional\":true},\"payload\":null}", Write(c, Schema.OptionalString, null));
    }

    [Fact]
    public void FromConnectData_Decimal_Base64ByDefaultAndNumericOnRequest()
    {
        var schema = ConnectDecimal.Schema(2);
        const string SchemaJson = "{\"type\":\"bytes\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,\"parameters\":{\"scale\":\"2\"}}";
        Assert.Equal("{\"schema\":" + SchemaJson + ",\"payload\":\"AJw=\"}", Write(Converter(), schema, 1.56m));
        Assert.Equal("{\"schema\":" + SchemaJson + ",\"payload\":\"/2Q=\"}", Write(Converter(), schema, -1.56m));
        Assert.Equal("{\"schema\":" + SchemaJson + ",\"payload\":1.56}", Write(Converter(("decimal.format", "NUMERIC")), schema, 1.56m));
        Assert.Equal("{\"schema\":" + SchemaJson + ",\"payload\":1.50}", Write(Converter(("decimal.format", "numeric")), schema, 1.5m));
    }

    [Fact]
    public void FromConnectData_TemporalTypes_WrittenAsIntsAndLongs()
    {
        var c = Converter(("schemas.enable", "false"));
        Assert.Equal("19737", Write(c, ConnectDate.Schema, new DateOnly(2024, 1, 15)));
        Assert.Equal("3723004", Write(c, ConnectTime.Schema, new TimeOnly(1, 2, 3, 4)));
        Assert.Equal("1705314600123", Write(c, ConnectTimestamp.Schema, new DateTimeOffset(2024, 1, 15, 10, 30, 0, 123, TimeSpan.Zero)));
        Assert.Equal("1705314600123", Write(c, ConnectTimestamp.Schema, new DateTime(2024, 1, 15, 10, 30, 0, 123, DateTimeKind.Utc)));
        Assert.Equal(
            "{\"schema\":{\"type\":\"int32\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Date\",\"version\":1},\"payload\":19737}",
            Write(Converter(), ConnectDate.Schema, new DateOnly(2024, 1, 15)));
    }

    [Fact]
    public void FromConnectData_Struct_SchemaAndPayloadInKafkasOrder()
    {
        var schema = SchemaBuilder.Struct().Name("com.acme.Order").Version(2).Doc("An order")
            .Field("id", Schema.Int64)
            .Field("note", Schema.OptionalString)
            .Field("price", ConnectDecimal.Schema(2))
            .Field("day", ConnectDate.Schema)
            .Field("at", ConnectTimestamp.Schema)
            .Field("tags", SchemaBuilder.Array(Schema.String).Build())
            .Field("attrs", SchemaBuilder.Map(Schema.String, Schema.Int32).Build())
            .Build();
        var value = new Struct(schema)
            .Put("id", 42L)
            .Put("price", 12.34m)
            .Put("day", new DateOnly(2024, 1, 15))
            .Put("at", new DateTimeOffset(2024, 1, 15, 10, 30, 0, 123, TimeSpan.Zero))
            .Put("tags", new List<string> { "a", "b" })
            .Put("attrs", new Dictionary<string, int> { ["x"] = 1 });

        const string Expected =
            "{\"schema\":{\"type\":\"struct\",\"fields\":["
            + "{\"type\":\"int64\",\"optional\":false,\"field\":\"id\"},"
            + "{\"type\":\"string\",\"optional\":true,\"field\":\"note\"},"
            + "{\"type\":\"bytes\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,\"parameters\":{\"scale\":\"2\"},\"field\":\"price\"},"
            + "{\"type\":\"int32\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Date\",\"version\":1,\"field\":\"day\"},"
            + "{\"type\":\"int64\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Timestamp\",\"version\":1,\"field\":\"at\"},"
            + "{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":false},\"optional\":false,\"field\":\"tags\"},"
            + "{\"type\":\"map\",\"keys\":{\"type\":\"string\",\"optional\":false},\"values\":{\"type\":\"int32\",\"optional\":false},\"optional\":false,\"field\":\"attrs\"}"
            + "],\"optional\":false,\"name\":\"com.acme.Order\",\"version\":2,\"doc\":\"An order\"},"
            + "\"payload\":{\"id\":42,\"note\":null,\"price\":\"BNI=\",\"day\":19737,\"at\":1705314600123,\"tags\":[\"a\",\"b\"],\"attrs\":{\"x\":1}}}";
        Assert.Equal(Expected, Write(Converter(), schema, value));
    }

    [Fact]
    public void FromConnectData_MapWithNonStringKeys_ArrayOfPairs()
    {
        var schema = SchemaBuilder.Map(Schema.Int32, Schema.String).Build();
        var value = new Dictionary<int, string> { [1] = "a", [2] = "b" };
        Assert.Equal("[[1,\"a\"],[2,\"b\"]]", Write(Converter(("schemas.enable", "false")), schema, value));
        Assert.Equal(
            "{\"schema\":{\"type\":\"map\",\"keys\":{\"type\":\"int32\",\"optional\":false},\"values\":{\"type\":\"string\",\"optional\":false},\"optional\":false},\"payload\":[[1,\"a\"],[2,\"b\"]]}",
            Write(Converter(), schema, value));
    }

    [Fact]
    public void FromConnectData_SchemaWithDefaultAndParameters_DefaultWrittenLast()
    {
        var schema = SchemaBuilder.Int32().Optional().DefaultValue(7).Parameter("a", "1").Parameter("b", "2").Build();
        Assert.Equal(
            "{\"schema\":{\"type\":\"int32\",\"optional\":true,\"parameters\":{\"a\":\"1\",\"b\":\"2\"},\"default\":7},\"payload\":7}",
            Write(Converter(), schema, null));
        Assert.Equal(
            "{\"schema\":{\"type\":\"int32\",\"optional\":true,\"parameters\":{\"a\":\"1\",\"b\":\"2\"},\"default\":7},\"payload\":null}",
            Write(Converter(("replace.null.with.default", "false")), schema, null));
    }

    [Fact]
    public void FromConnectData_Schemaless_OffsetKeyShapeAndNullSchemaInEnvelope()
    {
        var key = new List<object?> { "my-connector", new Dictionary<string, object?> { ["filename"] = "/tmp/in.txt" } };
        var offset = new Dictionary<string, object?> { ["position"] = 1234L };
        var c = Converter(("schemas.enable", "false"));
        Assert.Equal("[\"my-connector\",{\"filename\":\"/tmp/in.txt\"}]", Write(c, null, key));
        Assert.Equal("{\"position\":1234}", Write(c, null, offset));
        Assert.Equal("{\"schema\":null,\"payload\":{\"position\":1234}}", Write(Converter(), null, offset));
        Assert.Null(c.FromConnectData(Topic, null, null, null));
    }

    [Fact]
    public void FromConnectData_StringEscaping_AsJackson()
    {
        // Jackson escapes only '"', '\' and control characters; é and the emoji stay raw UTF-8.
        var value = "a\"b\\c\n\t\u0001é😀</>&'";
        Assert.Equal("\"a\\\"b\\\\c\\n\\t\\u0001é😀</>&'\"", Write(Converter(("schemas.enable", "false")), Schema.String, value));
    }

    [Theory]
    [InlineData(1e10, "1.0E10")]
    [InlineData(100.0, "100.0")]
    [InlineData(0.0001, "1.0E-4")]
    [InlineData(0.001, "0.001")]
    [InlineData(1234567.5, "1234567.5")]
    [InlineData(12345678.0, "1.2345678E7")]
    [InlineData(-0.5, "-0.5")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(double.NaN, "\"NaN\"")]
    [InlineData(double.NegativeInfinity, "\"-Infinity\"")]
    public void FromConnectData_Doubles_AsJavaPrintsThem(double value, string expected) =>
        Assert.Equal(expected, Write(Converter(("schemas.enable", "false")), Schema.Float64, value));

    [Theory]
    [InlineData(1.1f, "1.1")]
    [InlineData(1e10f, "1.0E10")]
    [InlineData(3.4028235e38f, "3.4028235E38")]
    public void FromConnectData_Floats_AsJavaPrintsThem(float value, string expected) =>
        Assert.Equal(expected, Write(Converter(("schemas.enable", "false")), Schema.Float32, value));

    [Fact]
    public void FromConnectData_WrongValueType_DataException()
    {
        var c = Converter();
        Assert.Contains("INT32", Assert.Throws<DataException>(() => c.FromConnectData(Topic, null, Schema.Int32, "x")).Message, StringComparison.Ordinal);
        Assert.Throws<DataException>(() => c.FromConnectData(Topic, null, Schema.Int32, null));
        Assert.Throws<DataException>(() => c.FromConnectData(Topic, null, null, new DateOnly(2024, 1, 1)));
        Assert.Throws<DataException>(() => c.FromConnectData(Topic, null, ConnectDecimal.Schema(1), 1.25m));
    }

    [Fact]
    public void FromConnectData_NestedStructsAndArraysOfStructs_Written()
    {
        var inner = SchemaBuilder.Struct().Field("n", Schema.Int32).Build();
        var outer = SchemaBuilder.Struct().Field("one", inner).Field("many", SchemaBuilder.Array(inner).Optional().Build()).Build();
        var value = new Struct(outer)
            .Put("one", new Struct(inner).Put("n", 1))
            .Put("many", new List<Struct> { new Struct(inner).Put("n", 2), new Struct(inner).Put("n", 3) });
        Assert.Equal("{\"one\":{\"n\":1},\"many\":[{\"n\":2},{\"n\":3}]}", Write(Converter(("schemas.enable", "false")), outer, value));
    }
}
