using Pipeline.Broker.Tests.Support;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using Pipeline.Testing.Kafka;
using Xunit;

namespace Pipeline.Broker.Tests.Handlers;

/// <summary>DeleteRecords (21): moves the low watermark (-1 = the high watermark); past the high
/// watermark is OFFSET_OUT_OF_RANGE; fetching below the new start is OFFSET_OUT_OF_RANGE; compact-only
/// topics refuse (POLICY_VIOLATION). Failed partitions report low watermark -1, as Kafka does.</summary>
[Trait("Category", "Integration")]
public sealed class DeleteRecordsTests : IClassFixture<BrokerFixture>
{
    private readonly BrokerFixture _fixture;

    public DeleteRecordsTests(BrokerFixture fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task DeleteRecords_BelowTheHighWatermark_MovesTheLogStartOffset(short version)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = await TopicWithRecordsAsync(client, 10);

        var result = await DeleteAsync(client, topic, 4, version);

        Expect.NoError(result.ErrorCode);
        Assert.Equal(4, result.LowWatermark);
        Assert.Equal(4, (await client.ListOffsetAsync(topic, 0, KafkaTestOperations.Earliest)).Offset);
        var remaining = await client.FetchAllAsync(topic, 0, 4);
        Assert.Equal(Enumerable.Range(4, 6).Select(i => $"v{i}"), remaining.Select(r => System.Text.Encoding.UTF8.GetString(r.Value!)));
        Expect.Error(ErrorCode.OffsetOutOfRange, (await client.FetchAsync(topic, 0, 2)).ErrorCode);
    }

    [Fact]
    public async Task DeleteRecords_MinusOne_DeletesUpToTheHighWatermark()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = await TopicWithRecordsAsync(client, 5);

        var result = await DeleteAsync(client, topic, -1);

        Expect.NoError(result.ErrorCode);
        Assert.Equal(5, result.LowWatermark);
        Assert.Equal(5, (await client.ListOffsetAsync(topic, 0, KafkaTestOperations.Earliest)).Offset);
        Assert.Equal(5, await client.LogEndOffsetAsync(topic, 0));
        var next = await client.ProduceAsync(topic, 0, TestRecord.Of("k", "after"));
        Assert.Equal(5, next.BaseOffset);
    }

    [Fact]
    public async Task DeleteRecords_BelowTheCurrentStart_KeepsTheStart()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = await TopicWithRecordsAsync(client, 5);
        await DeleteAsync(client, topic, 3);

        var result = await DeleteAsync(client, topic, 1);

        Expect.NoError(result.ErrorCode);
        Assert.Equal(3, result.LowWatermark);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(-5)]
    public async Task DeleteRecords_PastTheHighWatermarkOrNegative_IsOffsetOutOfRange(long offset)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = await TopicWithRecordsAsync(client, 5);

        var result = await DeleteAsync(client, topic, offset);

        Expect.Error(ErrorCode.OffsetOutOfRange, result.ErrorCode);
        Assert.Equal(-1, result.LowWatermark);
        Assert.Equal(0, (await client.ListOffsetAsync(topic, 0, KafkaTestOperations.Earliest)).Offset);
    }

    [Fact]
    public async Task DeleteRecords_UnknownPartition_IsUnknownTopicOrPartition()
    {
        await using var client = await _fixture.ConnectAsync();

        var result = await DeleteAsync(client, TestTopics.Unique("gone"), 0);

        Expect.Error(ErrorCode.UnknownTopicOrPartition, result.ErrorCode);
        Assert.Equal(-1, result.LowWatermark);
    }

    [Fact]
    public async Task DeleteRecords_CompactOnlyTopic_IsPolicyViolation()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("compact-only");
        await client.CreateTopicOrFailAsync(topic, 1, ("cleanup.policy", "compact"));
        await client.ProduceAsync(topic, 0, TestRecord.Of("k", "v"));

        var compactOnly = await DeleteAsync(client, topic, 1);
        var pastEnd = await DeleteAsync(client, topic, 100);

        Expect.Error(ErrorCode.PolicyViolation, compactOnly.ErrorCode);
        Expect.Error(ErrorCode.PolicyViolation, pastEnd.ErrorCode);
        Assert.Equal(-1, compactOnly.LowWatermark);
    }

    private static async Task<string> TopicWithRecordsAsync(KafkaTestClient client, int count)
    {
        var topic = TestTopics.Unique("delrec");
        await client.CreateTopicOrFailAsync(topic);
        for (var i = 0; i < count; i++)
        {
            Expect.NoError((await client.ProduceAsync(topic, 0, TestRecord.Of("k", $"v{i}"))).ErrorCode);
        }

        return topic;
    }

    private static async Task<DeleteRecordsResponse.DeleteRecordsPartitionResult> DeleteAsync(KafkaTestClient client, string topic, long offset, short version = 2)
    {
        var request = new DeleteRecordsRequest { TimeoutMs = 10_000, Topics = [new() { Name = topic, Partitions = [new() { PartitionIndex = 0, Offset = offset }] }] };
        return (await client.SendAsync<DeleteRecordsResponse>(request, version)).Topics.Single().Partitions.Single();
    }
}
