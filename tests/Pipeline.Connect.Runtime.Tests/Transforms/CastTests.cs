using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Runtime.Transforms;
using static Pipeline.Connect.Runtime.Tests.Transforms.TransformFixtures;

namespace Pipeline.Connect.Runtime.Tests.Transforms;

public class CastTests
{
    [Fact]
    public void Cast_WholeSchemalessValue_CastsToInt32()
    {
        using var cast = Configured<CastValue>(("spec", "int32"));
        var result = cast.Apply(Value(null, 42L))!;
        Assert.Equal(42, result.Value);
        Assert.Null(result.ValueSchema);
    }

    [Fact]
    public void Cast_WholeSchemafulKey_ChangesSchemaAndKeepsValue()
    {
        using var cast = Configured<CastKey>(("spec", "int8"));
        var record = new Api.Source.SourceRecord(null, null, "t", 0, Schema.Int32, 300, Schema.String, "v");
        var result = cast.Apply(record)!;
        Assert.Equal(Schema.Int8, result.KeySchema);
        Assert.Equal((sbyte)44, result.Key); // Java's narrowing wraps: 300 & 0xFF = 44
        Assert.Equal("v", result.Value);
        Assert.Equal(Schema.String, result.ValueSchema);
    }

    [Fact]
    public void Cast_StructFields_CastsOnlyNamedFieldsAndCachesSchema()
    {
        var schema = SchemaBuilder.Struct().Name("r")
            .Field("i", Schema.Int32)
            .Field("f", Schema.OptionalFloat64)
            .Field("s", Schema.String)
            .Field("b", Schema.Bytes)
            .Field("keep", Schema.Int64)
            .Build();
        using var cast = Configured<CastValue>(("spec", "i:string, f:int64, s:boolean, b:string"));
        var value = new Struct(schema).Put("i", 7).Put("f", 2.9).Put("s", "TRUE").Put("b", new byte[] { 1, 2, 3 }).Put("keep", 5L);

        var first = cast.Apply(Value(schema, value))!;
        var second = cast.Apply(Value(schema, value))!;

        var s = Assert.IsType<Struct>(first.Value);
        Assert.Equal("r", s.Schema.Name);
        Assert.Equal(Schema.String, s.Schema.Field("i")!.Schema);
        Assert.Equal(Schema.OptionalInt64, s.Schema.Field("f")!.Schema);
        Assert.Equal("7", s.Get("i"));
        Assert.Equal(2L, s.Get("f"));
        Assert.Equal(true, s.Get("s"));
        Assert.Equal("AQID", s.Get("b"));
        Assert.Equal(5L, s.Get("keep"));
        Assert.Same(first.ValueSchema, second.ValueSchema);
    }

    [Fact]
    public void Cast_MapFields_CastsNamedEntries()
    {
        using var cast = Configured<CastValue>(("spec", "a:float32,b:int16,c:string"));
        var result = cast.Apply(Value(null, Map(("a", 1), ("b", "12"), ("c", 1.0), ("d", "x"))))!;
        var map = AsMap(result.Value);
        Assert.Equal(1f, map["a"]);
        Assert.Equal((short)12, map["b"]);
        Assert.Equal("1.0", map["c"]);
        Assert.Equal("x", map["d"]);
    }

    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(0.001, "0.001")]
    [InlineData(1e7, "1.0E7")]
    [InlineData(1.5e-4, "1.5E-4")]
    [InlineData(-123.25, "-123.25")]
    public void Cast_DoubleToString_PrintsLikeJava(double input, string expected)
    {
        using var cast = Configured<CastValue>(("spec", "string"));
        Assert.Equal(expected, cast.Apply(Value(Schema.Float64, input))!.Value);
    }

    [Fact]
    public void Cast_LogicalTypes_EncodeToIntegersAndIsoText()
    {
        var schema = SchemaBuilder.Struct()
            .Field("d", ConnectDate.Schema)
            .Field("ts", ConnectTimestamp.Schema)
            .Field("ds", ConnectDate.Schema)
            .Field("dec", ConnectDecimal.Schema(2))
            .Build();
        var value = new Struct(schema)
            .Put("d", new DateOnly(1970, 1, 11))
            .Put("ts", DateTimeOffset.FromUnixTimeMilliseconds(1234))
            .Put("ds", new DateOnly(2024, 2, 29))
            .Put("dec", 12.75m);
        using var cast = Configured<CastValue>(("spec", "d:int32,ts:int64,ds:string,dec:int32"));
        var s = Assert.IsType<Struct>(cast.Apply(Value(schema, value))!.Value);
        Assert.Equal(10, s.Get("d"));
        Assert.Equal(1234L, s.Get("ts"));
        Assert.Equal("2024-02-29", s.Get("ds"));
        Assert.Equal(12, s.Get("dec"));
    }

    [Fact]
    public void Cast_FloatingPointToInteger_SaturatesLikeJava()
    {
        using var cast = Configured<CastValue>(("spec", "int32"));
        Assert.Equal(int.MaxValue, cast.Apply(Value(null, 1e20))!.Value);
        Assert.Equal(0, cast.Apply(Value(null, double.NaN))!.Value);
    }

    [Fact]
    public void Cast_OptionalFieldWithDefault_CastsDefaultToo()
    {
        var schema = SchemaBuilder.Struct().Field("n", SchemaBuilder.Int32().Optional().DefaultValue(5).Build()).Build();
        using var cast = Configured<CastValue>(("spec", "n:string"));
        var s = Assert.IsType<Struct>(cast.Apply(Value(schema, new Struct(schema)))!.Value);
        var field = s.Schema.Field("n")!.Schema;
        Assert.True(field.IsOptional);
        Assert.Equal("5", field.DefaultValue);
        Assert.Equal("5", s.Get("n"));
    }

    [Fact]
    public void Cast_Tombstone_PassesThrough()
    {
        using var cast = Configured<CastValue>(("spec", "a:int8"));
        var record = Value(SchemaBuilder.Struct().Optional().Build(), null);
        Assert.Same(record, cast.Apply(record));
    }

    [Fact]
    public void Cast_UnparsableString_ThrowsDataExceptionWithValue()
    {
        using var cast = Configured<CastValue>(("spec", "int8"));
        var e = Assert.Throws<DataException>(() => cast.Apply(Value(Schema.String, "300")));
        Assert.Equal("Value (300) was out of range for requested data type", e.Message);
    }

    [Fact]
    public void Cast_BytesToNumber_ThrowsDataException()
    {
        using var cast = Configured<CastValue>(("spec", "int32"));
        var e = Assert.Throws<DataException>(() => cast.Apply(Value(Schema.Bytes, new byte[] { 1 })));
        Assert.StartsWith("Unexpected type in Cast transformation", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cast_StructFieldOfStructType_ThrowsNamingUnsupportedInput()
    {
        var inner = SchemaBuilder.Struct().Field("x", Schema.Int32).Build();
        var schema = SchemaBuilder.Struct().Field("inner", inner).Build();
        using var cast = Configured<CastValue>(("spec", "inner:string"));
        var e = Assert.Throws<DataException>(() => cast.Apply(Value(schema, new Struct(schema).Put("inner", new Struct(inner).Put("x", 1)))));
        Assert.StartsWith("Cast transformation does not support casting from STRUCT", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cast_SchemalessNonMapWithFieldSpec_ThrowsRequireMap()
    {
        using var cast = Configured<CastValue>(("spec", "a:int8"));
        var e = Assert.Throws<DataException>(() => cast.Apply(Value(null, "text")));
        Assert.Equal("Only Map objects supported in absence of schema for [cast types], found: System.String", e.Message);
    }

    [Theory]
    [InlineData("", "Must specify at least one field to cast.")]
    [InlineData("a:bytes", "Cast transformation does not support casting to BYTES")]
    [InlineData("a:nonsense", "Invalid type found in casting spec: nonsense")]
    [InlineData("int32,a:int8", "may ony specify a single cast in their spec")]
    [InlineData("a:b:c", "Invalid rename mapping: a:b:c")]
    public void Cast_BadSpec_ThrowsConfigExceptionNamingSpec(string spec, string message)
    {
        var e = Assert.Throws<ConfigException>(() => Configured<CastValue>(("spec", spec)));
        Assert.Equal("spec", e.Name);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cast_MissingSpec_ThrowsConfigException()
    {
        var e = Assert.Throws<ConfigException>(() => Configured<CastValue>());
        Assert.Equal("spec", e.Name);
    }
}
