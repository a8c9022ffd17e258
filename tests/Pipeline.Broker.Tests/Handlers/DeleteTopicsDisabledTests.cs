using Pipeline.Broker.Tests.Support;
using Pipeline.Protocol;
using Xunit;

namespace Pipeline.Broker.Tests.Handlers;

/// <summary>With <c>delete.topic.enable=false</c>: TOPIC_DELETION_DISABLED from v3, INVALID_REQUEST
/// before (the error code older clients know), and the topic stays.</summary>
[Trait("Category", "Integration")]
public sealed class DeleteTopicsDisabledTests : IClassFixture<NoDeleteBrokerFixture>
{
    private readonly NoDeleteBrokerFixture _fixture;

    public DeleteTopicsDisabledTests(NoDeleteBrokerFixture fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData(1, ErrorCode.InvalidRequest)]
    [InlineData(3, ErrorCode.TopicDeletionDisabled)]
    [InlineData(6, ErrorCode.TopicDeletionDisabled)]
    public async Task DeleteTopics_DeletionDisabled_RefusesAndKeepsTheTopic(short version, ErrorCode expected)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("kept");
        await client.CreateTopicOrFailAsync(topic);

        var result = await client.DeleteTopicAsync(topic, version);

        Expect.Error(expected, result.ErrorCode);
        Assert.True(await client.TopicExistsAsync(topic));
    }
}
