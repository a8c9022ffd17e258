using Pipeline.Avro.Codecs;
using Pipeline.Avro.Schemas;
using Xunit;

namespace Pipeline.Avro.Tests.Resolution;

/// <summary>Each rule of the spec's schema resolution (and Java's Resolver) as its own test.</summary>
public sealed class ResolutionTests
{
    private static object? Resolve(string writerJson, string readerJson, object? datum)
    {
        var writer = Schema.Parse(writerJson);
        var reader = Schema.Parse(readerJson);
        return new DatumReader(writer, reader).Read(new DatumWriter(writer).ToBytes(datum));
    }

    private static GenericRecord Record(Schema schema, params (string Name, object? Value)[] values)
    {
        var record = new GenericRecord((RecordSchema)schema);
        foreach (var (name, value) in values)
        {
            record[name] = value;
        }

        return record;
    }

    [Theory]
    [InlineData("\"int\"", "\"long\"", 5, 5L)]
    [InlineData("\"int\"", "\"float\"", 16777217, 16777216f)]
    [InlineData("\"int\"", "\"double\"", 5, 5.0)]
    [InlineData("\"long\"", "\"float\"", 3L, 3f)]
    [InlineData("\"long\"", "\"double\"", -3L, -3.0)]
    [InlineData("\"float\"", "\"double\"", 1.5f, 1.5)]
    public void Promotion_NumericWidening(string writer, string reader, object datum, object expected)
    {
        Assert.Equal(expected, Resolve(writer, reader, datum));
    }

    [Fact]
    public void Promotion_StringToBytes_AndBack()
    {
        Assert.Equal("héllo"u8.ToArray(), (byte[])Resolve("\"string\"", "\"bytes\"", "héllo")!);
        Assert.Equal("héllo", Resolve("\"bytes\"", "\"string\"", "héllo"u8.ToArray()));
    }

    [Theory]
    [InlineData("\"long\"", "\"int\"", 1L)]
    [InlineData("\"double\"", "\"float\"", 1.0)]
    [InlineData("\"int\"", "\"string\"", 1)]
    [InlineData("\"string\"", """{"type":"enum","name":"E","symbols":["A"]}""", "A")]
    public void NoPromotion_FailsWhenRead(string writer, string reader, object datum)
    {
        var e = Assert.Throws<AvroTypeException>(() => Resolve(writer, reader, datum));

        Assert.StartsWith("found ", e.Message);
    }

    [Fact]
    public void Promotion_IntoALogicalType_AppliesTheReadersLogicalType()
    {
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1000), Resolve("\"int\"", """{"type":"long","logicalType":"timestamp-millis"}""", 1000));
    }

    [Fact]
    public void Record_FieldsMatchByName_InAnyOrder()
    {
        var writer = Schema.Parse("""{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"string"}]}""");

        var read = (GenericRecord)new DatumReader(writer, Schema.Parse("""{"type":"record","name":"R","fields":[{"name":"b","type":"string"},{"name":"a","type":"long"}]}"""))
            .Read(new DatumWriter(writer).ToBytes(Record(writer, ("a", 1), ("b", "x"))))!;

        Assert.Equal("x", read[0]);
        Assert.Equal(1L, read[1]);
    }

    [Fact]
    public void Record_ExtraWriterFields_AreSkipped()
    {
        var writer = Schema.Parse("""
            {"type":"record","name":"R","fields":[{"name":"skipMe","type":{"type":"map","values":{"type":"array","items":"string"}}},
              {"name":"u","type":["null",{"type":"record","name":"In","fields":[{"name":"z","type":"double"}]}]},{"name":"keep","type":"int"},{"name":"f","type":{"type":"fixed","name":"F","size":3}}]}
            """);
        var reader = Schema.Parse("""{"type":"record","name":"R","fields":[{"name":"keep","type":"int"}]}""");
        var inner = (RecordSchema)((UnionSchema)((RecordSchema)writer).GetField("u")!.Schema).Branches[1];
        var datum = Record(writer, ("skipMe", new Dictionary<string, object?> { ["k"] = new List<object?> { "a", "b" } }), ("u", new GenericRecord(inner).Set("z", 1.0)), ("keep", 9), ("f", new byte[] { 1, 2, 3 }));

        var read = (GenericRecord)new DatumReader(writer, reader).Read(new DatumWriter(writer).ToBytes(datum))!;

        Assert.Equal(9, read["keep"]);
    }

    [Fact]
    public void Record_MissingWriterField_TakesTheReaderDefault()
    {
        var writer = Schema.Parse("""{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}""");
        var reader = Schema.Parse("""
            {"type":"record","name":"R","fields":[{"name":"a","type":"int"},
              {"name":"s","type":"string","default":"dflt"},
              {"name":"o","type":["null","int"],"default":null},
              {"name":"u","type":["null","int"],"default":5},
              {"name":"b","type":"bytes","default":"\u00ff\u0001"},
              {"name":"d","type":{"type":"int","logicalType":"date"},"default":10957},
              {"name":"r","type":{"type":"record","name":"In","fields":[{"name":"x","type":"int"},{"name":"y","type":"int","default":3}]},"default":{"x":1}},
              {"name":"e","type":{"type":"enum","name":"E","symbols":["A","B"]},"default":"B"},
              {"name":"l","type":{"type":"array","items":"long"},"default":[1,2]}]}
            """);
        var bytes = new DatumWriter(writer).ToBytes(Record(writer, ("a", 1)));
        var resolved = new DatumReader(writer, reader);

        var read = (GenericRecord)resolved.Read(bytes)!;
        var again = (GenericRecord)resolved.Read(bytes)!;

        Assert.Equal("dflt", read["s"]);
        Assert.Null(read["o"]);
        Assert.Equal(5, read["u"]);
        Assert.Equal(new byte[] { 0xff, 1 }, read["b"]);
        Assert.Equal(new DateOnly(2000, 1, 1), read["d"]);
        Assert.Equal(3, ((GenericRecord)read["r"]!)["y"]);
        Assert.Equal("B", ((GenericEnum)read["e"]!).Symbol);
        Assert.Equal([1L, 2L], (List<object?>)read["l"]!);
        Assert.NotSame(read["l"], again["l"]);
    }

    [Fact]
    public void Record_MissingFieldWithoutDefault_FailsWhenRead()
    {
        var e = Assert.Throws<AvroTypeException>(() => Resolve(
            """{"type":"record","name":"R","fields":[]}""",
            """{"type":"record","name":"R","fields":[{"name":"need","type":"int"}]}""",
            new GenericRecord((RecordSchema)Schema.Parse("""{"type":"record","name":"R","fields":[]}"""))));

        Assert.Equal("found R, expecting R: missing required field need", e.Message);
    }

    [Fact]
    public void Record_EnumDefault_DoesNotStandInForAMissingFieldDefault()
    {
        Assert.Throws<AvroTypeException>(() => Resolve(
            """{"type":"record","name":"R","fields":[]}""",
            """{"type":"record","name":"R","fields":[{"name":"e","type":{"type":"enum","name":"E","symbols":["A"],"default":"A"}}]}""",
            new GenericRecord((RecordSchema)Schema.Parse("""{"type":"record","name":"R","fields":[]}"""))));
    }

    [Fact]
    public void Record_ReaderFieldAlias_MatchesTheWritersOldName()
    {
        var writer = Schema.Parse("""{"type":"record","name":"R","fields":[{"name":"old","type":"int"}]}""");

        var read = (GenericRecord)Resolve(writer.ToJson(), """{"type":"record","name":"R","fields":[{"name":"renamed","type":"int","aliases":["old"]}]}""", Record(writer, ("old", 4)))!;

        Assert.Equal(4, read["renamed"]);
    }

    [Fact]
    public void Enum_SymbolsMapByName_NotIndex()
    {
        var writer = (EnumSchema)Schema.Parse("""{"type":"enum","name":"E","symbols":["A","B","C"]}""");

        var read = (GenericEnum)Resolve(writer.ToJson(), """{"type":"enum","name":"E","symbols":["C","B","A"]}""", "B")!;

        Assert.Equal(("B", 1), (read.Symbol, read.Ordinal));
    }

    [Fact]
    public void Enum_UnknownSymbol_TakesTheReaderEnumDefault_NotTheFieldDefault()
    {
        var writer = Schema.Parse("""{"type":"record","name":"R","fields":[{"name":"e","type":{"type":"enum","name":"E","symbols":["A","B","C"]}}]}""");
        var reader = Schema.Parse("""{"type":"record","name":"R","fields":[{"name":"e","type":{"type":"enum","name":"E","symbols":["A","B"],"default":"A"},"default":"B"}]}""");
        var datum = Record(writer, ("e", "C"));

        var read = (GenericRecord)new DatumReader(writer, reader).Read(new DatumWriter(writer).ToBytes(datum))!;

        Assert.Equal("A", ((GenericEnum)read["e"]!).Symbol);
    }

    [Fact]
    public void Enum_UnknownSymbolWithoutDefault_FailsOnlyWhenThatSymbolIsRead()
    {
        var writer = """{"type":"enum","name":"E","symbols":["A","B","C"]}""";
        var reader = """{"type":"enum","name":"E","symbols":["A","B"]}""";

        Assert.Equal("A", ((GenericEnum)Resolve(writer, reader, "A")!).Symbol);
        var e = Assert.Throws<AvroTypeException>(() => Resolve(writer, reader, "C"));
        Assert.StartsWith("no match for symbol C", e.Message);
    }

    [Fact]
    public void NamedTypes_MatchByUnqualifiedName_AsJava()
    {
        Assert.Equal("A", ((GenericEnum)Resolve("""{"type":"enum","name":"namespace1.E","symbols":["A"]}""", """{"type":"enum","name":"namespace2.E","symbols":["A"]}""", "A")!).Symbol);
        Assert.Equal(new byte[] { 7 }, ((GenericFixed)Resolve("""{"type":"fixed","name":"x.F","size":1}""", """{"type":"fixed","name":"F","size":1}""", new byte[] { 7 })!).Bytes);
    }

    [Fact]
    public void NamedTypes_ReaderAliasMatchesTheWritersFullName()
    {
        Assert.Equal("A", ((GenericEnum)Resolve("""{"type":"enum","name":"ns.Old","symbols":["A"]}""", """{"type":"enum","name":"ns.New","aliases":["Old"],"symbols":["A"]}""", "A")!).Symbol);
        Assert.Throws<AvroTypeException>(() => Resolve("""{"type":"enum","name":"other.Old","symbols":["A"]}""", """{"type":"enum","name":"ns.New","aliases":["Old"],"symbols":["A"]}""", "A"));
    }

    [Fact]
    public void Fixed_SizeMismatch_Fails()
    {
        Assert.Throws<AvroTypeException>(() => Resolve("""{"type":"fixed","name":"F","size":2}""", """{"type":"fixed","name":"F","size":3}""", new byte[] { 1, 2 }));
    }

    [Fact]
    public void WriterUnion_ReaderUnion_BranchOrderIsIrrelevant()
    {
        Assert.Equal("s", Resolve("""["string","int"]""", """["int","string"]""", "s"));
        Assert.Equal(3, Resolve("""["string","int"]""", """["int","string"]""", 3));
    }

    [Fact]
    public void WriterNotUnion_ReaderUnion_TakesTheFirstMatchingBranch()
    {
        Assert.Equal(3, Resolve("\"int\"", """["null","int"]""", 3));
        Assert.Equal(3L, Resolve("\"int\"", """["null","string","long","double"]""", 3));
        Assert.Equal("x"u8.ToArray(), (byte[])Resolve("\"string\"", """["null","bytes"]""", "x")!);
    }

    [Fact]
    public void WriterUnion_ReaderNotUnion_ReadsBranchesThatResolve()
    {
        Assert.Equal(1.5f, Resolve("""["int","float"]""", "\"float\"", 1.5f));
        Assert.Equal(2f, Resolve("""["int","float"]""", "\"float\"", 2));
        Assert.Equal(7, Resolve("""["int"]""", "\"int\"", 7));
        Assert.Throws<AvroTypeException>(() => Resolve("""["null","string"]""", "\"string\"", null));
    }

    [Fact]
    public void ReaderUnion_RecordBranch_ChosenByFullNameThenStructure()
    {
        var writer = Schema.Parse("""{"type":"record","name":"a.Point","fields":[{"name":"x","type":"int"}]}""");
        var reader = """[{"type":"record","name":"b.Other","fields":[{"name":"y","type":"int"}]},{"type":"record","name":"c.Point","fields":[{"name":"x","type":"long"}]}]""";

        var read = (GenericRecord)Resolve(writer.ToJson(), reader, Record(writer, ("x", 1)))!;

        Assert.Equal("c.Point", read.Schema.FullName);
        Assert.Equal(1L, read["x"]);
    }

    [Fact]
    public void RecursiveRecords_Resolve()
    {
        var writer = Schema.Parse("""{"type":"record","name":"L","fields":[{"name":"v","type":"int"},{"name":"next","type":["null","L"]}]}""");
        var reader = Schema.Parse("""{"type":"record","name":"L","fields":[{"name":"v","type":"long"},{"name":"next","type":["null","L"]},{"name":"tag","type":"string","default":"t"}]}""");
        var list = Record(writer, ("v", 1), ("next", Record(writer, ("v", 2), ("next", null))));

        var read = (GenericRecord)new DatumReader(writer, reader).Read(new DatumWriter(writer).ToBytes(list))!;

        Assert.Equal(2L, ((GenericRecord)read["next"]!)["v"]);
        Assert.Equal("t", ((GenericRecord)read["next"]!)["tag"]);
    }

    [Fact]
    public void ArraysAndMaps_ResolveTheirElements()
    {
        Assert.Equal([1L, 2L], (List<object?>)Resolve("""{"type":"array","items":"int"}""", """{"type":"array","items":"long"}""", new List<object?> { 1, 2 })!);
        Assert.Equal(1.0, ((Dictionary<string, object?>)Resolve("""{"type":"map","values":"int"}""", """{"type":"map","values":"double"}""", new Dictionary<string, object?> { ["a"] = 1 })!)["a"]);
    }
}
