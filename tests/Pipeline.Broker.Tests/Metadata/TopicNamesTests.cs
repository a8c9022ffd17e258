using Pipeline.Broker.Metadata;
using Xunit;

namespace Pipeline.Broker.Tests.Metadata;

/// <summary>Kafka's topic name rules (org.apache.kafka.common.internals.Topic).</summary>
public sealed class TopicNamesTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("orders")]
    [InlineData("Orders.v2_final-1")]
    [InlineData("...")]
    [InlineData("__consumer_offsets")]
    public void Validate_LegalName_ReturnsNull(string name) => Assert.Null(TopicNames.Validate(name));

    [Fact]
    public void Validate_249Characters_IsLegalAnd250IsNot()
    {
        Assert.Null(TopicNames.Validate(new string('a', 249)));
        Assert.Contains("249", TopicNames.Validate(new string('a', 250)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("with space")]
    [InlineData("tab\there")]
    [InlineData("slash/name")]
    [InlineData("colon:name")]
    [InlineData("é")]
    [InlineData("star*")]
    public void Validate_IllegalName_SaysWhy(string? name) => Assert.False(string.IsNullOrEmpty(TopicNames.Validate(name)));

    [Theory]
    [InlineData("__consumer_offsets", true)]
    [InlineData("__transaction_state", true)]
    [InlineData("__other", false)]
    [InlineData("consumer_offsets", false)]
    public void IsInternal_OnlyKafkasInternalTopics(string name, bool expected) => Assert.Equal(expected, TopicNames.IsInternal(name));

    [Fact]
    public void Normalize_DotsAndUnderscoresCollide()
    {
        Assert.Equal(TopicNames.Normalize("a.b_c"), TopicNames.Normalize("a_b.c"));
        Assert.NotEqual(TopicNames.Normalize("a.b"), TopicNames.Normalize("a-b"));
    }
}
