using System.Text;
using System.Text.Json;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Runtime.Converters;
using Pipeline.Connect.Runtime.Converters.Json;

namespace Pipeline.Connect.Runtime.Tests.Converters;

public sealed class JsonEnvelopeTests
{
    private static SchemaAndValue Read(string json) => Read(Converter(), json);

    private static SchemaAndValue Read(JsonConverter converter, string json) => converter.ToConnectData("t", null, Encoding.UTF8.GetBytes(json));

    private static JsonConverter Converter()
    {
        var converter = new JsonConverter();
        converter.Configure(new Dictionary<string, string>(), isKey: false);
        return converter;
    }

    [Fact]
    public void TryLocate_Envelope_RangesCoverTheRawMembers()
    {
        const string Json = " { \"payload\" : [1, {\"a\":\"}\"}] , \"schema\":{\"type\":\"array\"} } ";
        var bytes = Encoding.UTF8.GetBytes(Json);

        Assert.True(JsonEnvelope.TryLocate(bytes, out var envelope));

        Assert.Equal("{\"type\":\"array\"}", Encoding.UTF8.GetString(bytes.AsSpan(envelope.Schema)));
        Assert.Equal("[1, {\"a\":\"}\"}]", Encoding.UTF8.GetString(bytes.AsSpan(envelope.Payload)));
        Assert.False(envelope.SchemaIsNull);
    }

    [Theory]
    [InlineData("{\"schema\":null,\"payload\":\"x\"}", true, "\"x\"")]
    [InlineData("{\"schema\":null,\"payload\":null}", true, "null")]
    [InlineData("{\"sch\\u0065ma\":null,\"payload\":12}", true, "12")]
    public void TryLocate_ScalarMembers_Located(string json, bool schemaIsNull, string payload)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        Assert.True(JsonEnvelope.TryLocate(bytes, out var envelope));

        Assert.Equal(schemaIsNull, envelope.SchemaIsNull);
        Assert.Equal(payload, Encoding.UTF8.GetString(bytes.AsSpan(envelope.Payload)));
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("\"schema\"")]
    [InlineData("{}")]
    [InlineData("{\"schema\":null}")]
    [InlineData("{\"schema\":null,\"payload\":1,\"extra\":2}")]
    [InlineData("{\"schema\":null,\"schema\":null}")]
    [InlineData("{\"schema\":null,\"other\":1}")]
    public void TryLocate_WellFormedNotAnEnvelope_False(string json)
    {
        Assert.False(JsonEnvelope.TryLocate(Encoding.UTF8.GetBytes(json), out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"schema\":null,\"payload\":1} 2")]
    [InlineData("{\"schema\":null,\"payload\":}")]
    [InlineData("[1] [")]
    public void TryLocate_Malformed_ThrowsJsonException(string json)
    {
        Assert.ThrowsAny<JsonException>(() => JsonEnvelope.TryLocate(Encoding.UTF8.GetBytes(json), out _));
    }

    [Fact]
    public void ToConnectData_RepeatedPayload_RejectedAsNotAnEnvelope()
    {
        var e = Assert.Throws<DataException>(() => Read("{\"payload\":1,\"payload\":2}"));

        Assert.Contains("requires \"schema\" and \"payload\" fields", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToConnectData_SameSchemaTwice_SecondFromTheCache()
    {
        const string Schema = "{\"type\":\"struct\",\"fields\":[{\"field\":\"n\",\"type\":\"int32\",\"optional\":false}],\"optional\":false}";

        var converter = Converter();

        var first = Read(converter, "{\"schema\":" + Schema + ",\"payload\":{\"n\":1}}");
        var second = Read(converter, " {\"payload\":{\"n\":2}, \"schema\":" + Schema + "}");

        Assert.Equal(1, ((Struct)first.Value!).Get("n"));
        Assert.Equal(2, ((Struct)second.Value!).Get("n"));
        Assert.Same(first.Schema, second.Schema);
    }

    [Fact]
    public void ToConnectData_NullSchemaWithObjectPayload_ReadSchemaless()
    {
        var result = Read("{\"schema\":null,\"payload\":{\"a\":1,\"b\":[2.5]}}");

        Assert.Null(result.Schema);
        var map = Assert.IsType<Dictionary<string, object?>>(result.Value);
        Assert.Equal(1L, map["a"]);
        Assert.Equal(new List<object?> { 2.5 }, map["b"]);
    }
}
