using Pipeline.Client.Admin;
using Pipeline.Client.Tests.Fixtures;
using Pipeline.Protocol;

namespace Pipeline.Client.Tests.Admin;

[Trait("Category", "Integration")]
public sealed class ClusterAndRecordAdminTests
{
    [Fact]
    public async Task DescribeCluster_ReportsTheBrokerAsNodeAndController()
    {
        var broker = await SharedBroker.GetAsync();
        await using var admin = ClientFactory.Admin(broker);
        var cluster = await admin.DescribeClusterAsync();
        Assert.Equal(broker.ClusterId, cluster.ClusterId);
        var node = Assert.Single(cluster.Nodes);
        Assert.Equal(1, node.Id);
        Assert.Equal(broker.Port, node.Port);
        Assert.Equal(1, cluster.Controller?.Id);
    }

    [Fact]
    public async Task ListOffsets_EarliestLatestAndTimestamps()
    {
        var broker = await SharedBroker.GetAsync();
        await using var admin = ClientFactory.Admin(broker);
        var topic = SharedBroker.UniqueTopic("offsets");
        await admin.CreateTopicsAsync([new TopicSpecification { Name = topic }]);
        using (var producer = ClientFactory.Producer(broker))
        {
            for (var i = 0; i < 5; i++)
            {
                await producer.ProduceAsync(topic, new Message<string, string> { Value = "v" + i, Timestamp = Timestamp.CreateTime(1_000_000 + (i * 1000)) });
            }
        }

        var tp = new TopicPartition(topic, 0);
        Assert.Equal(0, Single(await admin.ListOffsetsAsync(new Dictionary<TopicPartition, OffsetSpec> { [tp] = OffsetSpec.Earliest })).Offset);
        Assert.Equal(5, Single(await admin.ListOffsetsAsync(new Dictionary<TopicPartition, OffsetSpec> { [tp] = OffsetSpec.Latest })).Offset);
        var at = Single(await admin.ListOffsetsAsync(new Dictionary<TopicPartition, OffsetSpec> { [tp] = OffsetSpec.ForTimestamp(1_002_500) }));
        Assert.Equal(3, at.Offset);
        Assert.Equal(1_003_000, at.Timestamp);
        var max = Single(await admin.ListOffsetsAsync(new Dictionary<TopicPartition, OffsetSpec> { [tp] = OffsetSpec.MaxTimestamp }));
        Assert.Equal(4, max.Offset);
        Assert.Equal(-1, Single(await admin.ListOffsetsAsync(new Dictionary<TopicPartition, OffsetSpec> { [tp] = OffsetSpec.ForTimestamp(9_000_000) })).Offset);
    }

    [Fact]
    public async Task ListOffsets_UnknownPartition_Fails()
    {
        var broker = await SharedBroker.GetAsync();
        await using var admin = ClientFactory.Admin(broker);
        var topic = SharedBroker.UniqueTopic("offsets-x");
        await admin.CreateTopicsAsync([new TopicSpecification { Name = topic }]);
        var e = await Assert.ThrowsAsync<AdminOperationException<ListOffsetsReport>>(() =>
            admin.ListOffsetsAsync(new Dictionary<TopicPartition, OffsetSpec> { [new TopicPartition(topic, 7)] = OffsetSpec.Latest }));
        Assert.Equal(ErrorCode.UnknownTopicOrPartition, e.Code);
    }

    [Fact]
    public async Task DeleteRecords_MovesTheLogStart()
    {
        var broker = await SharedBroker.GetAsync();
        await using var admin = ClientFactory.Admin(broker);
        var topic = SharedBroker.UniqueTopic("delrec");
        await admin.CreateTopicsAsync([new TopicSpecification { Name = topic, NumPartitions = 2 }]);
        using (var producer = ClientFactory.Producer(broker))
        {
            for (var i = 0; i < 10; i++)
            {
                producer.Produce(new TopicPartition(topic, 0), new Message<string, string> { Value = "v" + i });
                producer.Produce(new TopicPartition(topic, 1), new Message<string, string> { Value = "v" + i });
            }

            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(20)));
        }

        var reports = await admin.DeleteRecordsAsync([new TopicPartitionOffset(topic, 0, 4), new TopicPartitionOffset(topic, 1, Offsets.HighWatermark)]);
        Assert.Equal([4L, 10L], reports.Select(r => r.LowWatermark));
        var earliest = await admin.ListOffsetsAsync(new Dictionary<TopicPartition, OffsetSpec>
        {
            [new TopicPartition(topic, 0)] = OffsetSpec.Earliest,
            [new TopicPartition(topic, 1)] = OffsetSpec.Earliest,
        });
        Assert.Equal([4L, 10L], earliest.Select(r => r.Offset));

        var e = await Assert.ThrowsAsync<AdminOperationException<DeleteRecordsReport>>(() => admin.DeleteRecordsAsync([new TopicPartitionOffset(topic, 0, 99)]));
        Assert.Equal(ErrorCode.OffsetOutOfRange, e.Code);
    }

    private static ListOffsetsReport Single(IReadOnlyList<ListOffsetsReport> reports)
    {
        var r = Assert.Single(reports);
        Assert.False(r.Error.IsError, r.Error.ToString());
        return r;
    }
}
