using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Runtime.Transforms;
using static Pipeline.Connect.Runtime.Tests.Transforms.TransformFixtures;

namespace Pipeline.Connect.Runtime.Tests.Transforms;

public class SchemaMetadataAndValueToKeyTests
{
    private static readonly Schema Row = SchemaBuilder.Struct().Name("row")
        .Field("a", Schema.Int32)
        .Field("b", Schema.Int32)
        .Field("c", SchemaBuilder.Int32().Optional().DefaultValue(7).Build())
        .Build();

    [Fact]
    public void SetSchemaMetadata_StructValue_RenamedSchemaAndStructMoved()
    {
        using var set = Configured<SetSchemaMetadataValue>(("schema.name", "foo"), ("schema.version", "42"));
        var result = set.Apply(Value(Row, new Struct(Row).Put("a", 1).Put("b", 2)))!;
        Assert.Equal("foo", result.ValueSchema!.Name);
        Assert.Equal(42, result.ValueSchema.Version);
        var s = Assert.IsType<Struct>(result.Value);
        Assert.Same(result.ValueSchema, s.Schema);
        Assert.Equal(1, s.Get("a"));
        Assert.Equal(7, s.Get("c"));
    }

    [Fact]
    public void SetSchemaMetadata_PrimitiveKeyVersionOnly_KeepsName()
    {
        using var set = Configured<SetSchemaMetadataKey>(("schema.version", "3"));
        var result = set.Apply(Key(SchemaBuilder.String().Name("k").Build(), "id"))!;
        Assert.Equal("k", result.KeySchema!.Name);
        Assert.Equal(3, result.KeySchema.Version);
        Assert.Equal("id", result.Key);
    }

    [Fact]
    public void SetSchemaMetadata_Schemaless_ThrowsSchemaRequired()
    {
        using var set = Configured<SetSchemaMetadataValue>(("schema.name", "foo"));
        var e = Assert.Throws<DataException>(() => set.Apply(Value(null, Map(("a", 1)))));
        Assert.Equal("Schema required for [updating schema metadata]", e.Message);
    }

    [Fact]
    public void SetSchemaMetadata_NothingConfigured_ThrowsConfigException()
    {
        var e = Assert.Throws<ConfigException>(() => Configured<SetSchemaMetadataValue>());
        Assert.Contains("Neither schema name nor version configured", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetSchemaMetadata_BadVersion_ThrowsConfigExceptionNamingIt()
    {
        var e = Assert.Throws<ConfigException>(() => Configured<SetSchemaMetadataValue>(("schema.version", "x")));
        Assert.Equal("schema.version", e.Name);
    }

    [Fact]
    public void ValueToKey_Schemaful_KeyStructOfFields()
    {
        using var v2k = Configured<ValueToKey>(("fields", "a,b"));
        var value = new Struct(Row).Put("a", 1).Put("b", 2);
        var first = v2k.Apply(Value(Row, value))!;
        var second = v2k.Apply(Value(Row, value))!;
        var key = Assert.IsType<Struct>(first.Key);
        Assert.Equal(["a", "b"], key.Schema.Fields.Select(f => f.Name));
        Assert.Equal(1, key.Get("a"));
        Assert.Equal(2, key.Get("b"));
        Assert.Same(value, first.Value);
        Assert.Same(first.KeySchema, second.KeySchema);
    }

    [Fact]
    public void ValueToKey_Schemaless_KeyMapAndTombstoneGivesNulls()
    {
        using var v2k = Configured<ValueToKey>(("fields", "a"));
        Assert.Equal(1, AsMap(v2k.Apply(Value(null, Map(("a", 1), ("b", 2))))!.Key)["a"]);
        var tombstone = AsMap(v2k.Apply(Value(null, null))!.Key);
        Assert.True(tombstone.ContainsKey("a"));
        Assert.Null(tombstone["a"]);
    }

    [Fact]
    public void ValueToKey_MissingField_ThrowsNamingField()
    {
        using var v2k = Configured<ValueToKey>(("fields", "a,zzz"));
        var e = Assert.Throws<DataException>(() => v2k.Apply(Value(Row, new Struct(Row).Put("a", 1).Put("b", 2))));
        Assert.Equal("Field does not exist: zzz", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a,a")]
    public void ValueToKey_BadFields_ThrowsConfigExceptionNamingFields(string fields)
    {
        var e = Assert.Throws<ConfigException>(() => Configured<ValueToKey>(("fields", fields)));
        Assert.Equal("fields", e.Name);
    }
}
