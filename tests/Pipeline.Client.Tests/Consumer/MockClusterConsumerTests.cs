using Pipeline.Client.Config;
using Pipeline.Client.Consumer;
using Pipeline.Client.Producer;
using Pipeline.Client.Tests.Fixtures;
using static Pipeline.Client.Tests.Consumer.ConsumerTestSupport;

namespace Pipeline.Client.Tests.Consumer;

/// <summary>
/// The consumer against librdkafka's mock cluster (three brokers): a broker side that is not
/// Pipeline's, with its own group coordinator and older API versions (Fetch v11 by topic name,
/// OffsetFetch without require_stable, JoinGroup v5, LeaveGroup v1), so nothing here leans on our broker.
/// </summary>
[Trait("Category", "Integration")]
public sealed class MockClusterConsumerTests
{
    private static ConsumerOptions Options(MockCluster cluster, string group) => ConsumerOptions.Default with
    {
        BootstrapServers = cluster.BootstrapServers,
        GroupId = group,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        SessionTimeout = TimeSpan.FromSeconds(3),
        HeartbeatInterval = TimeSpan.FromMilliseconds(300),
        FetchMaxWait = TimeSpan.FromMilliseconds(100),
        DefaultApiTimeout = TimeSpan.FromSeconds(20),
    };

    private static async Task ProduceAsync(MockCluster cluster, string topic, int count, int first = 0)
    {
        using var producer = new Producer<string, string>(ProducerOptions.Default with { BootstrapServers = cluster.BootstrapServers, MaxBlock = TimeSpan.FromSeconds(20) });
        await Task.WhenAll(Enumerable.Range(first, count).Select(i =>
            producer.ProduceAsync(topic, new Message<string, string> { Key = "k" + (i % 11), Value = i.ToString(System.Globalization.CultureInfo.InvariantCulture) })));
    }

    [Fact]
    public async Task GroupConsumer_ThreeBrokers_ReadsEverythingInOrder_CommitsAndTheNextMemberResumes()
    {
        using var cluster = await MockCluster.StartAsync(3, ("orders", 6));
        await ProduceAsync(cluster, "orders", 300);

        await using (var consumer = new ConsumerBuilder<string, string>(Options(cluster, "mock-g1") with { EnableAutoCommit = false }).Build())
        {
            consumer.Subscribe("orders");
            var got = await ConsumeAsync(consumer, 300, TimeSpan.FromSeconds(40));
            Assert.Equal(Enumerable.Range(0, 300), got.Select(Value).Order());
            foreach (var p in got.GroupBy(r => r.Partition))
            {
                Assert.Equal(Enumerable.Range(0, p.Count()).Select(i => (long)i), p.Select(r => r.Offset));
            }

            Assert.Equal(6, consumer.Commit().Count);
        }

        await ProduceAsync(cluster, "orders", 30, first: 300);
        await using var next = new ConsumerBuilder<string, string>(Options(cluster, "mock-g1")).Build();
        next.Subscribe("orders");
        Assert.Equal(Enumerable.Range(300, 30), (await ConsumeAsync(next, 30, TimeSpan.FromSeconds(40))).Select(Value).Order());
    }

    [Fact]
    public async Task TwoMembers_ShareThePartitionsOfTheMocksGroup()
    {
        using var cluster = await MockCluster.StartAsync(3, ("events", 4));
        await ProduceAsync(cluster, "events", 100);
        await using var a = new ConsumerBuilder<string, string>(Options(cluster, "mock-g2") with { ClientId = "a" }).Build();
        await using var b = new ConsumerBuilder<string, string>(Options(cluster, "mock-g2") with { ClientId = "b" }).Build();
        a.Subscribe("events");
        b.Subscribe("events");

        var got = await PollUntilAsync(() => a.Assignment.Count == 2 && b.Assignment.Count == 2, "a 2 + 2 split", a, b);
        await PollUntilAsync(got, () => got.Select(Value).Distinct().Count() == 100, "every record", a, b);
        Assert.Equal([0, 1, 2, 3], a.Assignment.Concat(b.Assignment).Select(p => p.Partition).Order());
    }
}
