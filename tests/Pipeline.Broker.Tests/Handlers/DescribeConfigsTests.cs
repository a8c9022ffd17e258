using Pipeline.Broker.Tests.Support;
using Pipeline.Protocol;
using Xunit;

namespace Pipeline.Broker.Tests.Handlers;

/// <summary>
/// DescribeConfigs (32) for topics and the broker: every topic config with its effective value and
/// source, IsDefault (v0), synonyms and documentation only when asked, types (v3+), a subset of
/// keys, and Kafka's errors for unknown topics, bad names and other brokers.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DescribeConfigsTests : IClassFixture<BrokerFixture>
{
    private const sbyte TopicConfigSource = 1;
    private const sbyte StaticBrokerSource = 4;
    private const sbyte DefaultSource = 5;

    private readonly BrokerFixture _fixture;

    public DescribeConfigsTests(BrokerFixture fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task DescribeConfigs_Topic_ListsEveryConfigWithValueAndSource(short version)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("describe");
        await client.CreateTopicOrFailAsync(topic, 1, ("retention.ms", "3600000"));

        var result = await client.DescribeConfigsAsync(AdminRequests.TopicResource, topic, version: version);

        Expect.NoError(result.ErrorCode, result.ErrorMessage);
        Assert.Equal(topic, result.ResourceName);
        var configs = result.Configs.ToDictionary(c => c.Name);
        Assert.Equal(result.Configs.Count, configs.Count);
        foreach (var key in new[] { "cleanup.policy", "compression.type", "max.message.bytes", "message.timestamp.type", "min.insync.replicas", "retention.bytes", "segment.bytes", "segment.ms" })
        {
            Assert.True(configs.ContainsKey(key), $"{key} is missing");
        }

        Assert.Equal(("3600000", TopicConfigSource), (configs["retention.ms"].Value, configs["retention.ms"].ConfigSource));
        Assert.Equal(("delete", DefaultSource), (configs["cleanup.policy"].Value, configs["cleanup.policy"].ConfigSource));
        Assert.Equal("1048588", configs["max.message.bytes"].Value);
        Assert.All(result.Configs, c => Assert.False(c.ReadOnly, $"{c.Name} is read-only"));
        Assert.All(result.Configs, c => Assert.Empty(c.Synonyms));
    }

    [Fact]
    public async Task DescribeConfigs_TopicV0_MarksDefaultsWithIsDefault()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("describe-v0");
        await client.CreateTopicOrFailAsync(topic, 1, ("retention.ms", "3600000"));

        var result = await client.DescribeConfigsAsync(AdminRequests.TopicResource, topic, version: 0);

        var configs = result.Configs.ToDictionary(c => c.Name);
        Assert.False(configs["retention.ms"].IsDefault);
        Assert.True(configs["cleanup.policy"].IsDefault);
    }

    [Fact]
    public async Task DescribeConfigs_WithSynonyms_ListsTheOverrideThenTheBrokerDefaults()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("synonyms");
        await client.CreateTopicOrFailAsync(topic, 1, ("retention.ms", "3600000"));

        var result = await client.DescribeConfigsAsync(AdminRequests.TopicResource, topic, ["retention.ms", "segment.bytes"], synonyms: true);

        var retention = result.Configs.Single(c => c.Name == "retention.ms");
        Assert.Equal(("retention.ms", "3600000", TopicConfigSource), (retention.Synonyms[0].Name, retention.Synonyms[0].Value, retention.Synonyms[0].Source));
        Assert.Contains(retention.Synonyms, s => s.Name == "log.retention.hours" && s.Value == "168" && s.Source == DefaultSource);
        var segment = result.Configs.Single(c => c.Name == "segment.bytes");
        Assert.Equal(DefaultSource, segment.ConfigSource);
        Assert.Contains(segment.Synonyms, s => s.Name == "log.segment.bytes" && s.Source == DefaultSource);
        Assert.DoesNotContain(segment.Synonyms, s => s.Source == TopicConfigSource);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public async Task DescribeConfigs_V3Plus_ReportsTypesAndDocumentationWhenAsked(short version)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("docs");
        await client.CreateTopicOrFailAsync(topic);
        string[] keys = ["cleanup.policy", "retention.ms", "segment.bytes", "compression.type", "min.cleanable.dirty.ratio", "unclean.leader.election.enable"];

        var withDocs = await client.DescribeConfigsAsync(AdminRequests.TopicResource, topic, keys, documentation: true, version: version);
        var withoutDocs = await client.DescribeConfigsAsync(AdminRequests.TopicResource, topic, keys, version: version);

        var configs = withDocs.Configs.ToDictionary(c => c.Name);
        Assert.Equal(keys.Order(), configs.Keys.Order());
        Assert.All(withDocs.Configs, c => Assert.False(string.IsNullOrWhiteSpace(c.Documentation), $"{c.Name} has no documentation"));
        Assert.All(withoutDocs.Configs, c => Assert.Null(c.Documentation));

        // Kafka's ConfigType ids: BOOLEAN 1, STRING 2, INT 3, LONG 5, DOUBLE 6, LIST 7.
        Assert.Equal(7, configs["cleanup.policy"].ConfigType);
        Assert.Equal(5, configs["retention.ms"].ConfigType);
        Assert.Equal(3, configs["segment.bytes"].ConfigType);
        Assert.Equal(2, configs["compression.type"].ConfigType);
        Assert.Equal(6, configs["min.cleanable.dirty.ratio"].ConfigType);
        Assert.Equal(1, configs["unclean.leader.election.enable"].ConfigType);
    }

    [Fact]
    public async Task DescribeConfigs_SpecificKeys_ReturnsOnlyThoseThatExist()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("keys");
        await client.CreateTopicOrFailAsync(topic);

        var result = await client.DescribeConfigsAsync(AdminRequests.TopicResource, topic, ["segment.ms", "no.such.key"]);

        Assert.Equal(["segment.ms"], result.Configs.Select(c => c.Name));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public async Task DescribeConfigs_UnknownTopic_IsUnknownTopicOrPartition(short version)
    {
        await using var client = await _fixture.ConnectAsync();

        var result = await client.DescribeConfigsAsync(AdminRequests.TopicResource, TestTopics.Unique("nope"), version: version);

        Expect.Error(ErrorCode.UnknownTopicOrPartition, result.ErrorCode);
        Assert.Empty(result.Configs);
    }

    [Fact]
    public async Task DescribeConfigs_InvalidTopicName_IsInvalidTopicException()
    {
        await using var client = await _fixture.ConnectAsync();

        var result = await client.DescribeConfigsAsync(AdminRequests.TopicResource, "not valid!");

        Expect.Error(ErrorCode.InvalidTopicException, result.ErrorCode);
        Assert.False(string.IsNullOrEmpty(result.ErrorMessage));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task DescribeConfigs_ThisBroker_ListsStaticAndDefaultSettingsReadOnly(short version)
    {
        await using var client = await _fixture.ConnectAsync();

        var result = await client.DescribeConfigsAsync(AdminRequests.BrokerResource, _fixture.NodeId.ToString(System.Globalization.CultureInfo.InvariantCulture), synonyms: true, version: version);

        Expect.NoError(result.ErrorCode, result.ErrorMessage);
        var configs = result.Configs.ToDictionary(c => c.Name);
        Assert.Equal(("1", StaticBrokerSource), (configs["num.partitions"].Value, configs["num.partitions"].ConfigSource));
        Assert.Equal(("168", DefaultSource), (configs["log.retention.hours"].Value, configs["log.retention.hours"].ConfigSource));
        Assert.Equal(("true", StaticBrokerSource), (configs["auto.create.topics.enable"].Value, configs["auto.create.topics.enable"].ConfigSource));
        Assert.Contains(configs["num.partitions"].Synonyms, s => s.Name == "num.partitions" && s.Source == StaticBrokerSource);
        Assert.All(result.Configs, c => Assert.True(c.ReadOnly, $"{c.Name} is not read-only"));
    }

    [Fact]
    public async Task DescribeConfigs_EmptyBrokerName_ListsTheClusterWideDynamicDefaultsOfWhichThereAreNone()
    {
        await using var client = await _fixture.ConnectAsync();

        var result = await client.DescribeConfigsAsync(AdminRequests.BrokerResource, string.Empty);

        Expect.NoError(result.ErrorCode, result.ErrorMessage);
        Assert.Empty(result.Configs);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("one")]
    public async Task DescribeConfigs_OtherOrMalformedBroker_IsInvalidRequest(string name)
    {
        await using var client = await _fixture.ConnectAsync();

        var result = await client.DescribeConfigsAsync(AdminRequests.BrokerResource, name);

        Expect.Error(ErrorCode.InvalidRequest, result.ErrorCode);
        Assert.False(string.IsNullOrEmpty(result.ErrorMessage));
    }
}
