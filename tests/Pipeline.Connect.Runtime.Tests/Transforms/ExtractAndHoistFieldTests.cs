using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Runtime.Transforms;
using static Pipeline.Connect.Runtime.Tests.Transforms.TransformFixtures;

namespace Pipeline.Connect.Runtime.Tests.Transforms;

public class ExtractAndHoistFieldTests
{
    private static readonly Schema Inner = SchemaBuilder.Struct().Field("id", Schema.Int64).Build();
    private static readonly Schema Outer = SchemaBuilder.Struct().Field("after", Inner).Field("a.b", Schema.String).Build();

    [Fact]
    public void ExtractField_SchemafulValue_ReturnsFieldAndItsSchema()
    {
        using var extract = Configured<ExtractFieldValue>(("field", "a.b"));
        var value = new Struct(Outer).Put("after", new Struct(Inner).Put("id", 9L)).Put("a.b", "dotted");
        var result = extract.Apply(Value(Outer, value))!;
        Assert.Equal(Schema.String, result.ValueSchema);
        Assert.Equal("dotted", result.Value);
    }

    [Fact]
    public void ExtractField_V2NestedPath_ReturnsNestedField()
    {
        using var extract = Configured<ExtractFieldValue>(("field", "after.id"), ("field.syntax.version", "v2"));
        var value = new Struct(Outer).Put("after", new Struct(Inner).Put("id", 9L)).Put("a.b", "x");
        var result = extract.Apply(Value(Outer, value))!;
        Assert.Equal(Schema.Int64, result.ValueSchema);
        Assert.Equal(9L, result.Value);
    }

    [Fact]
    public void ExtractField_V2BacktickedStep_KeepsDots()
    {
        using var extract = Configured<ExtractFieldValue>(("field", "`a.b`"), ("field.syntax.version", "V2"));
        var value = new Struct(Outer).Put("after", new Struct(Inner).Put("id", 1L)).Put("a.b", "quoted");
        Assert.Equal("quoted", extract.Apply(Value(Outer, value))!.Value);
    }

    [Fact]
    public void ExtractField_SchemalessKey_ReturnsEntryOrNull()
    {
        using var extract = Configured<ExtractFieldKey>(("field", "id"));
        Assert.Equal(5, extract.Apply(Key(null, Map(("id", 5))))!.Key);
        Assert.Null(extract.Apply(Key(null, Map(("other", 5))))!.Key);
    }

    [Fact]
    public void ExtractField_UnknownStructField_ThrowsNamingField()
    {
        using var extract = Configured<ExtractFieldValue>(("field", "missing"));
        var e = Assert.Throws<DataException>(() => extract.Apply(Value(Inner, new Struct(Inner).Put("id", 1L))));
        Assert.Equal("Unknown field: missing", e.Message);
    }

    [Fact]
    public void ExtractField_Tombstone_StaysNullWithFieldSchema()
    {
        using var extract = Configured<ExtractFieldValue>(("field", "id"));
        var result = extract.Apply(Value(Inner, null))!;
        Assert.Null(result.Value);
        Assert.Equal(Schema.Int64, result.ValueSchema);
        Assert.Null(extract.Apply(Value(null, null))!.Value);
    }

    [Fact]
    public void ExtractField_WrongInput_ThrowsRequireStruct()
    {
        using var extract = Configured<ExtractFieldValue>(("field", "id"));
        var e = Assert.Throws<DataException>(() => extract.Apply(Value(Schema.String, "x")));
        Assert.Equal("Only Struct objects supported for [field extraction], found: System.String", e.Message);
    }

    [Fact]
    public void ExtractField_BadSyntaxVersion_ThrowsConfigException()
    {
        var e = Assert.Throws<ConfigException>(() => Configured<ExtractFieldValue>(("field", "a"), ("field.syntax.version", "V3")));
        Assert.Equal("field.syntax.version", e.Name);
    }

    [Fact]
    public void HoistField_SchemafulValue_WrapsInStructAndCachesSchema()
    {
        using var hoist = Configured<HoistFieldValue>(("field", "line"));
        var first = hoist.Apply(Value(Schema.String, "hello"))!;
        var second = hoist.Apply(Value(Schema.String, "world"))!;
        var s = Assert.IsType<Struct>(first.Value);
        Assert.Equal("hello", s.Get("line"));
        Assert.Equal(Schema.String, s.Schema.Field("line")!.Schema);
        Assert.Same(first.ValueSchema, second.ValueSchema);
    }

    [Fact]
    public void HoistField_SchemalessKey_WrapsInMap()
    {
        using var hoist = Configured<HoistFieldKey>(("field", "k"));
        var result = hoist.Apply(Key(null, 42))!;
        Assert.Null(result.KeySchema);
        Assert.Equal(42, AsMap(result.Key)["k"]);
    }

    [Fact]
    public void HoistField_MissingField_ThrowsConfigException()
    {
        var e = Assert.Throws<ConfigException>(() => Configured<HoistFieldValue>());
        Assert.Equal("field", e.Name);
    }
}
