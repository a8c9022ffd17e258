using System.Text;
using System.Text.Json;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Runtime.Converters;
using Pipeline.Connect.Runtime.Converters.Json;

namespace Pipeline.Connect.Runtime.Tests.Converters;

public sealed class JsonSchemalessReaderTests
{
    // Every case is read both ways: the reader over the bytes must give what JsonValueReader gives over a JsonDocument.
    [Theory]
    [InlineData("{\"a\":1,\"b\":1.5,\"c\":[true,false,null,\"x\"],\"d\":{\"e\":1e2,\"f\":{}},\"g\":[]}")]
    [InlineData("{\"id\":\"1\",\"name\":\"caf\\u00e9, \\\"q\\\" \\ud83d\\ude00\",\"note\":null}")]
    [InlineData("{\"dup\":1,\"dup\":2}")]
    [InlineData("[1,-9223372036854775808,9223372036854775807,0.1,-0.0,2E-5]")]
    [InlineData("  \"text\"  ")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("[[[[]]],{\"x\":[{\"y\":true}]}]")]
    [InlineData("{\"\\u0061\":1,\"a\":2,\"b\":{\"a\":{\"a\":3},\"c\":[{\"a\":4},{}]},\"\\u0062\":5}")]
    [InlineData("{\"caf\u00e9\":1,\"caf\\u00e9\":2,\"long-name\":3}")]
    public void Read_ValidJson_SameValuesAsJsonDocumentPath(string json)
    {
        using var document = JsonDocument.Parse(json);
        var expected = JsonValueReader.Read(null, document.RootElement, JsonConverterSettings.Default);

        var actual = JsonSchemalessReader.Read(Encoding.UTF8.GetBytes(json));

        Assert.Equal(expected, actual);
        Assert.Equal(expected?.GetType(), actual?.GetType());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{\"a\":1} x")]
    [InlineData("{\"a\":1}{}")]
    [InlineData("{\"a\":")]
    [InlineData("[1,]")]
    [InlineData("{'a':1}")]
    public void Read_MalformedJson_ThrowsJsonException(string json)
    {
        Assert.ThrowsAny<JsonException>(() => JsonSchemalessReader.Read(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Read_AfterAFailedRead_ObjectsHoldOnlyTheirOwnMembers()
    {
        Assert.ThrowsAny<JsonException>(() => JsonSchemalessReader.Read("{\"a\":{\"b\":1,\"c\":"u8));

        var map = Assert.IsType<Dictionary<string, object?>>(JsonSchemalessReader.Read("{\"d\":{\"e\":2}}"u8));

        Assert.Equal(["d"], map.Keys);
        Assert.Equal(new Dictionary<string, object?> { ["e"] = 2L }, map["d"]);
    }

    [Fact]
    public void Read_IntegerBeyondInt64_ThrowsDataException()
    {
        var e = Assert.Throws<DataException>(() => JsonSchemalessReader.Read("[9223372036854775808]"u8));

        Assert.Equal("Value 9223372036854775808 is out of range for INT64", e.Message);
    }

    [Fact]
    public void ToConnectData_SchemalessMalformed_DataExceptionNamesTopic()
    {
        var converter = new JsonConverter();
        converter.Configure(new Dictionary<string, string> { ["schemas.enable"] = "false" }, isKey: false);

        var e = Assert.Throws<DataException>(() => converter.ToConnectData("orders", null, "{\"a\":"u8.ToArray()));

        Assert.StartsWith("Converting byte[] to Kafka Connect data failed due to serialization error of topic orders: ", e.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<JsonException>(e.InnerException);
    }

    [Fact]
    public void Read_DeeperThanMaxDepth_Throws()
    {
        var json = new string('[', 1001) + new string(']', 1001);

        Assert.ThrowsAny<JsonException>(() => JsonSchemalessReader.Read(Encoding.UTF8.GetBytes(json)));
    }
}
