using System.Text.Json;
using Pipeline.Avro.Schemas;
using Xunit;

namespace Pipeline.Avro.Tests.Schemas;

public sealed class SchemaParserTests
{
    [Theory]
    [InlineData("\"null\"", SchemaType.Null)]
    [InlineData("\"boolean\"", SchemaType.Boolean)]
    [InlineData("\"int\"", SchemaType.Int)]
    [InlineData("\"long\"", SchemaType.Long)]
    [InlineData("\"float\"", SchemaType.Float)]
    [InlineData("\"double\"", SchemaType.Double)]
    [InlineData("\"bytes\"", SchemaType.Bytes)]
    [InlineData("\"string\"", SchemaType.String)]
    [InlineData("{\"type\":\"int\"}", SchemaType.Int)]
    public void Parse_Primitive_HasType(string json, SchemaType expected)
    {
        var schema = Schema.Parse(json);

        Assert.IsType<PrimitiveSchema>(schema);
        Assert.Equal(expected, schema.Type);
    }

    [SkippableFact]
    public void Parse_Interop_HasEveryKind()
    {
        var schema = (RecordSchema)Schema.Parse(SharedReference.InteropSchemaJson);

        Assert.Equal("org.apache.avro.Interop", schema.FullName);
        Assert.Equal(14, schema.Fields.Count);
        var map = (MapSchema)schema.GetField("mapField")!.Schema;
        Assert.Equal("org.apache.avro.Foo", ((RecordSchema)map.Values).FullName);
        var union = (UnionSchema)schema.GetField("unionField")!.Schema;
        Assert.Equal(3, union.Branches.Count);
        Assert.Equal(["A", "B", "C"], ((EnumSchema)schema.GetField("enumField")!.Schema).Symbols);
        Assert.Equal(16, ((FixedSchema)schema.GetField("fixedField")!.Schema).Size);
        var node = (RecordSchema)schema.GetField("recordField")!.Schema;
        Assert.Same(node, ((ArraySchema)node.GetField("children")!.Schema).Items);
    }

    [Fact]
    public void Parse_FieldAttributes_AreKept()
    {
        var schema = (RecordSchema)Schema.Parse("""
            {"type":"record","name":"R","doc":"a record","aliases":["Old"],"custom":{"k":[1,2]},
             "fields":[{"name":"f","type":"int","doc":"d","default":7,"order":"descending","aliases":["g","h"],"x-prop":"v"}]}
            """);
        var field = schema.Fields[0];

        Assert.Equal("a record", schema.Doc);
        Assert.Equal("Old", Assert.Single(schema.Aliases).FullName);
        Assert.Equal("""{"k":[1,2]}""", schema.Properties["custom"].GetRawText());
        Assert.Equal("d", field.Doc);
        Assert.Equal(7, field.Default!.Value.GetInt32());
        Assert.Equal(FieldOrder.Descending, field.Order);
        Assert.Equal(["g", "h"], field.Aliases);
        Assert.Equal("v", field.Properties.GetString("x-prop"));
        Assert.Equal(0, field.Position);
    }

    [Fact]
    public void Parse_NestedNamespaces_ResolveAsTheSpecSays()
    {
        var schema = (RecordSchema)Schema.Parse("""
            {"type":"record","name":"a.full.Name","namespace":"ignored","fields":[
              {"name":"e","type":{"type":"enum","name":"Understanding","symbols":["X"]}},
              {"name":"f","type":{"type":"fixed","name":"F","namespace":"other","size":1}},
              {"name":"n","type":{"type":"record","name":"Inner","namespace":"","fields":[
                  {"name":"z","type":{"type":"fixed","name":"Z","size":2}}]}},
              {"name":"ref","type":"Understanding"},
              {"name":"ref2","type":"other.F"}
            ]}
            """);

        Assert.Equal("a.full", schema.Namespace);
        Assert.Equal("a.full.Understanding", schema.Fields[0].Schema.FullName);
        Assert.Equal("other.F", schema.Fields[1].Schema.FullName);
        Assert.Equal("Inner", schema.Fields[2].Schema.FullName);
        Assert.Equal("Z", ((RecordSchema)schema.Fields[2].Schema).Fields[0].Schema.FullName);
        Assert.Same(schema.Fields[0].Schema, schema.Fields[3].Schema);
        Assert.Same(schema.Fields[1].Schema, schema.Fields[4].Schema);
    }

    [Fact]
    public void Parse_UnqualifiedReference_FallsBackToTheNullNamespace()
    {
        // Java's ParseContext.find tries "ns.Name" then "Name".
        var schema = (RecordSchema)Schema.Parse("""
            {"type":"record","name":"Outer","fields":[
              {"name":"a","type":{"type":"fixed","name":"Top","size":1}},
              {"name":"b","type":{"type":"record","name":"In","namespace":"x.y","fields":[{"name":"c","type":"Top"}]}}]}
            """);

        Assert.Same(schema.Fields[0].Schema, ((RecordSchema)schema.Fields[1].Schema).Fields[0].Schema);
    }

    [Fact]
    public void Parse_TypeAliases_AreQualifiedWithTheTypesNamespace()
    {
        var schema = (NamedSchema)Schema.Parse("""{"type":"fixed","name":"b","namespace":"a","aliases":["c","x.y"],"size":1}""");

        Assert.Equal(["a.c", "x.y"], schema.Aliases.Select(a => a.FullName));
    }

    [Fact]
    public void Parse_ParserRemembersNamedTypes_ForReferences()
    {
        var parser = new SchemaParser();
        var address = parser.Parse("""{"type":"record","name":"com.acme.Address","fields":[{"name":"street","type":"string"}]}""");

        var person = (RecordSchema)parser.Parse("""{"type":"record","name":"com.acme.Person","fields":[{"name":"home","type":"Address"}]}""");

        Assert.Same(address, person.Fields[0].Schema);
    }

    [Fact]
    public void Parse_KnownType_MayBeRedefinedOnlyIdentically()
    {
        const string address = """{"type":"record","name":"com.acme.Address","fields":[{"name":"street","type":"string"}]}""";
        var parser = new SchemaParser([Schema.Parse(address)]);

        Assert.Equal("com.acme.Address", parser.Parse(address).FullName);
        var e = Assert.Throws<AvroSchemaException>(() => parser.Parse("""{"type":"record","name":"com.acme.Address","fields":[]}"""));
        Assert.Equal("can't redefine \"com.acme.Address\" (already known to this parser)", e.Message);
    }

    [Fact]
    public void Parse_FailedParse_ForgetsItsNames()
    {
        var parser = new SchemaParser();
        Assert.Throws<AvroSchemaException>(() => parser.Parse("""{"type":"record","name":"A","fields":[{"name":"x","type":"nope"}]}"""));

        var again = parser.Parse("""{"type":"record","name":"A","fields":[]}""");

        Assert.Equal("A", again.FullName);
    }

    [Theory]
    [InlineData("\"strng\"", "unknown type \"strng\"")]
    [InlineData("""{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"int"},{"name":"c","type":"strng"}]}""", "at fields[2].type: unknown type \"strng\"")]
    [InlineData("""{"type":"record","name":"R"}""", "record has no \"fields\"")]
    [InlineData("""{"type":"record","fields":[]}""", "named type has no \"name\"")]
    [InlineData("""{"type":"record","name":"R","fields":[{"type":"int"}]}""", "at fields[0]: field has no \"name\"")]
    [InlineData("""{"type":"record","name":"R","fields":[{"name":"a"}]}""", "at fields[0]: field \"a\" has no \"type\"")]
    [InlineData("""{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"a","type":"long"}]}""", "at fields[1]: duplicate field \"a\" in record R")]
    [InlineData("""{"type":"enum","name":"E"}""", "enum has no \"symbols\"")]
    [InlineData("""{"type":"enum","name":"E","symbols":["A","A"]}""", "at symbols[1]: duplicate enum symbol \"A\"")]
    [InlineData("""{"type":"enum","name":"E","symbols":["A","1B"]}""", "at symbols[1]: illegal initial character in name \"1B\"")]
    [InlineData("""{"type":"enum","name":"E","symbols":["A"],"default":"B"}""", "at default: the enum default \"B\" is not one of the symbols [A]")]
    [InlineData("""{"type":"array"}""", "array has no \"items\"")]
    [InlineData("""{"type":"map"}""", "map has no \"values\"")]
    [InlineData("""{"type":"fixed","name":"F"}""", "fixed has no \"size\"")]
    [InlineData("""{"type":"fixed","name":"F","size":"16"}""", "fixed \"size\" must be an int, not \"16\"")]
    [InlineData("""{"type":"fixed","name":"F","size":1.5}""", "fixed \"size\" must be an int, not 1.5")]
    [InlineData("""["null",["int"]]""", "at [1]: unions may not immediately contain other unions")]
    [InlineData("""["int","string","int"]""", "at [2]: duplicate in union: int")]
    [InlineData("""["long",{"type":"long","logicalType":"timestamp-millis"}]""", "at [1]: duplicate in union: long")]
    [InlineData("""[{"type":"array","items":"int"},{"type":"array","items":"long"}]""", "at [1]: duplicate in union: array")]
    [InlineData("""{"type":"fixed","name":"int","size":1}""", "at name: schemas may not be named after primitives: \"int\"")]
    [InlineData("""{"type":"fixed","name":"a.1b.C","size":1}""", "at name: namespace \"a.1b\" is invalid: illegal initial character in name \"1b\"")]
    [InlineData("""{"type":"record","name":"R","fields":[{"name":"a-b","type":"int"}]}""", "at fields[0].name: illegal character in name \"a-b\"")]
    [InlineData("""{"type":"record","name":"R","fields":[{"name":"a","type":{"type":"fixed","name":"F","size":1}},{"name":"b","type":{"type":"fixed","name":"F","size":2}}]}""", "at fields[1].type: can't redefine \"F\"")]
    [InlineData("""{"type":"record","name":"R","fields":[{"name":"a","type":"int","default":"1"}]}""", "at fields[0].default: invalid default for field \"a\": \"1\" is not a \"int\"")]
    [InlineData("""{"type":"record","name":"R","fields":[{"name":"a","type":"int","default":1.0}]}""", "at fields[0].default: invalid default for field \"a\": 1.0 is not a \"int\"")]
    [InlineData("""{"type":"record","name":"R","fields":[{"name":"a","type":"int","default":2147483648}]}""", "at fields[0].default: invalid default for field \"a\": 2147483648 is not a \"int\"")]
    [InlineData("""{"type":"record","name":"R","fields":[{"name":"a","type":"int","order":"up"}]}""", "at fields[0].order: order must be \"ascending\", \"descending\" or \"ignore\", not \"up\"")]
    [InlineData("""{"type":"record","name":"R","aliases":"x","fields":[]}""", "at aliases: \"aliases\" must be an array, not the string \"x\"")]
    [InlineData("""{"type":"unknown"}""", "at type: unknown type \"unknown\"")]
    [InlineData("""{"name":"x"}""", "missing \"type\"")]
    [InlineData("""42""", "a schema must be a type name, an object or an array (union), not the number 42")]
    [InlineData("""{"type":"record","name":"R","fields":[{"name":"a","type":"record"}]}""", "at fields[0].type: \"record\" must be written as an object with its attributes, e.g. {\"type\":\"record\", ...}")]
    public void Parse_Invalid_ThrowsWithLocationAndReason(string json, string expected)
    {
        var e = Assert.Throws<AvroSchemaException>(() => Schema.Parse(json));

        Assert.Equal(expected, e.Message);
    }

    [Fact]
    public void Parse_InvalidJson_SaysSo()
    {
        var e = Assert.Throws<AvroSchemaException>(() => Schema.Parse("{\"type\":"));

        Assert.StartsWith("invalid JSON:", e.Message);
    }

    [Fact]
    public void Parse_CommentsAndEmptyUnion_AreAcceptedAsJava()
    {
        Assert.Empty(((UnionSchema)Schema.Parse("/* nothing */ []")).Branches);
        Assert.Equal(SchemaType.Record, Schema.Parse("""{"type":"record","name":"R","fields":[]}""").Type);
        Assert.True(((RecordSchema)Schema.Parse("""{"type":"error","name":"E","fields":[]}""")).IsError);
    }

    [Fact]
    public void Parse_UnicodeNames_AreAcceptedAsJava()
    {
        var schema = (RecordSchema)Schema.Parse("""{"type":"record","name":"Größe","fields":[{"name":"länge","type":"int"}]}""");

        Assert.Equal("länge", schema.Fields[0].Name);
    }

    [Theory]
    [InlineData("\"null\"", "null", null)]
    [InlineData("\"boolean\"", "true", null)]
    [InlineData("\"long\"", "9223372036854775807", null)]
    [InlineData("\"float\"", "1", null)]
    [InlineData("\"double\"", "\"NaN\"", null)]
    [InlineData("\"bytes\"", "\"\\u00ff\"", null)]
    [InlineData("""{"type":"enum","name":"E","symbols":["A"]}""", "\"Z\"", null)]
    [InlineData("""{"type":"fixed","name":"F","size":2}""", "\"abc\"", null)]
    [InlineData("""{"type":"array","items":"int"}""", "[1,2]", null)]
    [InlineData("""{"type":"map","values":"string"}""", "{\"a\":\"b\"}", null)]
    [InlineData("""["null","int"]""", "null", null)]
    [InlineData("""["null","int"]""", "1", null)]
    [InlineData("""{"type":"record","name":"In","fields":[{"name":"x","type":"int"},{"name":"y","type":"int","default":2}]}""", "{\"x\":1}", null)]
    public void Parse_ValidDefaults_AreAcceptedWithJavasRules(string type, string defaultJson, string? _)
    {
        var json = $$"""{"type":"record","name":"R","fields":[{"name":"f","type":{{type}},"default":{{defaultJson}}}]}""";

        var field = ((RecordSchema)Schema.Parse(json)).Fields[0];

        Assert.True(field.HasDefault);
    }

    [Theory]
    [InlineData("\"boolean\"", "0")]
    [InlineData("\"null\"", "0")]
    [InlineData("\"string\"", "1")]
    [InlineData("""{"type":"array","items":"int"}""", "[\"a\"]")]
    [InlineData("""{"type":"map","values":"int"}""", "[]")]
    [InlineData("""["null","int"]""", "\"x\"")]
    [InlineData("""{"type":"record","name":"In","fields":[{"name":"x","type":"int"}]}""", "{}")]
    public void Parse_InvalidDefaults_AreRejected(string type, string defaultJson)
    {
        var json = $$"""{"type":"record","name":"R","fields":[{"name":"f","type":{{type}},"default":{{defaultJson}}}]}""";

        var e = Assert.Throws<AvroSchemaException>(() => Schema.Parse(json));

        Assert.StartsWith("at fields[0].default: invalid default for field \"f\"", e.Message);
    }

    [Fact]
    public void Parse_TextualFloatDefault_BecomesANumberAsJava()
    {
        var field = ((RecordSchema)Schema.Parse("""{"type":"record","name":"R","fields":[{"name":"f","type":"double","default":"1.5"}]}""")).Fields[0];

        Assert.Equal(JsonValueKind.Number, field.Default!.Value.ValueKind);
        Assert.Equal(1.5, field.Default.Value.GetDouble());
    }
}
