using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Runtime.Transforms.Predicates;
using static Pipeline.Connect.Runtime.Tests.Transforms.TransformFixtures;

namespace Pipeline.Connect.Runtime.Tests.Transforms;

public class PredicateTests
{
    [Fact]
    public void HasHeaderKey_HeaderPresent_True()
    {
        using var predicate = ConfiguredPredicate<HasHeaderKey>(("name", "trace"));
        var with = Value(Schema.String, "v");
        with.Headers.AddString("other", "1").AddString("trace", null);
        Assert.True(predicate.Test(with));
        Assert.False(predicate.Test(Value(Schema.String, "v")));
    }

    [Fact]
    public void HasHeaderKey_EmptyName_ThrowsConfigException()
    {
        var e = Assert.Throws<ConfigException>(() => ConfiguredPredicate<HasHeaderKey>(("name", "")));
        Assert.Equal("name", e.Name);
    }

    [Fact]
    public void RecordIsTombstone_NullValue_True()
    {
        using var predicate = ConfiguredPredicate<RecordIsTombstone>();
        Assert.True(predicate.Test(Value(Schema.OptionalString, null)));
        Assert.False(predicate.Test(Value(Schema.String, "")));
    }

    [Theory]
    [InlineData("orders.*", "orders-eu", true)]
    [InlineData("orders", "orders-eu", false)]
    [InlineData("a|b", "b", true)]
    public void TopicNameMatches_WholeTopic_Matched(string pattern, string topic, bool expected)
    {
        using var predicate = ConfiguredPredicate<TopicNameMatches>(("pattern", pattern));
        Assert.Equal(expected, predicate.Test(new Api.Source.SourceRecord(null, null, topic, Schema.String, "v")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("[a-")]
    public void TopicNameMatches_BadPattern_ThrowsConfigExceptionNamingPattern(string pattern)
    {
        var e = Assert.Throws<ConfigException>(() => ConfiguredPredicate<TopicNameMatches>(("pattern", pattern)));
        Assert.Equal("pattern", e.Name);
    }
}
