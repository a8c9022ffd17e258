using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Runtime.Transforms;
using static Pipeline.Connect.Runtime.Tests.Transforms.TransformFixtures;

namespace Pipeline.Connect.Runtime.Tests.Transforms;

public class HeaderTransformTests
{
    [Fact]
    public void DropHeaders_ListedKeys_RemovedEveryOccurrenceOthersKept()
    {
        using var drop = Configured<DropHeaders>(("headers", "a, b"));
        var record = Value(Schema.String, "v");
        record.Headers.AddString("a", "1").AddString("keep", "2").AddString("a", "3").AddString("b", "4");
        var result = drop.Apply(record)!;
        Assert.Equal(["keep"], result.Headers.Select(h => h.Key));
        Assert.Equal(4, record.Headers.Count); // the input record is untouched
        Assert.Equal("v", result.Value);
    }

    [Fact]
    public void DropHeaders_EmptyList_ThrowsConfigException()
    {
        var e = Assert.Throws<ConfigException>(() => Configured<DropHeaders>(("headers", "")));
        Assert.Equal("headers", e.Name);
        Assert.Contains("Empty list", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Filter_AnyRecord_Dropped()
    {
        using var filter = Configured<Filter>();
        Assert.Null(filter.Apply(Value(Schema.String, "x")));
        Assert.Null(filter.Apply(Value(null, null)));
    }

    [Theory]
    [InlineData("hello", SchemaType.String, "hello")]
    [InlineData("42", SchemaType.Int8, (sbyte)42)]
    [InlineData("40000", SchemaType.Int32, 40000)]
    [InlineData("true", SchemaType.Boolean, true)]
    [InlineData("1.5", SchemaType.Float32, 1.5f)]
    public void InsertHeader_Literal_AddedWithInferredType(string literal, SchemaType type, object expected)
    {
        using var insert = Configured<InsertHeader>(("header", "h"), ("value.literal", literal));
        var record = Value(Schema.String, "v");
        var result = insert.Apply(record)!;
        var header = Assert.Single(result.Headers);
        Assert.Equal("h", header.Key);
        Assert.Equal(type, header.Schema!.Type);
        Assert.Equal(expected, header.Value);
        Assert.Empty(record.Headers);
    }

    [Fact]
    public void InsertHeader_MissingLiteral_ThrowsConfigExceptionNamingIt()
    {
        var e = Assert.Throws<ConfigException>(() => Configured<InsertHeader>(("header", "h")));
        Assert.Equal("value.literal", e.Name);
    }
}
