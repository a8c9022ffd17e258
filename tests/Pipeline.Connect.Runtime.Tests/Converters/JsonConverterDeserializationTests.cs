using System.Collections;
using System.Text;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Runtime.Converters;

namespace Pipeline.Connect.Runtime.Tests.Converters;

public sealed class JsonConverterDeserializationTests
{
    private const string Topic = "t";

    private static SchemaAndValue Read(JsonConverter converter, string json) =>
        converter.ToConnectData(Topic, null, Encoding.UTF8.GetBytes(json));

    private static JsonConverter Converter(params (string Key, string Value)[] settings) => JsonConverterSerializationTests.Converter(settings);

    public static TheoryData<Schema, object?> EveryType()
    {
        var inner = SchemaBuilder.Struct().Name("Inner").Field("n", Schema.Int32).Build();
        var all = SchemaBuilder.Struct().Name("com.acme.All")
            .Field("i8", Schema.Int8).Field("i16", Schema.Int16).Field("i32", Schema.Int32).Field("i64", Schema.Int64)
            .Field("f32", Schema.Float32).Field("f64", Schema.Float64).Field("flag", Schema.Boolean)
            .Field("text", Schema.String).Field("raw", Schema.Bytes).Field("opt", Schema.OptionalString)
            .Field("dec", ConnectDecimal.Schema(3)).Field("day", ConnectDate.Schema).Field("time", ConnectTime.Schema).Field("at", ConnectTimestamp.Schema)
            .Field("list", SchemaBuilder.Array(inner).Build())
            .Field("byName", SchemaBuilder.Map(Schema.String, Schema.OptionalInt64).Build())
            .Field("byId", SchemaBuilder.Map(Schema.Int32, inner).Build())
            .Build();
        var value = new Struct(all)
            .Put("i8", (sbyte)-8).Put("i16", (short)-1600).Put("i32", 32).Put("i64", long.MinValue)
            .Put("f32", 1.25f).Put("f64", -2.5e-300).Put("flag", true)
            .Put("text", "ünïcødé 😀 \"q\"").Put("raw", new byte[] { 0, 255, 7 })
            .Put("dec", -12345.678m).Put("day", new DateOnly(1969, 12, 31)).Put("time", new TimeOnly(23, 59, 59, 999))
            .Put("at", new DateTimeOffset(2001, 2, 3, 4, 5, 6, 7, TimeSpan.Zero))
            .Put("list", new List<object?> { new Struct(inner).Put("n", 1) })
            .Put("byName", new Dictionary<string, object?> { ["a"] = 1L, ["b"] = null })
            .Put("byId", new Dictionary<object, object?> { [5] = new Struct(inner).Put("n", 5) });
        return new TheoryData<Schema, object?>
        {
            { Schema.Int8, (sbyte)-128 },
            { Schema.Int16, short.MaxValue },
            { Schema.Int32, int.MinValue },
            { Schema.Int64, long.MaxValue },
            { Schema.Float32, float.MaxValue },
            { Schema.Float64, double.Epsilon },
            { Schema.Float64, double.NaN },
            { Schema.Boolean, false },
            { Schema.String, "" },
            { Schema.Bytes, Array.Empty<byte>() },
            { Schema.OptionalInt32, null },
            { ConnectDecimal.Schema(0), 79228162514264337593543950335m },
            { ConnectDecimal.Schema(28), 0.0000000000000000000000000001m },
            { ConnectDate.Schema, new DateOnly(9999, 12, 31) },
            { ConnectTime.Schema, new TimeOnly(0, 0) },
            { ConnectTimestamp.Schema, DateTimeOffset.FromUnixTimeMilliseconds(-1) },
            { SchemaBuilder.Array(Schema.OptionalString).Build(), new List<object?> { "a", null } },
            { all, value },
        };
    }

    [Theory]
    [MemberData(nameof(EveryType))]
    public void RoundTrip_EveryTypeWithSchemas_SameSchemaAndValue(Schema schema, object? value)
    {
        foreach (var format in new[] { "BASE64", "NUMERIC" })
        {
            var converter = Converter(("decimal.format", format));
            var back = converter.ToConnectData(Topic, null, converter.FromConnectData(Topic, null, schema, value));
            Assert.Equal(schema, back.Schema);
            Assert.True(Same(value, back.Value), $"{format}: {value} != {back.Value}");
        }
    }

    [Theory]
    [MemberData(nameof(EveryType))]
    public void RoundTrip_EveryTypeWithoutEnvelope_SameValueGivenTheSchema(Schema schema, object? value)
    {
        // Kafka's JsonConverter cannot read a typed value back without the envelope; the reader
        // against the known schema can, and that is what this checks.
        var converter = Converter(("schemas.enable", "false"));
        var bytes = converter.FromConnectData(Topic, null, schema, value);
        var envelope = "{\"schema\":" + Encoding.UTF8.GetString(Converter().SchemaJson(schema)) + ",\"payload\":" + Encoding.UTF8.GetString(bytes!) + "}";
        Assert.True(Same(value, Read(Converter(), envelope).Value));
    }

    [Fact]
    public void ToConnectData_KafkaWrittenEnvelopeWithWhitespace_Read()
    {
        const string Json = """
            { "schema": { "type": "struct", "optional": false, "name": "u", "fields": [
                { "field": "id", "type": "int64", "optional": false },
                { "field": "price", "type": "bytes", "name": "org.apache.kafka.connect.data.Decimal", "version": 1, "parameters": { "scale": "2" } },
                { "field": "n", "type": "int32", "optional": true, "default": 5 } ] },
              "payload": { "id": 7, "price": "AJw=", "extra": "ignored" } }
            """;
        var result = Read(Converter(), Json);
        var value = Assert.IsType<Struct>(result.Value);
        Assert.Equal("u", result.Schema!.Name);
        Assert.Equal(7L, value.GetInt64("id"));
        Assert.Equal(1.56m, value.Get("price"));
        Assert.Equal(5, value.GetWithoutDefault("n"));
    }

    [Fact]
    public void ToConnectData_Schemaless_InfersKafkasTypes()
    {
        var result = Read(Converter(("schemas.enable", "false")), "{\"a\":1,\"b\":1.5,\"c\":[true,null,\"x\"],\"d\":{\"e\":1e2},\"f\":null}");
        Assert.Null(result.Schema);
        var map = Assert.IsType<Dictionary<string, object?>>(result.Value);
        Assert.Equal(1L, map["a"]);
        Assert.Equal(1.5, map["b"]);
        Assert.Equal(new List<object?> { true, null, "x" }, (IList)map["c"]!);
        Assert.Equal(100.0, ((Dictionary<string, object?>)map["d"]!)["e"]);
        Assert.Null(map["f"]);
    }

    [Fact]
    public void ToConnectData_OffsetKeyWrittenSchemaless_ReadBack()
    {
        var c = Converter(("schemas.enable", "false"));
        var key = new List<object?> { "my-connector", new Dictionary<string, object?> { ["filename"] = "/tmp/in.txt", ["n"] = 3 } };
        var back = Assert.IsType<List<object?>>(c.ToConnectData(Topic, null, c.FromConnectData(Topic, null, null, key)).Value);
        Assert.Equal("my-connector", back[0]);
        var partition = Assert.IsType<Dictionary<string, object?>>(back[1]);
        Assert.Equal("/tmp/in.txt", partition["filename"]);
        Assert.Equal(3L, partition["n"]);
    }

    [Fact]
    public void ToConnectData_NullSchemaInEnvelope_Schemaless()
    {
        var result = Read(Converter(), "{\"schema\":null,\"payload\":[1,2]}");
        Assert.Null(result.Schema);
        Assert.Equal(new List<object?> { 1L, 2L }, result.Value);
    }

    [Fact]
    public void ToConnectData_NullBytes_NullSchemaAndValue() =>
        Assert.Equal(SchemaAndValue.Null, Converter().ToConnectData(Topic, null, null));

    [Theory]
    [InlineData("{\"schema\":")]
    [InlineData("not json")]
    [InlineData("{\"a\":1,}")]
    public void ToConnectData_MalformedJson_DataException(string json)
    {
        var e = Assert.Throws<DataException>(() => Read(Converter(), json));
        Assert.Contains("serialization error", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"a\":1}")]
    [InlineData("[1]")]
    [InlineData("{\"schema\":null,\"payload\":1,\"extra\":2}")]
    public void ToConnectData_PlainJsonWithSchemasEnabled_DataExceptionNamingTheSetting(string json)
    {
        var e = Assert.Throws<DataException>(() => Read(Converter(), json));
        Assert.Contains("schemas.enable=false", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"schema\":{\"type\":\"int32\"},\"payload\":\"x\"}", "INT32")]
    [InlineData("{\"schema\":{\"type\":\"int8\"},\"payload\":300}", "out of range")]
    [InlineData("{\"schema\":{\"type\":\"int32\"},\"payload\":1.5}", "INT32")]
    [InlineData("{\"schema\":{\"type\":\"int32\"},\"payload\":null}", "Invalid null value for required INT32")]
    [InlineData("{\"schema\":{\"type\":\"bytes\"},\"payload\":\"***\"}", "base64")]
    [InlineData("{\"schema\":{\"type\":\"nope\"},\"payload\":1}", "Unknown schema type: nope")]
    [InlineData("{\"schema\":{\"optional\":true},\"payload\":1}", "Schema must contain 'type' field")]
    [InlineData("{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"field\":\"a\"}]},\"payload\":{}}", "Invalid null value for required INT32")]
    [InlineData("{\"schema\":{\"type\":\"struct\",\"fields\":[]},\"payload\":[]}", "Structs should be encoded as JSON objects, but found ARRAY")]
    [InlineData("{\"schema\":{\"type\":\"map\",\"keys\":{\"type\":\"int32\"},\"values\":{\"type\":\"int32\"}},\"payload\":[[1]]}", "expected length 2")]
    [InlineData("{\"schema\":{\"type\":\"array\"},\"payload\":[]}", "Array schema did not specify the element type")]
    [InlineData("{\"schema\":{\"type\":\"int32\",\"name\":\"org.apache.kafka.connect.data.Date\"},\"payload\":\"2024-01-01\"}", "Invalid type for Date")]
    public void ToConnectData_DataNotMatchingSchema_DataExceptionWithClearMessage(string json, string expected)
    {
        var e = Assert.Throws<DataException>(() => Read(Converter(), json));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToConnectData_SameSchemaTwice_CachedSchemaInstance()
    {
        var c = Converter();
        var first = Read(c, "{\"schema\":{\"type\":\"string\",\"optional\":false},\"payload\":\"a\"}");
        var second = Read(c, "{\"schema\":{\"type\":\"string\",\"optional\":false},\"payload\":\"b\"}");
        Assert.Same(first.Schema, second.Schema);
        Assert.Same(c.SchemaJson(Schema.String), c.SchemaJson(Schema.String));
    }

    [Fact]
    public void ToConnectData_NullWithDefault_DefaultOnlyWhenReplacing()
    {
        const string Json = "{\"schema\":{\"type\":\"int32\",\"optional\":true,\"default\":7},\"payload\":null}";
        Assert.Equal(7, Read(Converter(), Json).Value);
        Assert.Null(Read(Converter(("replace.null.with.default", "false")), Json).Value);
    }

    [Fact]
    public void HeaderConverter_RoundTrip_SameAsValues()
    {
        var c = new JsonConverter();
        c.Configure(new Dictionary<string, string> { ["converter.type"] = "header" });
        var bytes = c.FromConnectHeader(Topic, "h", Schema.Int64, 5L);
        Assert.Equal("{\"schema\":{\"type\":\"int64\",\"optional\":false},\"payload\":5}", Encoding.UTF8.GetString(bytes!));
        Assert.Equal(new SchemaAndValue(Schema.Int64, 5L), c.ToConnectHeader(Topic, "h", bytes));
    }

    [Fact]
    public void Configure_BadDecimalFormat_ConfigException() =>
        Assert.ThrowsAny<Pipeline.Connect.Api.Config.ConfigException>(() => Converter(("decimal.format", "HEX")));

    internal static bool Same(object? expected, object? actual) => expected switch
    {
        null => actual is null,
        double d when double.IsNaN(d) => actual is double a && double.IsNaN(a),
        byte[] b => actual is byte[] c && b.AsSpan().SequenceEqual(c),
        Struct s => actual is Struct t && s.Equals(t),
        IDictionary m => actual is IDictionary n && m.Count == n.Count && m.Keys.Cast<object>().All(k => n.Contains(k) && Same(m[k], n[k])),
        IList l => actual is IList r && l.Count == r.Count && Enumerable.Range(0, l.Count).All(i => Same(l[i], r[i])),
        _ => expected.Equals(actual),
    };
}
