using Pipeline.Avro.Schemas;
using Xunit;

namespace Pipeline.Avro.Tests.Schemas;

/// <summary>ToJson equals Java's Schema.toString() (expected strings written from Java's toJson rules).</summary>
public sealed class SchemaJsonTests
{
    [Theory]
    [InlineData("\"int\"", "\"int\"")]
    [InlineData("{\"type\":\"string\"}", "\"string\"")]
    [InlineData("{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}", "{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}")]
    [InlineData("{\"type\" : \"array\", \"items\" : \"int\", \"x\": 1}", "{\"type\":\"array\",\"items\":\"int\",\"x\":1}")]
    [InlineData("[\"null\", {\"type\":\"map\",\"values\":\"bytes\"}]", "[\"null\",{\"type\":\"map\",\"values\":\"bytes\"}]")]
    [InlineData("{\"type\":\"enum\",\"name\":\"E\",\"namespace\":\"n\",\"aliases\":[\"Old\"],\"default\":\"B\",\"symbols\":[\"A\",\"B\"],\"doc\":\"d\",\"p\":true}",
        "{\"type\":\"enum\",\"name\":\"E\",\"namespace\":\"n\",\"doc\":\"d\",\"symbols\":[\"A\",\"B\"],\"default\":\"B\",\"p\":true,\"aliases\":[\"Old\"]}")]
    [InlineData("{\"size\":4,\"type\":\"fixed\",\"name\":\"a.F\",\"aliases\":[\"b.G\",\"H\"]}", "{\"type\":\"fixed\",\"name\":\"F\",\"namespace\":\"a\",\"size\":4,\"aliases\":[\"b.G\",\"H\"]}")]
    public void ToJson_WritesLikeJava(string input, string expected)
    {
        Assert.Equal(expected, Schema.Parse(input).ToJson());
    }

    [Fact]
    public void ToJson_Record_UsesJavasAttributeOrderAndRelativeNames()
    {
        var schema = Schema.Parse("""
            {"fields":[
               {"aliases":["old"],"order":"ignore","default":{"x":1.50},"doc":"fd","type":{"type":"record","name":"Inner","fields":[{"name":"x","type":"double"}]},"name":"a","p":"q"},
               {"name":"b","type":"Inner"},
               {"name":"c","type":{"type":"enum","name":"other.E","symbols":["X"]}},
               {"name":"d","type":"other.E"},
               {"name":"e","type":{"type":"fixed","name":"G","namespace":"","size":1}}],
             "name":"R","namespace":"ns","type":"record","doc":"rd","custom":[1,"two",null]}
            """);

        Assert.Equal(
            "{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"ns\",\"doc\":\"rd\",\"fields\":[" +
            "{\"name\":\"a\",\"type\":{\"type\":\"record\",\"name\":\"Inner\",\"fields\":[{\"name\":\"x\",\"type\":\"double\"}]},\"doc\":\"fd\",\"default\":{\"x\":1.5},\"order\":\"ignore\",\"aliases\":[\"old\"],\"p\":\"q\"}," +
            "{\"name\":\"b\",\"type\":\"Inner\"}," +
            "{\"name\":\"c\",\"type\":{\"type\":\"enum\",\"name\":\"E\",\"namespace\":\"other\",\"symbols\":[\"X\"]}}," +
            "{\"name\":\"d\",\"type\":\"other.E\"}," +
            "{\"name\":\"e\",\"type\":{\"type\":\"fixed\",\"name\":\"G\",\"namespace\":\"\",\"size\":1}}]," +
            "\"custom\":[1,\"two\",null]}",
            schema.ToJson());
    }

    [Fact]
    public void ToJson_RoundTripsThroughTheParser()
    {
        var first = TestData.Everything.ToJson();

        Assert.Equal(first, Schema.Parse(first).ToJson());
    }

    [Theory]
    [InlineData(1.5, "1.5")]
    [InlineData(100.0, "100.0")]
    [InlineData(1e7, "1.0E7")]
    [InlineData(1234567.0, "1234567.0")]
    [InlineData(0.001, "0.001")]
    [InlineData(0.0001, "1.0E-4")]
    [InlineData(-2.5e-10, "-2.5E-10")]
    [InlineData(1e21, "1.0E21")]
    [InlineData(0.1, "0.1")]
    public void FormatDouble_MatchesJavasDoubleToString(double value, string expected)
    {
        Assert.Equal(expected, JacksonText.FormatDouble(value));
    }

    [Fact]
    public void ToJson_EscapesStringsLikeJackson()
    {
        var schema = Schema.Parse("""{"type":"int","doc-like":"a\"b\\c\nd\u0001é/"}""");

        Assert.Equal("{\"type\":\"int\",\"doc-like\":\"a\\\"b\\\\c\\nd\\u0001é/\"}", schema.ToJson());
    }
}
