using System.Text.Json.Nodes;
using Pipeline.Avro.Codecs;
using Pipeline.Avro.Schemas;

namespace Pipeline.SchemaRegistry.Tests.Interop;

/// <summary>
/// The record the serdes interop tests pass between the real clients and ours: every kind of
/// field the clients' generic models map plainly (long, int, double, boolean, string, nullable
/// union, enum, array, map, bytes), as Avro JSON-ish values for the scripts (bytes as
/// {"$bytes": hex}) and as the GenericRecord our deserializer must return.
/// </summary>
internal static class InteropOrder
{
    /// <summary>In Java's Schema.toString() form, so that our serializer's schema text is this text.</summary>
    public const string SchemaText =
        "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"com.acme\",\"fields\":["
        + "{\"name\":\"id\",\"type\":\"long\"},"
        + "{\"name\":\"qty\",\"type\":\"int\"},"
        + "{\"name\":\"price\",\"type\":\"double\"},"
        + "{\"name\":\"paid\",\"type\":\"boolean\"},"
        + "{\"name\":\"item\",\"type\":\"string\"},"
        + "{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null},"
        + "{\"name\":\"status\",\"type\":{\"type\":\"enum\",\"name\":\"Status\",\"symbols\":[\"NEW\",\"SHIPPED\"]}},"
        + "{\"name\":\"tags\",\"type\":{\"type\":\"array\",\"items\":\"string\"}},"
        + "{\"name\":\"attrs\",\"type\":{\"type\":\"map\",\"values\":\"int\"}},"
        + "{\"name\":\"blob\",\"type\":\"bytes\"}]}";

    public static readonly RecordSchema Schema = (RecordSchema)Avro.Schemas.Schema.Parse(SchemaText);

    /// <summary>A full value: non-null union branch, two tags, two map entries, non-ASCII text.</summary>
    public const string FullJson =
        "{\"id\":1234567890123,\"qty\":3,\"price\":9.75,\"paid\":true,\"item\":\"b\u00f6\u00f6k \u2713\",\"note\":\"gift\","
        + "\"status\":\"SHIPPED\",\"tags\":[\"a\",\"bc\"],\"attrs\":{\"x\":1,\"y\":-2},\"blob\":{\"$bytes\":\"00ff10\"}}";

    /// <summary>The other branches: null union, first symbol, empty collections and bytes, negative numbers.</summary>
    public const string EmptyJson =
        "{\"id\":-5,\"qty\":0,\"price\":-0.5,\"paid\":false,\"item\":\"\",\"note\":null,"
        + "\"status\":\"NEW\",\"tags\":[],\"attrs\":{},\"blob\":{\"$bytes\":\"\"}}";

    public static GenericRecord Full() => new GenericRecord(Schema)
        .Set("id", 1234567890123L).Set("qty", 3).Set("price", 9.75).Set("paid", true).Set("item", "b\u00f6\u00f6k \u2713").Set("note", "gift")
        .Set("status", new GenericEnum(StatusSchema, "SHIPPED"))
        .Set("tags", new List<object?> { "a", "bc" })
        .Set("attrs", new Dictionary<string, object?> { ["x"] = 1, ["y"] = -2 })
        .Set("blob", new byte[] { 0x00, 0xff, 0x10 });

    public static GenericRecord Empty() => new GenericRecord(Schema)
        .Set("id", -5L).Set("qty", 0).Set("price", -0.5).Set("paid", false).Set("item", "").Set("note", null)
        .Set("status", new GenericEnum(StatusSchema, "NEW"))
        .Set("tags", new List<object?>())
        .Set("attrs", new Dictionary<string, object?>())
        .Set("blob", Array.Empty<byte>());

    public static void AssertSameJson(string expected, JsonNode? actual, string what) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"{what}\nexpected: {expected}\nactual:   {actual?.ToJsonString()}");

    private static EnumSchema StatusSchema => (EnumSchema)Schema.Fields.Single(f => f.Name == "status").Schema;
}
