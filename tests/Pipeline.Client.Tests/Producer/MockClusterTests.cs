using System.Collections.Concurrent;
using Pipeline.Client.Admin;
using Pipeline.Client.Config;
using Pipeline.Client.Producer;
using Pipeline.Client.Tests.Fixtures;
using Pipeline.Protocol;
using Pipeline.Protocol.Records;

namespace Pipeline.Client.Tests.Producer;

/// <summary>
/// The client against librdkafka's mock cluster: a broker implementation that is not Pipeline's,
/// so nothing here can lean on our broker's quirks.
/// </summary>
[Trait("Category", "Integration")]
public sealed class MockClusterTests
{
    private static ProducerOptions Options(MockCluster cluster) => ProducerOptions.Default with
    {
        BootstrapServers = cluster.BootstrapServers,
        MaxBlock = TimeSpan.FromSeconds(20),
        Linger = TimeSpan.FromMilliseconds(5),
    };

    [Fact]
    public async Task Producer_ThreeBrokers_KeyedIdempotentRecordsGoToTheirLeadersInOrder()
    {
        using var cluster = await MockCluster.StartAsync(3, ("orders", 6));
        var reports = new ConcurrentQueue<DeliveryReport<string, string>>();
        using (var producer = new Producer<string, string>(Options(cluster)))
        {
            for (var i = 0; i < 600; i++)
            {
                producer.Produce("orders", new Message<string, string> { Key = "customer-" + (i % 40), Value = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }, reports.Enqueue);
            }

            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
        }

        Assert.Equal(600, reports.Count);
        Assert.All(reports, r =>
        {
            Assert.False(r.Error.IsError, r.Error.ToString());
            Assert.Equal(Murmur2.Partition(System.Text.Encoding.UTF8.GetBytes(r.Key), 6), r.Partition);
        });
        foreach (var partition in reports.GroupBy(r => r.Partition))
        {
            var byOffset = partition.OrderBy(r => r.Offset).ToList();
            Assert.Equal(Enumerable.Range(0, byOffset.Count).Select(i => (long)i), byOffset.Select(r => r.Offset));
            Assert.Equal(byOffset.Select(r => int.Parse(r.Value, System.Globalization.CultureInfo.InvariantCulture)).Order(), byOffset.Select(r => int.Parse(r.Value, System.Globalization.CultureInfo.InvariantCulture)));
        }

        await using var admin = new AdminClient(AdminClientOptions.Default with { BootstrapServers = cluster.BootstrapServers, DefaultApiTimeout = TimeSpan.FromSeconds(20) });
        // One partition per request: librdkafka 2.0.2's mock misreads ListOffsets v4+ requests that name several partitions.
        long total = 0;
        for (var p = 0; p < 6; p++)
        {
            total += Assert.Single(await admin.ListOffsetsAsync(new Dictionary<TopicPartition, OffsetSpec> { [new TopicPartition("orders", p)] = OffsetSpec.Latest })).Offset;
        }

        Assert.Equal(600, total);
        var description = Assert.Single(await admin.DescribeTopicsAsync(["orders"]));
        Assert.True(description.Partitions.Select(p => p.Leader?.Id).Distinct().Count() > 1, "the mock spreads leaders over its brokers");
    }

    [Theory]
    [InlineData(CompressionType.Gzip)]
    [InlineData(CompressionType.Snappy)]
    [InlineData(CompressionType.Lz4)]
    [InlineData(CompressionType.Zstd)]
    public async Task Producer_CompressedBatches_AreAcceptedByTheMock(CompressionType codec)
    {
        using var cluster = await MockCluster.StartAsync(1, ("z", 1));
        using var producer = new Producer<string, string>(Options(cluster) with { CompressionType = codec });
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => producer.ProduceAsync("z", new Message<string, string> { Key = "k", Value = new string('x', 200) + i })));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), results.Select(r => r.Offset));
    }

    [Fact]
    public async Task Admin_ClusterTopicsAndGroupOffsets_AgainstTheMock()
    {
        using var cluster = await MockCluster.StartAsync(3, ("events", 4));
        await using var admin = new AdminClient(AdminClientOptions.Default with { BootstrapServers = cluster.BootstrapServers, DefaultApiTimeout = TimeSpan.FromSeconds(20) });
        var description = await admin.DescribeClusterAsync();
        Assert.Equal([1, 2, 3], description.Nodes.Select(n => n.Id));

        var topics = await admin.ListTopicsAsync();
        Assert.Contains(topics, t => t.Name == "events");
        var events = Assert.Single(await admin.DescribeTopicsAsync(["events"]));
        Assert.Equal(4, events.Partitions.Count);

        var p0 = new TopicPartition("events", 0);
        var p3 = new TopicPartition("events", 3);
        var committed = await admin.AlterConsumerGroupOffsetsAsync("mock-group", [new TopicPartitionOffset(p0, 0), new TopicPartitionOffset(p3, 0)]);
        Assert.All(committed, c => Assert.False(c.Error.IsError, c.Error.ToString()));
        var offsets = await admin.ListConsumerGroupOffsetsAsync("mock-group", [p0, p3]);
        Assert.Equal([0L, 0L], offsets.Select(o => o.Offset));
    }
}
