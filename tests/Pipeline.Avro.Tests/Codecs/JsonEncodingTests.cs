using System.Text.Json;
using Pipeline.Avro.Codecs;
using Pipeline.Avro.Schemas;
using Xunit;

namespace Pipeline.Avro.Tests.Codecs;

public sealed class JsonEncodingTests
{
    [Fact]
    public void Union_IsWrappedWithTheBranchName()
    {
        var union = (UnionSchema)Schema.Parse("""["null","string",{"type":"record","name":"com.acme.Foo","fields":[{"name":"a","type":"int"}]},{"type":"array","items":"int"}]""");

        Assert.Equal("null", AvroJson.Serialize(union, null));
        Assert.Equal("""{"string":"a"}""", AvroJson.Serialize(union, "a"));
        Assert.Equal("""{"com.acme.Foo":{"a":1}}""", AvroJson.Serialize(union, new GenericRecord((RecordSchema)union.Branches[2]).Set("a", 1)));
        Assert.Equal("""{"array":[1,2]}""", AvroJson.Serialize(union, new List<object?> { 1, 2 }));
    }

    [Fact]
    public void BytesAndFixed_AreIso88591Strings()
    {
        var fixedSchema = (FixedSchema)Schema.Parse("""{"type":"fixed","name":"F","size":3}""");

        Assert.Equal("\"\\u0000\u00e9\u00ff\"", AvroJson.Serialize(Schema.Parse("\"bytes\""), new byte[] { 0, 0xe9, 0xff }));
        Assert.Equal("\"ab\u00ff\"", AvroJson.Serialize(fixedSchema, new GenericFixed(fixedSchema, [0x61, 0x62, 0xff])));
        Assert.Equal(new byte[] { 0, 0xe9, 0xff }, (byte[])AvroJson.Deserialize(Schema.Parse("\"bytes\""), "\"\\u0000\u00e9\\u00ff\"")!);
        Assert.Throws<AvroTypeException>(() => AvroJson.Deserialize(Schema.Parse("\"bytes\""), "\"\u0100\""));
    }

    [Fact]
    public void Everything_RoundTripsThroughJson()
    {
        var datum = TestData.LogicalDatum(1);

        var json = AvroJson.Serialize(TestData.Everything, datum);
        var back = AvroJson.Deserialize(TestData.Everything, json);

        Assert.True(GenericValues.DeepEquals(datum, back), $"{json}\n{back}");
        using var document = JsonDocument.Parse(json);
        Assert.Equal(10957, document.RootElement.GetProperty("dateField").GetInt32());
        Assert.Equal("text", document.RootElement.GetProperty("unionField").GetProperty("string").GetString());
        Assert.Equal(JsonValueKind.Array, document.RootElement.GetProperty("optionalArray").GetProperty("array").ValueKind);
    }

    [Fact]
    public void NonFiniteFloats_AreStringsBothWays()
    {
        var schema = Schema.Parse("\"double\"");

        Assert.Equal("\"NaN\"", AvroJson.Serialize(schema, double.NaN));
        Assert.Equal(double.NegativeInfinity, AvroJson.Deserialize(schema, "\"-Infinity\""));
    }

    [Fact]
    public void Deserialize_MissingFieldWithDefault_TakesTheDefault()
    {
        var schema = Schema.Parse("""{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":["null","string"],"default":null},{"name":"c","type":"string","default":"x"}]}""");

        var value = (GenericRecord)AvroJson.Deserialize(schema, """{"a":1}""")!;

        Assert.Null(value["b"]);
        Assert.Equal("x", value["c"]);
        var e = Assert.Throws<AvroTypeException>(() => AvroJson.Deserialize(schema, "{}"));
        Assert.Equal("at a: missing field \"a\" of R", e.Message);
    }

    [Fact]
    public void Deserialize_WrongShape_SaysWhere()
    {
        var schema = Schema.Parse("""{"type":"record","name":"R","fields":[{"name":"xs","type":{"type":"array","items":"int"}}]}""");

        var e = Assert.Throws<AvroTypeException>(() => AvroJson.Deserialize(schema, """{"xs":[1,"two"]}"""));

        Assert.Equal("at xs[1]: \"two\" is not a valid int", e.Message);
    }

    [Fact]
    public void FromDefault_UnionDefault_UsesTheFirstMatchingBranch()
    {
        var schema = Schema.Parse("""["null","int","string"]""");
        using var document = JsonDocument.Parse("\"s\"");

        Assert.Equal("s", AvroJson.FromDefault(schema, document.RootElement));
    }
}
