using Pipeline.Broker.Tests.Support;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using Pipeline.Protocol.Primitives;
using Pipeline.Testing.Kafka;
using Xunit;

namespace Pipeline.Broker.Tests.Handlers;

/// <summary>DeleteTopics (20): by name, by id (v6+), unknown names and ids, invalid combinations; a
/// deleted topic's partition directories go away and a topic re-created under the name starts empty.</summary>
[Trait("Category", "Integration")]
public sealed class DeleteTopicsTests : IClassFixture<BrokerFixture>
{
    private readonly BrokerFixture _fixture;

    public DeleteTopicsTests(BrokerFixture fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public async Task DeleteTopics_ByName_RemovesTheTopicAndItsDirectories(short version)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("delete");
        var id = await client.CreateTopicOrFailAsync(topic, 2);
        await client.ProduceAsync(topic, 0, TestRecord.Of("k", "v"));
        Assert.True(Directory.Exists(PartitionDir(topic, 0)));

        var result = await client.DeleteTopicAsync(topic, version);

        Expect.NoError(result.ErrorCode, result.ErrorMessage);
        Assert.Equal(topic, result.Name);
        if (version >= 6)
        {
            Assert.Equal(id, result.TopicId);
        }

        Assert.False(await client.TopicExistsAsync(topic));
        Assert.False(Directory.Exists(PartitionDir(topic, 0)));
        Assert.False(Directory.Exists(PartitionDir(topic, 1)));
        Expect.Error(ErrorCode.UnknownTopicOrPartition, (await client.ProduceAsync(topic, 0, TestRecord.Of("k", "after"))).ErrorCode);
    }

    [Fact]
    public async Task DeleteTopics_ByIdV6_RemovesTheTopicAndNamesIt()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("delete-id");
        var id = await client.CreateTopicOrFailAsync(topic);

        var response = await client.SendAsync<DeleteTopicsResponse>(new DeleteTopicsRequest { Topics = [new() { Name = null, TopicId = id }], TimeoutMs = 10_000 }, 6);

        var result = response.Responses.Single();
        Expect.NoError(result.ErrorCode, result.ErrorMessage);
        Assert.Equal(topic, result.Name);
        Assert.Equal(id, result.TopicId);
        Assert.False(await client.TopicExistsAsync(topic));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    public async Task DeleteTopics_UnknownName_IsUnknownTopicOrPartition(short version)
    {
        await using var client = await _fixture.ConnectAsync();

        var result = await client.DeleteTopicAsync(TestTopics.Unique("never"), version);

        Expect.Error(ErrorCode.UnknownTopicOrPartition, result.ErrorCode);
        if (version >= 5)
        {
            Assert.Equal("This server does not host this topic-partition.", result.ErrorMessage);
        }
    }

    [Fact]
    public async Task DeleteTopics_UnknownIdV6_IsUnknownTopicId()
    {
        await using var client = await _fixture.ConnectAsync();
        var id = Uuid.NewRandom();

        var response = await client.SendAsync<DeleteTopicsResponse>(new DeleteTopicsRequest { Topics = [new() { Name = null, TopicId = id }] }, 6);

        var result = response.Responses.Single();
        Expect.Error(ErrorCode.UnknownTopicId, result.ErrorCode);
        Assert.Null(result.Name);
        Assert.Equal(id, result.TopicId);
        Assert.Equal("This server does not host this topic ID.", result.ErrorMessage);
    }

    [Fact]
    public async Task DeleteTopics_NameAndIdTogether_IsInvalidRequestAndDeletesNothing()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("both");
        var id = await client.CreateTopicOrFailAsync(topic);

        var response = await client.SendAsync<DeleteTopicsResponse>(new DeleteTopicsRequest { Topics = [new() { Name = topic, TopicId = id }] }, 6);

        Expect.Error(ErrorCode.InvalidRequest, response.Responses.Single().ErrorCode);
        Assert.True(await client.TopicExistsAsync(topic));
    }

    [Fact]
    public async Task DeleteTopics_NeitherNameNorId_IsInvalidRequest()
    {
        await using var client = await _fixture.ConnectAsync();

        var response = await client.SendAsync<DeleteTopicsResponse>(new DeleteTopicsRequest { Topics = [new() { Name = null, TopicId = Uuid.Zero }] }, 6);

        Expect.Error(ErrorCode.InvalidRequest, response.Responses.Single().ErrorCode);
    }

    [Fact]
    public async Task DeleteTopics_ThenCreateAgain_GivesANewEmptyTopic()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("reborn");
        var first = await client.CreateTopicOrFailAsync(topic);
        await client.ProduceAsync(topic, 0, TestRecord.Of("old", "1"), TestRecord.Of("old", "2"));
        Expect.NoError((await client.DeleteTopicAsync(topic)).ErrorCode);

        var second = await client.CreateTopicOrFailAsync(topic);
        var produced = await client.ProduceAsync(topic, 0, TestRecord.Of("new", "1"));

        Assert.NotEqual(first, second);
        Assert.Equal(0, produced.BaseOffset);
        Assert.Equal([TestRecord.Of("new", "1")], await client.FetchAllAsync(topic, 0));
    }

    private string PartitionDir(string topic, int partition) => Path.Combine(_fixture.Broker.LogDir, $"{topic}-{partition}");
}
