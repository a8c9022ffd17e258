using Pipeline.Client.Admin;
using Pipeline.Client.Tests.Fixtures;
using Pipeline.Protocol;

namespace Pipeline.Client.Tests.Admin;

[Trait("Category", "Integration")]
public sealed class GroupAdminTests
{
    [Fact]
    public async Task GroupOffsets_AlterListLagResetDeleteAndDeleteGroup()
    {
        var broker = await SharedBroker.GetAsync();
        await using var admin = ClientFactory.Admin(broker);
        var topic = SharedBroker.UniqueTopic("grp");
        var group = SharedBroker.UniqueTopic("group");
        await admin.CreateTopicsAsync([new TopicSpecification { Name = topic, NumPartitions = 2 }]);
        using (var producer = ClientFactory.Producer(broker))
        {
            for (var i = 0; i < 6; i++)
            {
                producer.Produce(new TopicPartition(topic, i % 2), new Message<string, string> { Value = "v" + i });
            }

            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(20)));
        }

        var p0 = new TopicPartition(topic, 0);
        var p1 = new TopicPartition(topic, 1);
        var altered = await admin.AlterConsumerGroupOffsetsAsync(group, [new TopicPartitionOffset(p0, 1), new TopicPartitionOffset(p1, 3)]);
        Assert.All(altered, r => Assert.False(r.Error.IsError));

        var committed = await admin.ListConsumerGroupOffsetsAsync(group);
        Assert.Equal([(p0, 1L), (p1, 3L)], committed.Select(c => (c.TopicPartition, c.Offset)));
        var asked = await admin.ListConsumerGroupOffsetsAsync(group, [p0, new TopicPartition(topic, 5)]);
        Assert.Equal([1L, -1L], asked.OrderBy(c => c.TopicPartition.Partition).Select(c => c.Offset));

        var lag = await admin.ListConsumerGroupLagAsync(group);
        Assert.Equal([(p0, 1L, 3L, (long?)2), (p1, 3L, 3L, (long?)0)], lag.Select(l => (l.TopicPartition, l.CommittedOffset, l.LogEndOffset, l.Lag)));

        var reset = await admin.ResetConsumerGroupOffsetsAsync(group, [p0, p1], OffsetSpec.Earliest);
        Assert.Equal([0L, 0L], reset.Select(r => r.Offset));
        Assert.Equal([0L, 0L], (await admin.ListConsumerGroupOffsetsAsync(group)).Select(c => c.Offset));

        var listed = await admin.ListGroupsAsync();
        Assert.Contains(listed, g => g.GroupId == group);
        var described = Assert.Single(await admin.DescribeGroupsAsync([group]));
        Assert.Equal("Empty", described.State);
        Assert.Empty(described.Members);
        Assert.Equal(1, described.Coordinator?.Id);

        var deletedOffsets = await admin.DeleteConsumerGroupOffsetsAsync(group, [p1]);
        Assert.False(Assert.Single(deletedOffsets).Error.IsError);
        Assert.Equal([p0], (await admin.ListConsumerGroupOffsetsAsync(group)).Select(c => c.TopicPartition));

        Assert.False(Assert.Single(await admin.DeleteGroupsAsync([group])).Error.IsError);
        Assert.DoesNotContain(await admin.ListGroupsAsync(), g => g.GroupId == group);
        Assert.Empty(await admin.ListConsumerGroupOffsetsAsync(group));
    }

    [Fact]
    public async Task DeleteGroups_Unknown_FailsWithGroupIdNotFound()
    {
        var broker = await SharedBroker.GetAsync();
        await using var admin = ClientFactory.Admin(broker);
        var e = await Assert.ThrowsAsync<AdminOperationException<GroupReport>>(() => admin.DeleteGroupsAsync([SharedBroker.UniqueTopic("nogroup")]));
        Assert.Equal(ErrorCode.GroupIdNotFound, e.Code);
    }

    [Fact]
    public async Task ResetConsumerGroupOffsets_ToTimestamp_CommitsTheFirstOffsetAtOrAfterIt()
    {
        var broker = await SharedBroker.GetAsync();
        await using var admin = ClientFactory.Admin(broker);
        var topic = SharedBroker.UniqueTopic("grpts");
        var group = SharedBroker.UniqueTopic("groupts");
        await admin.CreateTopicsAsync([new TopicSpecification { Name = topic }]);
        using (var producer = ClientFactory.Producer(broker))
        {
            for (var i = 0; i < 4; i++)
            {
                await producer.ProduceAsync(topic, new Message<string, string> { Value = "v", Timestamp = Timestamp.CreateTime(5_000 + (i * 100)) });
            }
        }

        var tp = new TopicPartition(topic, 0);
        Assert.Equal(2, Assert.Single(await admin.ResetConsumerGroupOffsetsAsync(group, [tp], OffsetSpec.ForTimestamp(5_150))).Offset);
        Assert.Equal(4, Assert.Single(await admin.ResetConsumerGroupOffsetsAsync(group, [tp], OffsetSpec.ForTimestamp(99_000))).Offset);
        Assert.Equal(4, Assert.Single(await admin.ListConsumerGroupOffsetsAsync(group)).Offset);
    }
}
