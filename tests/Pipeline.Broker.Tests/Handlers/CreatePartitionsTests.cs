using Pipeline.Broker.Tests.Support;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using Pipeline.Testing.Kafka;
using Xunit;

namespace Pipeline.Broker.Tests.Handlers;

/// <summary>CreatePartitions (37): growing a topic, and Kafka's errors (with its messages) for the
/// same count, a decrease, unknown topics and mismatched assignments; validate-only changes nothing.</summary>
[Trait("Category", "Integration")]
public sealed class CreatePartitionsTests : IClassFixture<BrokerFixture>
{
    private readonly BrokerFixture _fixture;

    public CreatePartitionsTests(BrokerFixture fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task CreatePartitions_Increase_AddsWritablePartitions(short version)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("grow");
        await client.CreateTopicOrFailAsync(topic);
        await client.ProduceAsync(topic, 0, TestRecord.Of("k", "before"));

        var result = await CreatePartitionsAsync(client, topic, 3, version);

        Expect.NoError(result.ErrorCode, result.ErrorMessage);
        Assert.Equal(3, (await client.TopicMetadataAsync(topic)).Partitions.Count);
        var produced = await client.ProduceAsync(topic, 2, TestRecord.Of("k", "new"));
        Expect.NoError(produced.ErrorCode, produced.ErrorMessage);
        Assert.Equal(0, produced.BaseOffset);
        Assert.Equal([TestRecord.Of("k", "before")], await client.FetchAllAsync(topic, 0));
    }

    [Fact]
    public async Task CreatePartitions_SameCount_IsInvalidPartitions()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("same");
        await client.CreateTopicOrFailAsync(topic, 2);

        var result = await CreatePartitionsAsync(client, topic, 2);

        Expect.Error(ErrorCode.InvalidPartitions, result.ErrorCode);
        Assert.Equal("Topic already has 2 partition(s).", result.ErrorMessage);
    }

    [Fact]
    public async Task CreatePartitions_Decrease_IsInvalidPartitionsAndKeepsThem()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("shrink");
        await client.CreateTopicOrFailAsync(topic, 3);

        var result = await CreatePartitionsAsync(client, topic, 1);

        Expect.Error(ErrorCode.InvalidPartitions, result.ErrorCode);
        Assert.Equal($"The topic {topic} currently has 3 partition(s); 1 would not be an increase.", result.ErrorMessage);
        Assert.Equal(3, (await client.TopicMetadataAsync(topic)).Partitions.Count);
    }

    [Fact]
    public async Task CreatePartitions_ValidateOnly_ChecksButAddsNothing()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("validate-grow");
        await client.CreateTopicOrFailAsync(topic);

        var ok = await CreatePartitionsAsync(client, topic, 4, validateOnly: true);
        var bad = await CreatePartitionsAsync(client, topic, 1, validateOnly: true);

        Expect.NoError(ok.ErrorCode, ok.ErrorMessage);
        Expect.Error(ErrorCode.InvalidPartitions, bad.ErrorCode);
        Assert.Single((await client.TopicMetadataAsync(topic)).Partitions);
        Assert.False(Directory.Exists(Path.Combine(_fixture.Broker.LogDir, $"{topic}-1")));
    }

    [Fact]
    public async Task CreatePartitions_UnknownTopic_IsUnknownTopicOrPartition()
    {
        await using var client = await _fixture.ConnectAsync();

        var result = await CreatePartitionsAsync(client, TestTopics.Unique("absent"), 2);

        Expect.Error(ErrorCode.UnknownTopicOrPartition, result.ErrorCode);
    }

    [Fact]
    public async Task CreatePartitions_AssignmentsForTheWrongNumberOfPartitions_IsInvalidReplicaAssignment()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("assign");
        await client.CreateTopicOrFailAsync(topic);
        var request = new CreatePartitionsRequest
        {
            TimeoutMs = 10_000,
            Topics = [new() { Name = topic, Count = 3, Assignments = [new() { BrokerIds = [_fixture.NodeId] }] }],
        };

        var result = (await client.SendAsync<CreatePartitionsResponse>(request, 3)).Results.Single();

        Expect.Error(ErrorCode.InvalidReplicaAssignment, result.ErrorCode);
        Assert.Equal("Attempted to add 2 additional partition(s), but only 1 assignment(s) were specified.", result.ErrorMessage);
        Assert.Single((await client.TopicMetadataAsync(topic)).Partitions);
    }

    [Fact]
    public async Task CreatePartitions_WithAssignments_AddsThem()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("assigned");
        await client.CreateTopicOrFailAsync(topic);
        var request = new CreatePartitionsRequest
        {
            TimeoutMs = 10_000,
            Topics = [new() { Name = topic, Count = 2, Assignments = [new() { BrokerIds = [_fixture.NodeId] }] }],
        };

        var result = (await client.SendAsync<CreatePartitionsResponse>(request, 3)).Results.Single();

        Expect.NoError(result.ErrorCode, result.ErrorMessage);
        Assert.Equal(2, (await client.TopicMetadataAsync(topic)).Partitions.Count);
    }

    [Fact]
    public async Task CreatePartitions_SameTopicTwiceInOneRequest_IsInvalidRequestOnce()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("twice");
        var other = TestTopics.Unique("other");
        await client.CreateTopicOrFailAsync(topic);
        await client.CreateTopicOrFailAsync(other);
        var request = new CreatePartitionsRequest
        {
            TimeoutMs = 10_000,
            Topics = [new() { Name = topic, Count = 2, Assignments = null }, new() { Name = topic, Count = 3, Assignments = null }, new() { Name = other, Count = 2, Assignments = null }],
        };

        var results = (await client.SendAsync<CreatePartitionsResponse>(request, 3)).Results;

        var dup = Assert.Single(results, r => r.Name == topic);
        Expect.Error(ErrorCode.InvalidRequest, dup.ErrorCode);
        Assert.Equal("Duplicate topic name.", dup.ErrorMessage);
        Expect.NoError(Assert.Single(results, r => r.Name == other).ErrorCode);
        Assert.Single((await client.TopicMetadataAsync(topic)).Partitions);
    }

    private static async Task<CreatePartitionsResponse.CreatePartitionsTopicResult> CreatePartitionsAsync(KafkaTestClient client, string topic, int count, short version = 3, bool validateOnly = false)
    {
        var request = new CreatePartitionsRequest { TimeoutMs = 10_000, ValidateOnly = validateOnly, Topics = [new() { Name = topic, Count = count, Assignments = null }] };
        return (await client.SendAsync<CreatePartitionsResponse>(request, version)).Results.Single();
    }
}
