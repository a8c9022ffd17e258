using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Runtime.Transforms;
using static Pipeline.Connect.Runtime.Tests.Transforms.TransformFixtures;

namespace Pipeline.Connect.Runtime.Tests.Transforms;

public class FlattenTests
{
    [Fact]
    public void Flatten_NestedStructs_JoinedWithDelimiterAndArraysKept()
    {
        var twoDeep = SchemaBuilder.Struct().Field("int8", Schema.Int8).Field("list", SchemaBuilder.Array(Schema.Int32).Build()).Build();
        var oneDeep = SchemaBuilder.Struct().Field("two", twoDeep).Field("str", Schema.String).Build();
        var top = SchemaBuilder.Struct().Name("top").Field("A", oneDeep).Field("B", Schema.Int64).Build();
        var value = new Struct(top)
            .Put("A", new Struct(oneDeep).Put("two", new Struct(twoDeep).Put("int8", (sbyte)8).Put("list", new List<object?> { 1 })).Put("str", "s"))
            .Put("B", 2L);
        using var flatten = Configured<FlattenValue>(("delimiter", "#"));
        var result = flatten.Apply(Value(top, value))!;
        var s = Assert.IsType<Struct>(result.Value);
        Assert.Equal(["A#two#int8", "A#two#list", "A#str", "B"], s.Schema.Fields.Select(f => f.Name));
        Assert.Equal("top", s.Schema.Name);
        Assert.Equal((sbyte)8, s.Get("A#two#int8"));
        Assert.Equal("s", s.Get("A#str"));
        Assert.Equal(2L, s.Get("B"));
        Assert.Same(result.ValueSchema, flatten.Apply(Value(top, value))!.ValueSchema);
    }

    [Fact]
    public void Flatten_OptionalNestedStruct_FieldsBecomeOptionalAndNullWhenAbsent()
    {
        var inner = SchemaBuilder.Struct().Optional().Field("req", Schema.String).Build();
        var top = SchemaBuilder.Struct().Field("inner", inner).Field("x", Schema.Int32).Build();
        using var flatten = Configured<FlattenValue>();
        var s = Assert.IsType<Struct>(flatten.Apply(Value(top, new Struct(top).Put("x", 1)))!.Value);
        Assert.True(s.Schema.Field("inner.req")!.Schema.IsOptional);
        Assert.Null(s.Get("inner.req"));
        s.Validate();
    }

    [Fact]
    public void Flatten_NestedStructDefault_BecomesFieldDefaults()
    {
        var innerBuilder = SchemaBuilder.Struct().Optional().Field("n", Schema.Int32);
        var innerNoDefault = innerBuilder.Build();
        var inner = SchemaBuilder.Struct().Optional().Field("n", Schema.Int32).DefaultValue(new Struct(innerNoDefault).Put("n", 5)).Build();
        var top = SchemaBuilder.Struct().Field("inner", inner).Build();
        using var flatten = Configured<FlattenValue>();
        var s = Assert.IsType<Struct>(flatten.Apply(Value(top, new Struct(top)))!.Value);
        Assert.Equal(5, s.Schema.Field("inner.n")!.Schema.DefaultValue);
        Assert.Equal(5, s.Get("inner.n"));
    }

    [Fact]
    public void Flatten_SchemalessKeyNestedMaps_Flattened()
    {
        using var flatten = Configured<FlattenKey>();
        var key = Map(("a", Map(("b", 1), ("c", Map(("d", "x"))))), ("e", null), ("f", new List<object?> { 1, 2 }));
        var map = AsMap(flatten.Apply(Key(null, key))!.Key);
        Assert.Equal(1, map["a.b"]);
        Assert.Equal("x", map["a.c.d"]);
        Assert.True(map.ContainsKey("e"));
        Assert.IsType<List<object?>>(map["f"]);
    }

    [Fact]
    public void Flatten_Tombstones_StayNull()
    {
        using var flatten = Configured<FlattenValue>();
        Assert.Null(flatten.Apply(Value(null, null))!.Value);
        var schema = SchemaBuilder.Struct().Optional().Field("a", Schema.Int32).Build();
        var result = flatten.Apply(Value(schema, null))!;
        Assert.Null(result.Value);
        Assert.True(result.ValueSchema!.IsOptional);
    }

    [Fact]
    public void Flatten_SchemalessNonMap_ThrowsRequireMap()
    {
        using var flatten = Configured<FlattenValue>();
        var e = Assert.Throws<DataException>(() => flatten.Apply(Value(null, 5)));
        Assert.Equal("Only Map objects supported in absence of schema for [flattening], found: System.Int32", e.Message);
    }

    [Fact]
    public void Flatten_FlattenedNameCollision_Throws()
    {
        var inner = SchemaBuilder.Struct().Field("b", Schema.Int32).Build();
        var top = SchemaBuilder.Struct().Field("a", inner).Field("a.b", Schema.Int32).Build();
        using var flatten = Configured<FlattenValue>();
        Assert.Throws<SchemaBuilderException>(() => flatten.Apply(Value(top, new Struct(top).Put("a", new Struct(inner).Put("b", 1)).Put("a.b", 2))));
    }

    [Fact]
    public void Flatten_DefinesDelimiterWithDefault()
    {
        using var flatten = new FlattenValue();
        Assert.Equal(".", flatten.Config.Keys["delimiter"].DefaultValue);
        Assert.IsType<ConfigDef>(flatten.Config);
    }
}
