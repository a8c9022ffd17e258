using Pipeline.Broker.Tests.Support;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using Pipeline.Protocol.Primitives;
using Pipeline.Testing.Kafka;
using Xunit;

namespace Pipeline.Broker.Tests.Handlers;

/// <summary>
/// Metadata (3): which topics an empty or null list means per version, auto-creation (broker
/// setting and, v4+, the request flag), invalid names, the broker and controller, partition
/// state, topic ids (v10+) and lookup by id (v12+).
/// </summary>
[Trait("Category", "Integration")]
public sealed class MetadataTests : IClassFixture<BrokerFixture>
{
    private readonly BrokerFixture _fixture;

    public MetadataTests(BrokerFixture fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(9)]
    [InlineData(12)]
    public async Task Metadata_NullTopicList_DescribesEveryTopicAndTheBroker(short version)
    {
        await using var client = await _fixture.ConnectAsync();
        var a = TestTopics.Unique("all-a");
        var b = TestTopics.Unique("all-b");
        await client.CreateTopicOrFailAsync(a, 2);
        await client.CreateTopicOrFailAsync(b, 1);

        var response = await client.SendAsync<MetadataResponse>(new MetadataRequest { Topics = null, AllowAutoTopicCreation = false }, version);

        var broker = Assert.Single(response.Brokers);
        Assert.Equal(_fixture.NodeId, broker.NodeId);
        Assert.Equal(_fixture.Broker.Host, broker.Host);
        Assert.Equal(_fixture.Broker.Port, broker.Port);
        Assert.Equal(_fixture.NodeId, response.ControllerId);
        Assert.Equal(2, response.Topics.Single(t => t.Name == a).Partitions.Count);
        Assert.Single(response.Topics.Single(t => t.Name == b).Partitions);
        Assert.All(response.Topics, t => Expect.NoError(t.ErrorCode));
    }

    [Fact]
    public async Task Metadata_V0EmptyTopicList_DescribesEveryTopic()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("v0-all");
        await client.CreateTopicOrFailAsync(topic);

        var response = await client.SendAsync<MetadataResponse>(new MetadataRequest { Topics = [] }, 0);

        Assert.Contains(response.Topics, t => t.Name == topic);
        Assert.Single(response.Brokers);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(12)]
    public async Task Metadata_EmptyTopicListV1Plus_DescribesNoTopicButTheBroker(short version)
    {
        await using var client = await _fixture.ConnectAsync();
        await client.CreateTopicOrFailAsync(TestTopics.Unique("none"));

        var response = await client.SendAsync<MetadataResponse>(new MetadataRequest { Topics = [] }, version);

        Assert.Empty(response.Topics);
        Assert.Single(response.Brokers);
        Assert.Equal(_fixture.NodeId, response.ControllerId);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Metadata_UnknownTopicBeforeV4_IsAutoCreated(short version)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("auto-old");

        var response = await client.SendAsync<MetadataResponse>(new MetadataRequest { Topics = [new() { Name = topic }] }, version);

        await AssertAutoCreatedAsync(client, topic, response.Topics.Single());
    }

    [Theory]
    [InlineData(4)]
    [InlineData(9)]
    [InlineData(12)]
    public async Task Metadata_UnknownTopicWithAllowAutoTopicCreation_IsAutoCreated(short version)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("auto");

        var response = await client.SendAsync<MetadataResponse>(new MetadataRequest { Topics = [new() { Name = topic }], AllowAutoTopicCreation = true }, version);

        await AssertAutoCreatedAsync(client, topic, response.Topics.Single());
    }

    [Theory]
    [InlineData(4)]
    [InlineData(12)]
    public async Task Metadata_UnknownTopicWithoutAllowAutoTopicCreation_IsUnknownAndNotCreated(short version)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("no-auto");

        var response = await client.SendAsync<MetadataResponse>(new MetadataRequest { Topics = [new() { Name = topic }], AllowAutoTopicCreation = false }, version);

        var t = response.Topics.Single();
        Expect.Error(ErrorCode.UnknownTopicOrPartition, t.ErrorCode);
        Assert.Equal(topic, t.Name);
        Assert.Empty(t.Partitions);
        Assert.False(await client.TopicExistsAsync(topic));
    }

    [Theory]
    [InlineData(1, "bad name")]
    [InlineData(4, "a/b")]
    [InlineData(12, "..")]
    [InlineData(12, "")]
    public async Task Metadata_InvalidTopicName_IsInvalidTopicExceptionEvenWithAutoCreation(short version, string name)
    {
        await using var client = await _fixture.ConnectAsync();

        var response = await client.SendAsync<MetadataResponse>(new MetadataRequest { Topics = [new() { Name = name }], AllowAutoTopicCreation = true }, version);

        var t = response.Topics.Single();
        Expect.Error(ErrorCode.InvalidTopicException, t.ErrorCode);
        Assert.Equal(name, t.Name);
        var all = await client.SendAsync<MetadataResponse>(new MetadataRequest { Topics = null }, 12);
        Assert.DoesNotContain(all.Topics, x => x.Name == name);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(12)]
    public async Task Metadata_Partitions_AreLedByThisNodeWithItAsTheOnlyReplica(short version)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("partitions");
        await client.CreateTopicOrFailAsync(topic, 3);

        var response = await client.SendAsync<MetadataResponse>(new MetadataRequest { Topics = [new() { Name = topic }], AllowAutoTopicCreation = false }, version);

        var t = response.Topics.Single();
        Expect.NoError(t.ErrorCode);
        Assert.False(t.IsInternal);
        Assert.Equal([0, 1, 2], t.Partitions.Select(p => p.PartitionIndex).Order());
        foreach (var p in t.Partitions)
        {
            Expect.NoError(p.ErrorCode);
            Assert.Equal(_fixture.NodeId, p.LeaderId);
            Assert.Equal([_fixture.NodeId], p.ReplicaNodes);
            Assert.Equal([_fixture.NodeId], p.IsrNodes);
            Assert.Empty(p.OfflineReplicas);
            if (version >= 7)
            {
                Assert.Equal(0, p.LeaderEpoch);
            }
        }
    }

    [Fact]
    public async Task Metadata_ClusterIdV2_IsTheOneDescribeClusterReports()
    {
        await using var client = await _fixture.ConnectAsync();

        var metadata = await client.SendAsync<MetadataResponse>(new MetadataRequest { Topics = [] }, 2);
        var cluster = await client.SendAsync<DescribeClusterResponse>(new DescribeClusterRequest(), 0);

        Assert.False(string.IsNullOrEmpty(metadata.ClusterId));
        Assert.Equal(cluster.ClusterId, metadata.ClusterId);
        Assert.Equal(_fixture.Broker.Server.ClusterId, metadata.ClusterId);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(12)]
    public async Task Metadata_V10Plus_ReportsTheTopicIdCreateTopicsReturned(short version)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("ids");
        var id = await client.CreateTopicOrFailAsync(topic);

        var response = await client.SendAsync<MetadataResponse>(new MetadataRequest { Topics = [new() { Name = topic }], AllowAutoTopicCreation = false }, version);

        Assert.False(id.IsZero);
        Assert.Equal(id, response.Topics.Single().TopicId);
    }

    [Fact]
    public async Task Metadata_V12ById_DescribesThatTopic()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("by-id");
        var id = await client.CreateTopicOrFailAsync(topic, 2);

        var response = await client.SendAsync<MetadataResponse>(new MetadataRequest { Topics = [new() { Name = null, TopicId = id }], AllowAutoTopicCreation = false }, 12);

        var t = response.Topics.Single();
        Expect.NoError(t.ErrorCode);
        Assert.Equal(topic, t.Name);
        Assert.Equal(id, t.TopicId);
        Assert.Equal(2, t.Partitions.Count);
    }

    [Fact]
    public async Task Metadata_V12UnknownId_IsUnknownTopicIdWithoutName()
    {
        await using var client = await _fixture.ConnectAsync();
        var id = Uuid.NewRandom();

        var response = await client.SendAsync<MetadataResponse>(new MetadataRequest { Topics = [new() { Name = null, TopicId = id }] }, 12);

        var t = response.Topics.Single();
        Expect.Error(ErrorCode.UnknownTopicId, t.ErrorCode);
        Assert.Null(t.Name);
        Assert.Equal(id, t.TopicId);
        Assert.Empty(t.Partitions);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(11)]
    public async Task Metadata_TopicIdBeforeV12_IsInvalidRequest(short version)
    {
        // Kafka serves lookups by id from v12 on; v10 and v11 carry the field but must leave it zero.
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("id-v10");
        var id = await client.CreateTopicOrFailAsync(topic);

        var response = await client.SendAsync<MetadataResponse>(new MetadataRequest { Topics = [new() { Name = null, TopicId = id }] }, version);

        Expect.Error(ErrorCode.InvalidRequest, response.Topics.Single().ErrorCode);
    }

    private async Task AssertAutoCreatedAsync(KafkaTestClient client, string topic, MetadataResponse.MetadataResponseTopic first)
    {
        // Kafka (KRaft) answers UNKNOWN_TOPIC_OR_PARTITION while the controller creates the topic,
        // older Kafka LEADER_NOT_AVAILABLE; creating it before answering is just as valid.
        Assert.Equal(topic, first.Name);
        Assert.True(
            first.ErrorCode is (short)ErrorCode.None or (short)ErrorCode.LeaderNotAvailable or (short)ErrorCode.UnknownTopicOrPartition,
            $"auto-creation answered {(ErrorCode)first.ErrorCode}");
        if (first.ErrorCode == 0)
        {
            Assert.Single(first.Partitions);
        }

        var now = await client.TopicMetadataAsync(topic);
        Expect.NoError(now.ErrorCode);
        Assert.Equal(int.Parse(_fixture.Broker.Properties["num.partitions"], System.Globalization.CultureInfo.InvariantCulture), now.Partitions.Count);
    }
}
