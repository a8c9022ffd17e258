using Pipeline.Avro.Compatibility;
using Pipeline.Avro.Schemas;
using Xunit;

namespace Pipeline.Avro.Tests.Compatibility;

public sealed class SchemaCompatibilityTests
{
    private static SchemaCompatibilityResult Check(string reader, string writer) =>
        SchemaCompatibility.CheckReaderWriter(Schema.Parse(reader), Schema.Parse(writer));

    private static void AssertSingle(SchemaCompatibilityResult result, string type, string location, string message)
    {
        Assert.False(result.IsCompatible);
        var incompatibility = Assert.Single(result.Incompatibilities);
        Assert.Equal((type, location, message), (incompatibility.TypeName, incompatibility.Location, incompatibility.Message));
    }

    [Theory]
    [InlineData("\"long\"", "\"int\"")]
    [InlineData("\"float\"", "\"int\"")]
    [InlineData("\"float\"", "\"long\"")]
    [InlineData("\"double\"", "\"int\"")]
    [InlineData("\"double\"", "\"long\"")]
    [InlineData("\"double\"", "\"float\"")]
    [InlineData("\"bytes\"", "\"string\"")]
    [InlineData("\"string\"", "\"bytes\"")]
    [InlineData("""["int","string"]""", """["string","int"]""")]
    [InlineData("""["int"]""", "\"int\"")]
    [InlineData("\"int\"", """["int"]""")]
    [InlineData("\"float\"", """["int","float"]""")]
    [InlineData("""["null","string"]""", "\"string\"")]
    [InlineData("\"int\"", "[]")]
    [InlineData("""{"type":"bytes","logicalType":"decimal","precision":4,"scale":2}""", """{"type":"bytes","logicalType":"decimal","precision":9,"scale":5}""")]
    [InlineData("""{"type":"record","name":"Record","fields":[]}""", """{"type":"record","name":"ns.Record","fields":[]}""")]
    [InlineData("""{"type":"enum","name":"namespace1.Enum1","symbols":["A"]}""", """{"type":"enum","name":"namespace2.Enum1","symbols":["A"]}""")]
    [InlineData("""{"type":"enum","name":"E","symbols":["A"],"default":"A"}""", """{"type":"enum","name":"E","symbols":["A","B"]}""")]
    [InlineData("""{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"int","default":0}]}""", """{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"extra","type":"string"}]}""")]
    [InlineData("""{"type":"record","name":"L","fields":[{"name":"next","type":["null","L"]}]}""", """{"type":"record","name":"L","fields":[{"name":"next","type":["null","L"]}]}""")]
    public void Compatible_Pairs(string reader, string writer)
    {
        var result = Check(reader, writer);

        Assert.True(result.IsCompatible, string.Join("; ", result.Incompatibilities));
    }

    [Fact]
    public void TypeMismatch_InAField()
    {
        AssertSingle(
            Check("""{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"string"}]}""", """{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"long"}]}"""),
            "TYPE_MISMATCH", "/fields/1/type", "reader type: STRING not compatible with writer type: LONG");
    }

    [Theory]
    [InlineData("\"int\"", "\"long\"", "reader type: INT not compatible with writer type: LONG")]
    [InlineData("\"float\"", "\"double\"", "reader type: FLOAT not compatible with writer type: DOUBLE")]
    [InlineData("\"string\"", "\"int\"", "reader type: STRING not compatible with writer type: INT")]
    [InlineData("\"bytes\"", """{"type":"fixed","name":"F","size":1}""", "reader type: BYTES not compatible with writer type: FIXED")]
    [InlineData("\"string\"", """{"type":"enum","name":"E","symbols":["A"]}""", "reader type: STRING not compatible with writer type: ENUM")]
    [InlineData("""{"type":"fixed","name":"D","size":4,"logicalType":"decimal","precision":4}""", """{"type":"bytes","logicalType":"decimal","precision":4}""", "reader type: FIXED not compatible with writer type: BYTES")]
    public void TypeMismatch_NoPromotion(string reader, string writer, string message)
    {
        AssertSingle(Check(reader, writer), "TYPE_MISMATCH", "/", message);
    }

    [Fact]
    public void MissingDefault_OnANewField()
    {
        AssertSingle(
            Check("""{"type":"record","name":"R","fields":[{"name":"f1","type":"int"},{"name":"f2","type":"int"}]}""", """{"type":"record","name":"R","fields":[{"name":"f1","type":"int"}]}"""),
            "READER_FIELD_MISSING_DEFAULT_VALUE", "/fields/1", "f2");
    }

    [Fact]
    public void MissingDefault_EnumWithDefault_IsATypeMismatchAsJava()
    {
        AssertSingle(
            Check("""{"type":"record","name":"R","fields":[{"name":"e","type":{"type":"enum","name":"E","symbols":["A"],"default":"A"}}]}""", """{"type":"record","name":"R","fields":[]}"""),
            "TYPE_MISMATCH", "/fields/0/type", "reader type: ENUM not compatible with writer type: RECORD");
    }

    [Fact]
    public void NameMismatch()
    {
        AssertSingle(
            Check("""{"type":"record","name":"R","fields":[{"name":"f","type":{"type":"fixed","name":"A","size":1}}]}""", """{"type":"record","name":"R","fields":[{"name":"f","type":{"type":"fixed","name":"x.B","size":1}}]}"""),
            "NAME_MISMATCH", "/fields/0/type/name", "expected: x.B");
    }

    [Fact]
    public void NameMatching_ReaderAliasMustEqualTheWritersFullName()
    {
        const string reader = """{"type":"record","name":"ns.B","aliases":["A"],"fields":[]}""";

        Assert.True(Check(reader, """{"type":"record","name":"ns.A","fields":[]}""").IsCompatible);
        Assert.True(Check(reader, """{"type":"record","name":"zzz.B","fields":[]}""").IsCompatible);
        AssertSingle(Check(reader, """{"type":"record","name":"A","fields":[]}"""), "NAME_MISMATCH", "/name", "expected: A");
        AssertSingle(Check(reader, """{"type":"record","name":"other.A","fields":[]}"""), "NAME_MISMATCH", "/name", "expected: other.A");
        Assert.False(Check("""{"type":"record","name":"ns.A","fields":[]}""", """{"type":"record","name":"ns.B","aliases":["A"],"fields":[]}""").IsCompatible);
    }

    [Fact]
    public void FixedSizeMismatch()
    {
        AssertSingle(Check("""{"type":"fixed","name":"F","size":8}""", """{"type":"fixed","name":"F","size":4}"""), "FIXED_SIZE_MISMATCH", "/size", "expected: 4, found: 8");
    }

    [Fact]
    public void MissingEnumSymbols_AreSorted()
    {
        AssertSingle(
            Check("""{"type":"record","name":"R","fields":[{"name":"e","type":{"type":"enum","name":"E","symbols":["A","C"]}}]}""", """{"type":"record","name":"R","fields":[{"name":"e","type":{"type":"enum","name":"E","symbols":["D","A","B","C"]}}]}"""),
            "MISSING_ENUM_SYMBOLS", "/fields/0/type/symbols", "[B, D]");
    }

    [Fact]
    public void MissingUnionBranch_WriterUnion()
    {
        AssertSingle(Check("""["null","string"]""", """["null","string","double"]"""), "MISSING_UNION_BRANCH", "/2", "reader union lacking writer type: DOUBLE");
    }

    [Fact]
    public void MissingUnionBranch_WriterNotAUnion()
    {
        AssertSingle(Check("""["null","int"]""", "\"string\""), "MISSING_UNION_BRANCH", "/", "reader union lacking writer type: STRING");
    }

    [Fact]
    public void WriterUnion_ReaderNotAUnion_ReportsTheBranch()
    {
        AssertSingle(Check("\"long\"", """["int","float"]"""), "TYPE_MISMATCH", "/1", "reader type: LONG not compatible with writer type: FLOAT");
    }

    [Fact]
    public void MakingAFieldOptional_OnlyTheNewReaderReadsTheOld()
    {
        const string old = """{"type":"record","name":"R","fields":[{"name":"f","type":"string"}]}""";
        const string optional = """{"type":"record","name":"R","fields":[{"name":"f","type":["null","string"],"default":null}]}""";

        Assert.True(Check(optional, old).IsCompatible);
        AssertSingle(Check(old, optional), "TYPE_MISMATCH", "/fields/0/type/0", "reader type: STRING not compatible with writer type: NULL");
    }

    [Fact]
    public void AllIncompatibilities_AreCollectedInOrder()
    {
        var result = Check(
            """{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"string"},{"name":"c","type":"int"}]}""",
            """{"type":"record","name":"R","fields":[{"name":"a","type":"long"},{"name":"b","type":"boolean"}]}""");

        Assert.Equal(
            ["TYPE_MISMATCH /fields/0/type", "TYPE_MISMATCH /fields/1/type", "READER_FIELD_MISSING_DEFAULT_VALUE /fields/2"],
            result.Incompatibilities.Select(i => $"{i.TypeName} {i.Location}"));
    }

    [Fact]
    public void RepeatedPrimitivePairs_ReportEachLocation()
    {
        var result = Check(
            """{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"int"}]}""",
            """{"type":"record","name":"R","fields":[{"name":"a","type":"long"},{"name":"b","type":"long"}]}""");

        Assert.Equal(["/fields/0/type", "/fields/1/type"], result.Incompatibilities.Select(i => i.Location));
    }

    [Fact]
    public void CrossedFieldAliases_AreIncompatible()
    {
        var result = Check(
            """{"type":"record","name":"R","fields":[{"name":"field1","type":"int","aliases":["field2"]}]}""",
            """{"type":"record","name":"R","fields":[{"name":"field1","type":"int"},{"name":"field2","type":"int"}]}""");

        Assert.False(result.IsCompatible);
    }

    [Fact]
    public void Incompatibility_ToString_IsJavas()
    {
        var incompatibility = Check("\"int\"", "\"long\"").Incompatibilities[0];

        Assert.Equal("Incompatibility{type:TYPE_MISMATCH, location:/, message:reader type: INT not compatible with writer type: LONG, reader:\"int\", writer:\"long\"}", incompatibility.ToString());
    }
}
