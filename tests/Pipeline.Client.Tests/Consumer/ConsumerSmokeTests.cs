using Pipeline.Client.Consumer;
using Pipeline.Client.Tests.Fixtures;

namespace Pipeline.Client.Tests.Consumer;

[Trait("Category", "Integration")]
public sealed class ConsumerSmokeTests
{
    [Fact]
    public async Task Consume_GroupSubscription_ReadsEverythingProducedInOrder()
    {
        var broker = await GroupBroker.GetAsync();
        var topic = await GroupBroker.TopicAsync(broker, 3);
        using (var producer = ClientFactory.Producer(broker))
        {
            for (var i = 0; i < 300; i++)
            {
                producer.Produce(topic, new Message<string, string> { Key = "k" + (i % 7), Value = i.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            }

            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(20)));
        }

        await using var consumer = new ConsumerBuilder<string, string>(GroupBroker.Options(broker, GroupBroker.UniqueGroup())).Build();
        consumer.Subscribe(topic);
        var got = new List<ConsumeResult<string, string>>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (got.Count < 300 && DateTime.UtcNow < deadline)
        {
            if (await consumer.ConsumeAsync(TimeSpan.FromSeconds(1)) is { } r)
            {
                got.Add(r);
            }
        }

        Assert.Equal(300, got.Count);
        foreach (var p in got.GroupBy(r => r.Partition))
        {
            Assert.Equal(Enumerable.Range(0, p.Count()).Select(i => (long)i), p.Select(r => r.Offset));
        }

        Assert.Equal(3, consumer.Assignment.Count);
    }
}
