using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Runtime.Transforms;
using static Pipeline.Connect.Runtime.Tests.Transforms.TransformFixtures;

namespace Pipeline.Connect.Runtime.Tests.Transforms;

public class HeaderFromTests
{
    private static readonly Schema Row = SchemaBuilder.Struct().Name("row").Field("id", Schema.Int64).Field("name", Schema.OptionalString).Build();

    [Fact]
    public void HeaderFrom_SchemafulCopy_AddsHeadersWithFieldSchemasAndKeepsValue()
    {
        using var transform = Configured<HeaderFromValue>(("fields", "id,name"), ("headers", "h_id,h_name"), ("operation", "copy"));
        var value = new Struct(Row).Put("id", 5L).Put("name", "n");
        var record = Value(Row, value);
        record.Headers.AddString("existing", "1");
        var result = transform.Apply(record)!;
        Assert.Same(value, result.Value);
        Assert.Equal(["existing", "h_id", "h_name"], result.Headers.Select(h => h.Key));
        Assert.Equal(5L, result.Headers.LastWithName("h_id")!.Value);
        Assert.Equal(Schema.Int64, result.Headers.LastWithName("h_id")!.Schema);
        Assert.Single(record.Headers);
    }

    [Fact]
    public void HeaderFrom_SchemafulMove_RemovesFieldFromSchema()
    {
        using var transform = Configured<HeaderFromValue>(("fields", "name"), ("headers", "h"), ("operation", "move"));
        var result = transform.Apply(Value(Row, new Struct(Row).Put("id", 5L).Put("name", "n")))!;
        var s = Assert.IsType<Struct>(result.Value);
        Assert.Equal(["id"], s.Schema.Fields.Select(f => f.Name));
        Assert.Equal("row", s.Schema.Name);
        Assert.Equal("n", result.Headers.LastWithName("h")!.Value);
    }

    [Fact]
    public void HeaderFrom_SchemalessKeyMove_RemovesEntry()
    {
        using var transform = Configured<HeaderFromKey>(("fields", "a,missing"), ("headers", "ha,hm"), ("operation", "move"));
        var result = transform.Apply(Key(null, Map(("a", 1), ("b", 2))))!;
        Assert.Equal(["b"], AsMap(result.Key).Keys);
        Assert.Equal(1, result.Headers.LastWithName("ha")!.Value);
        Assert.Null(result.Headers.LastWithName("hm")!.Value);
        Assert.Null(result.Headers.LastWithName("ha")!.Schema);
    }

    [Fact]
    public void HeaderFrom_Tombstone_PassesThrough()
    {
        using var transform = Configured<HeaderFromValue>(("fields", "a"), ("headers", "h"), ("operation", "copy"));
        var record = Value(null, null);
        Assert.Same(record, transform.Apply(record));
    }

    [Fact]
    public void HeaderFrom_DifferentLengths_ThrowsConfigException()
    {
        var e = Assert.Throws<ConfigException>(() => Configured<HeaderFromValue>(("fields", "a,b"), ("headers", "h"), ("operation", "copy")));
        Assert.Contains("'fields' config must have the same number of elements as 'headers' config.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HeaderFrom_UnknownOperation_ThrowsConfigExceptionNamingOperation()
    {
        var e = Assert.Throws<ConfigException>(() => Configured<HeaderFromValue>(("fields", "a"), ("headers", "h"), ("operation", "swap")));
        Assert.Equal("operation", e.Name);
    }
}
