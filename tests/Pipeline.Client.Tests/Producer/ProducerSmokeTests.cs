using Pipeline.Client.Config;
using Pipeline.Client.Producer;
using Pipeline.Client.Tests.Fixtures;

namespace Pipeline.Client.Tests.Producer;

[Trait("Category", "Integration")]
public sealed class ProducerSmokeTests
{
    [Fact]
    public async Task ProduceAsync_ToAutoCreatedTopic_ReturnsOffsets()
    {
        var broker = await SharedBroker.GetAsync();
        var topic = SharedBroker.UniqueTopic("smoke");
        using var producer = new Producer<string, string>(ProducerOptions.Default with { BootstrapServers = broker.BootstrapServers, EnableIdempotence = false });
        var first = await producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "v1" });
        var second = await producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "v2" });
        Assert.Equal(0, first.Offset);
        Assert.Equal(1, second.Offset);
        Assert.Equal(PersistenceStatus.Persisted, second.Status);
    }
}
