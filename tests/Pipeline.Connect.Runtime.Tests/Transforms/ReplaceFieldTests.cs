using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Runtime.Transforms;
using static Pipeline.Connect.Runtime.Tests.Transforms.TransformFixtures;

namespace Pipeline.Connect.Runtime.Tests.Transforms;

public class ReplaceFieldTests
{
    private static readonly Schema Schema1 = SchemaBuilder.Struct().Name("s").Version(3)
        .Field("dont", Schema.String)
        .Field("abc", Schema.Int32)
        .Field("foo", Schema.Boolean)
        .Field("etc", Schema.String)
        .Build();

    [Fact]
    public void ReplaceField_SchemafulExcludeAndRenames_Applied()
    {
        using var replace = Configured<ReplaceFieldValue>(("exclude", "dont"), ("renames", "abc:xyz,foo:bar"));
        var value = new Struct(Schema1).Put("dont", "whatever").Put("abc", 42).Put("foo", true).Put("etc", "etc");
        var s = Assert.IsType<Struct>(replace.Apply(Value(Schema1, value))!.Value);
        Assert.Equal(["xyz", "bar", "etc"], s.Schema.Fields.Select(f => f.Name));
        Assert.Equal("s", s.Schema.Name);
        Assert.Equal(3, s.Schema.Version);
        Assert.Equal(42, s.Get("xyz"));
        Assert.Equal(true, s.Get("bar"));
        Assert.Equal("etc", s.Get("etc"));
    }

    [Fact]
    public void ReplaceField_SchemalessIncludeWithExcludeOverlap_ExcludeWins()
    {
        using var replace = Configured<ReplaceFieldValue>(("include", "abc,foo"), ("exclude", "foo"), ("renames", "abc:xyz"));
        var map = AsMap(replace.Apply(Value(null, Map(("dont", 1), ("abc", 42), ("foo", true))))!.Value);
        Assert.Equal(["xyz"], map.Keys);
        Assert.Equal(42, map["xyz"]);
    }

    [Fact]
    public void ReplaceField_LegacyWhitelistBlacklist_StillWork()
    {
        using var replace = Configured<ReplaceFieldKey>(("whitelist", "abc,foo"), ("blacklist", "foo"));
        var map = AsMap(replace.Apply(Key(null, Map(("abc", 1), ("foo", 2), ("etc", 3))))!.Key);
        Assert.Equal(["abc"], map.Keys);
    }

    [Fact]
    public void ReplaceField_NewNameAndLegacyName_NewNameWins()
    {
        using var replace = Configured<ReplaceFieldValue>(("include", "foo"), ("whitelist", "abc"));
        var map = AsMap(replace.Apply(Value(null, Map(("abc", 1), ("foo", 2))))!.Value);
        Assert.Equal(["foo"], map.Keys);
    }

    [Fact]
    public void ReplaceField_Tombstone_PassesThrough()
    {
        using var replace = Configured<ReplaceFieldValue>(("exclude", "a"));
        var record = Value(Schema1, null);
        Assert.Same(record, replace.Apply(record));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("a:b:c")]
    public void ReplaceField_BadRename_ThrowsConfigExceptionNamingRenames(string mapping)
    {
        var e = Assert.Throws<ConfigException>(() => Configured<ReplaceFieldValue>(("renames", mapping)));
        Assert.Equal("renames", e.Name);
        Assert.Contains("Invalid rename mapping: " + mapping, e.Message, StringComparison.Ordinal);
    }
}
