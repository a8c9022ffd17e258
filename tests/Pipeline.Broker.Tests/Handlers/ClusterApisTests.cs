using Pipeline.Broker.Tests.Support;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using Pipeline.Testing.Kafka;
using Xunit;

namespace Pipeline.Broker.Tests.Handlers;

/// <summary>DescribeCluster (60), FindCoordinator (10), OffsetForLeaderEpoch (23) and DescribeLogDirs (35).</summary>
[Trait("Category", "Integration")]
public sealed class ClusterApisTests : IClassFixture<BrokerFixture>
{
    private readonly BrokerFixture _fixture;

    public ClusterApisTests(BrokerFixture fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task DescribeCluster_DescribesThisNodeAsBrokerAndController(short version)
    {
        await using var client = await _fixture.ConnectAsync();

        var response = await client.SendAsync<DescribeClusterResponse>(new DescribeClusterRequest { IncludeClusterAuthorizedOperations = true }, version);

        Expect.NoError(response.ErrorCode, response.ErrorMessage);
        Assert.Equal(_fixture.Broker.Server.ClusterId, response.ClusterId);
        Assert.Equal(_fixture.NodeId, response.ControllerId);
        var broker = Assert.Single(response.Brokers);
        Assert.Equal((_fixture.NodeId, _fixture.Broker.Host, _fixture.Broker.Port), (broker.BrokerId, broker.Host, broker.Port));
        Assert.NotEqual(int.MinValue, response.ClusterAuthorizedOperations);
    }

    [Fact]
    public async Task DescribeCluster_ControllerEndpointsFromABroker_IsUnsupportedEndpointType()
    {
        await using var client = await _fixture.ConnectAsync();

        var response = await client.SendAsync<DescribeClusterResponse>(new DescribeClusterRequest { EndpointType = 2 }, 1);

        Expect.Error(ErrorCode.UnsupportedEndpointType, response.ErrorCode);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(3, 0)]
    public async Task FindCoordinator_SingleKey_IsThisNode(short version, sbyte keyType)
    {
        await using var client = await _fixture.ConnectAsync();

        var response = await client.SendAsync<FindCoordinatorResponse>(new FindCoordinatorRequest { KeyValue = "my-group", KeyType = keyType }, version);

        Expect.NoError(response.ErrorCode, response.ErrorMessage);
        Assert.Equal((_fixture.NodeId, _fixture.Broker.Host, _fixture.Broker.Port), (response.NodeId, response.Host, response.Port));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(6)]
    public async Task FindCoordinator_V4PlusBatch_AnswersEveryKey(short version)
    {
        await using var client = await _fixture.ConnectAsync();

        var response = await client.SendAsync<FindCoordinatorResponse>(new FindCoordinatorRequest { KeyType = 0, CoordinatorKeys = ["g1", "g2", "g3"] }, version);

        Assert.Equal(["g1", "g2", "g3"], response.Coordinators.Select(c => c.Key));
        Assert.All(response.Coordinators, c =>
        {
            Expect.NoError(c.ErrorCode, c.ErrorMessage);
            Assert.Equal((_fixture.NodeId, _fixture.Broker.Port), (c.NodeId, c.Port));
        });
    }

    [Fact]
    public async Task FindCoordinator_UnknownKeyType_IsInvalidRequest()
    {
        await using var client = await _fixture.ConnectAsync();

        var response = await client.SendAsync<FindCoordinatorResponse>(new FindCoordinatorRequest { KeyValue = "x", KeyType = 9 }, 3);

        Expect.Error(ErrorCode.InvalidRequest, response.ErrorCode);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task OffsetForLeaderEpoch_CurrentEpoch_EndsAtTheLogEnd(short version)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("epochs");
        await client.CreateTopicOrFailAsync(topic);
        await client.ProduceAsync(topic, 0, TestRecord.Of("a", "1"), TestRecord.Of("a", "2"));
        await client.ProduceAsync(topic, 0, TestRecord.Of("a", "3"));

        var current = await EpochEndAsync(client, topic, 0, leaderEpoch: 0, currentLeaderEpoch: 0, version);
        var future = await EpochEndAsync(client, topic, 0, leaderEpoch: 5, currentLeaderEpoch: -1, version);

        Expect.NoError(current.ErrorCode);
        Assert.Equal((0, 3L), (current.LeaderEpoch, current.EndOffset));
        Expect.NoError(future.ErrorCode);
        Assert.Equal((-1, -1L), (future.LeaderEpoch, future.EndOffset));
    }

    [Fact]
    public async Task OffsetForLeaderEpoch_EmptyPartition_EpochZeroEndsAtZero()
    {
        // Kafka records the leader epoch's start offset when the leader is elected, so even an
        // empty partition knows epoch 0 (consumers validate their position against it, KIP-320).
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("epochs-empty");
        await client.CreateTopicOrFailAsync(topic);

        var result = await EpochEndAsync(client, topic, 0, leaderEpoch: 0, currentLeaderEpoch: 0, 4);

        Expect.NoError(result.ErrorCode);
        Assert.Equal((0, 0L), (result.LeaderEpoch, result.EndOffset));
    }

    [Fact]
    public async Task OffsetForLeaderEpoch_NewerCurrentEpochThanTheLeaders_IsUnknownLeaderEpoch()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("epochs-fenced");
        await client.CreateTopicOrFailAsync(topic);

        var result = await EpochEndAsync(client, topic, 0, leaderEpoch: 0, currentLeaderEpoch: 3, 4);

        Expect.Error(ErrorCode.UnknownLeaderEpoch, result.ErrorCode);
    }

    [Fact]
    public async Task OffsetForLeaderEpoch_UnknownPartition_IsUnknownTopicOrPartition()
    {
        await using var client = await _fixture.ConnectAsync();

        var result = await EpochEndAsync(client, TestTopics.Unique("epochs-none"), 0, 0, -1, 4);

        Expect.Error(ErrorCode.UnknownTopicOrPartition, result.ErrorCode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task DescribeLogDirs_AllTopics_ReportsThePartitionsAndTheirSizes(short version)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("dirs");
        await client.CreateTopicOrFailAsync(topic, 2);
        var batch = TestRecordBatch.Build([TestRecord.Of("k", "some value")]);
        await client.ProduceAsync(topic, 1, batch);

        var response = await client.SendAsync<DescribeLogDirsResponse>(new DescribeLogDirsRequest { Topics = null }, version);

        var dir = Assert.Single(response.Results);
        Expect.NoError(dir.ErrorCode);
        Assert.Equal(Path.GetFullPath(_fixture.Broker.LogDir), dir.LogDir);
        var t = dir.Topics.Single(x => x.Name == topic);
        Assert.Equal([0, 1], t.Partitions.Select(p => p.PartitionIndex).Order());
        Assert.Equal(0, t.Partitions.Single(p => p.PartitionIndex == 0).PartitionSize);
        Assert.Equal(batch.Length, t.Partitions.Single(p => p.PartitionIndex == 1).PartitionSize);
        Assert.All(t.Partitions, p => Assert.False(p.IsFutureKey));
        if (version >= 4)
        {
            Assert.True(dir.TotalBytes > 0 && dir.UsableBytes > 0 && dir.UsableBytes <= dir.TotalBytes, $"total {dir.TotalBytes}, usable {dir.UsableBytes}");
        }
    }

    [Fact]
    public async Task DescribeLogDirs_SomePartitions_ReportsOnlyThose()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("dirs-some");
        await client.CreateTopicOrFailAsync(topic, 3);

        var response = await client.SendAsync<DescribeLogDirsResponse>(
            new DescribeLogDirsRequest { Topics = [new() { Topic = topic, Partitions = [2] }, new() { Topic = TestTopics.Unique("dirs-absent"), Partitions = [0] }] }, 4);

        var t = Assert.Single(Assert.Single(response.Results).Topics);
        Assert.Equal(topic, t.Name);
        Assert.Equal([2], t.Partitions.Select(p => p.PartitionIndex));
    }

    private static async Task<OffsetForLeaderEpochResponse.EpochEndOffset> EpochEndAsync(KafkaTestClient client, string topic, int partition, int leaderEpoch, int currentLeaderEpoch, short version)
    {
        var request = new OffsetForLeaderEpochRequest
        {
            ReplicaId = -1,
            Topics = [new() { Topic = topic, Partitions = [new() { Partition = partition, LeaderEpoch = leaderEpoch, CurrentLeaderEpoch = currentLeaderEpoch }] }],
        };
        return (await client.SendAsync<OffsetForLeaderEpochResponse>(request, version)).Topics.Single().Partitions.Single();
    }
}
