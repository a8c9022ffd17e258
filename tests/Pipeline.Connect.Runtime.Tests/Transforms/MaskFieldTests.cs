using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Runtime.Transforms;
using static Pipeline.Connect.Runtime.Tests.Transforms.TransformFixtures;

namespace Pipeline.Connect.Runtime.Tests.Transforms;

public class MaskFieldTests
{
    private static readonly Schema Schema1 = SchemaBuilder.Struct()
        .Field("magic", Schema.Int32)
        .Field("bool", Schema.Boolean)
        .Field("long", Schema.Int64)
        .Field("double", Schema.Float64)
        .Field("string", Schema.String)
        .Field("date", ConnectDate.Schema)
        .Field("timestamp", ConnectTimestamp.Schema)
        .Field("decimal", ConnectDecimal.Schema(2))
        .Field("array", SchemaBuilder.Array(Schema.Int32).Build())
        .Field("map", SchemaBuilder.Map(Schema.String, Schema.String).Build())
        .Build();

    private static Struct Value1() => new Struct(Schema1)
        .Put("magic", 42).Put("bool", true).Put("long", 7L).Put("double", 1.5).Put("string", "secret")
        .Put("date", new DateOnly(2020, 5, 6)).Put("timestamp", DateTimeOffset.UtcNow).Put("decimal", 12.34m)
        .Put("array", new List<object?> { 1, 2 }).Put("map", new Dictionary<string, object?> { ["k"] = "v" });

    [Fact]
    public void MaskField_Schemaful_EmptyValuesPerType()
    {
        using var mask = Configured<MaskFieldValue>(("fields", "bool,long,double,string,date,timestamp,decimal,array,map"));
        var s = Assert.IsType<Struct>(mask.Apply(Value(Schema1, Value1()))!.Value);
        Assert.Same(Schema1, s.Schema);
        Assert.Equal(42, s.Get("magic"));
        Assert.Equal(false, s.Get("bool"));
        Assert.Equal(0L, s.Get("long"));
        Assert.Equal(0d, s.Get("double"));
        Assert.Equal("", s.Get("string"));
        Assert.Equal(new DateOnly(1970, 1, 1), s.Get("date"));
        Assert.Equal(DateTimeOffset.UnixEpoch, s.Get("timestamp"));
        Assert.Equal(0m, s.Get("decimal"));
        Assert.Empty(Assert.IsAssignableFrom<System.Collections.IList>(s.Get("array")));
        Assert.Empty(Assert.IsAssignableFrom<System.Collections.IDictionary>(s.Get("map")));
    }

    [Fact]
    public void MaskField_SchemalessWithReplacement_ParsesPerType()
    {
        using var mask = Configured<MaskFieldValue>(("fields", "i,s,d,absent"), ("replacement", "123"));
        var map = AsMap(mask.Apply(Value(null, Map(("i", 5), ("s", "x"), ("d", 2.5), ("keep", 1))))!.Value);
        Assert.Equal(123, map["i"]);
        Assert.Equal("123", map["s"]);
        Assert.Equal(123d, map["d"]);
        Assert.Equal(1, map["keep"]);
        Assert.False(map.ContainsKey("absent"));
    }

    [Fact]
    public void MaskField_KeyWithTextReplacementOnNumber_ThrowsUnableToConvert()
    {
        using var mask = Configured<MaskFieldKey>(("fields", "id"), ("replacement", "***"));
        var e = Assert.Throws<DataException>(() => mask.Apply(Key(null, Map(("id", 5)))));
        Assert.Equal("Unable to convert *** (System.String) to number", e.Message);
    }

    [Fact]
    public void MaskField_ReplacementOnBoolean_ThrowsCannotMask()
    {
        using var mask = Configured<MaskFieldValue>(("fields", "b"), ("replacement", "1"));
        var e = Assert.Throws<DataException>(() => mask.Apply(Value(null, Map(("b", true)))));
        Assert.StartsWith("Cannot mask value of type System.Boolean with custom replacement", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MaskField_Tombstone_PassesThrough()
    {
        using var mask = Configured<MaskFieldValue>(("fields", "a"));
        var record = Value(null, null);
        Assert.Same(record, mask.Apply(record));
    }

    [Theory]
    [InlineData("fields", "")]
    [InlineData("replacement", " ")]
    public void MaskField_BadConfig_ThrowsConfigExceptionNamingSetting(string setting, string value)
    {
        var configs = new Dictionary<string, string> { ["fields"] = "a", [setting] = value };
        var e = Assert.Throws<ConfigException>(() => new MaskFieldValue().Configure(configs));
        Assert.Equal(setting, e.Name);
    }
}
