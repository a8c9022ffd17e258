using Pipeline.Broker.Tests.Support;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using Pipeline.Testing.Kafka;
using Xunit;

namespace Pipeline.Broker.Tests.Handlers;

/// <summary>ListOffsets (2): earliest, latest, by timestamp, max timestamp (v7+), v0's offsets array,
/// and unknown partitions.</summary>
[Trait("Category", "Integration")]
public sealed class ListOffsetsTests : IClassFixture<BrokerFixture>
{
    private const long Latest = -1;
    private const long Earliest = -2;
    private const long MaxTimestamp = -3;

    private readonly BrokerFixture _fixture;

    public ListOffsetsTests(BrokerFixture fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(10)]
    public async Task ListOffsets_EarliestAndLatest_AreLogStartAndHighWatermark(short version)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = await TopicWithTimestampsAsync(client, 1_000, 2_000, 3_000);

        var earliest = await ListAsync(client, topic, Earliest, version);
        var latest = await ListAsync(client, topic, Latest, version);

        Expect.NoError(earliest.ErrorCode);
        Expect.NoError(latest.ErrorCode);
        Assert.Equal(0, earliest.Offset);
        Assert.Equal(3, latest.Offset);
        Assert.Equal(-1, latest.Timestamp);
        if (version >= 4)
        {
            Assert.Equal(0, latest.LeaderEpoch);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(10)]
    public async Task ListOffsets_ByTimestamp_IsTheFirstRecordAtOrAfterIt(short version)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = await TopicWithTimestampsAsync(client, 1_000, 2_000, 3_000);

        var beforeAll = await ListAsync(client, topic, 10, version);
        var between = await ListAsync(client, topic, 1_500, version);
        var exact = await ListAsync(client, topic, 3_000, version);
        var afterAll = await ListAsync(client, topic, 3_001, version);

        Assert.Equal((0L, 1_000L), (beforeAll.Offset, beforeAll.Timestamp));
        Assert.Equal((1L, 2_000L), (between.Offset, between.Timestamp));
        Assert.Equal((2L, 3_000L), (exact.Offset, exact.Timestamp));
        Expect.NoError(afterAll.ErrorCode);
        Assert.Equal((-1L, -1L), (afterAll.Offset, afterAll.Timestamp));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(10)]
    public async Task ListOffsets_MaxTimestampV7Plus_IsTheRecordWithTheLargestTimestamp(short version)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = await TopicWithTimestampsAsync(client, 1_000, 5_000, 2_000);

        var max = await ListAsync(client, topic, MaxTimestamp, version);

        Expect.NoError(max.ErrorCode);
        Assert.Equal(1, max.Offset);
        Assert.Equal(5_000, max.Timestamp);
    }

    [Fact]
    public async Task ListOffsets_V0_AnswersWithTheOldStyleOffsetsArray()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = await TopicWithTimestampsAsync(client, 1_000, 2_000);

        var latest = await ListAsync(client, topic, Latest, 0);
        var earliest = await ListAsync(client, topic, Earliest, 0);

        Expect.NoError(latest.ErrorCode);
        Assert.Equal(2, latest.OldStyleOffsets.First());
        Assert.Equal([0L], earliest.OldStyleOffsets);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    public async Task ListOffsets_UnknownTopicOrPartition_IsUnknownTopicOrPartition(short version)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("lo");
        await client.CreateTopicOrFailAsync(topic);

        var unknownTopic = await ListAsync(client, TestTopics.Unique("lo-missing"), Latest, version);
        var unknownPartition = await ListAsync(client, topic, Latest, version, partition: 1);

        Expect.Error(ErrorCode.UnknownTopicOrPartition, unknownTopic.ErrorCode);
        Expect.Error(ErrorCode.UnknownTopicOrPartition, unknownPartition.ErrorCode);
    }

    [Fact]
    public async Task ListOffsets_EmptyPartition_EarliestAndLatestAreZero()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("lo-empty");
        await client.CreateTopicOrFailAsync(topic);

        Assert.Equal(0, (await ListAsync(client, topic, Earliest, 7)).Offset);
        Assert.Equal(0, (await ListAsync(client, topic, Latest, 7)).Offset);
        var max = await ListAsync(client, topic, MaxTimestamp, 7);
        Expect.NoError(max.ErrorCode);
        Assert.Equal(-1, max.Offset);
    }

    [Theory]
    [InlineData(0, ErrorCode.None)]
    [InlineData(2, ErrorCode.UnknownLeaderEpoch)]
    public async Task ListOffsets_CurrentLeaderEpoch_IsCheckedAgainstTheLeaders(int currentLeaderEpoch, ErrorCode expected)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = await TopicWithTimestampsAsync(client, 1_000);
        var request = new ListOffsetsRequest
        {
            ReplicaId = -1,
            Topics = [new() { Name = topic, Partitions = [new() { PartitionIndex = 0, Timestamp = Latest, CurrentLeaderEpoch = currentLeaderEpoch }] }],
        };

        var response = await client.SendAsync<ListOffsetsResponse>(request, 7);

        Expect.Error(expected, response.Topics.Single().Partitions.Single().ErrorCode);
    }

    /// <summary>A new topic with one single-record batch per timestamp, in that order.</summary>
    private static async Task<string> TopicWithTimestampsAsync(KafkaTestClient client, params long[] timestamps)
    {
        var topic = TestTopics.Unique("lo");
        await client.CreateTopicOrFailAsync(topic);
        foreach (var ts in timestamps)
        {
            var r = await client.ProduceAsync(topic, 0, TestRecordBatch.Build([TestRecord.Of("k", $"t{ts}")], timestamp: ts));
            Expect.NoError(r.ErrorCode, r.ErrorMessage);
        }

        return topic;
    }

    private static async Task<ListOffsetsResponse.ListOffsetsPartitionResponse> ListAsync(KafkaTestClient client, string topic, long timestamp, short version, int partition = 0)
    {
        var request = new ListOffsetsRequest
        {
            ReplicaId = -1,
            Topics = [new() { Name = topic, Partitions = [new() { PartitionIndex = partition, Timestamp = timestamp, MaxNumOffsets = 1 }] }],
        };
        var response = await client.SendAsync<ListOffsetsResponse>(request, version);
        return response.Topics.Single().Partitions.Single();
    }
}
