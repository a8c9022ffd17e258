using Pipeline.Broker.Tests.Support;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using Xunit;

namespace Pipeline.Broker.Tests.Handlers;

/// <summary>With <c>auto.create.topics.enable=false</c> Metadata never creates a topic, whatever the client asks.</summary>
[Trait("Category", "Integration")]
public sealed class MetadataAutoCreateDisabledTests : IClassFixture<NoAutoCreateBrokerFixture>
{
    private readonly NoAutoCreateBrokerFixture _fixture;

    public MetadataAutoCreateDisabledTests(NoAutoCreateBrokerFixture fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(12)]
    public async Task Metadata_UnknownTopicWhenBrokerDisallowsAutoCreation_IsUnknownAndNotCreated(short version)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("disabled");

        var response = await client.SendAsync<MetadataResponse>(new MetadataRequest { Topics = [new() { Name = topic }], AllowAutoTopicCreation = true }, version);

        Expect.Error(ErrorCode.UnknownTopicOrPartition, response.Topics.Single().ErrorCode);
        Assert.False(await client.TopicExistsAsync(topic));
    }
}
