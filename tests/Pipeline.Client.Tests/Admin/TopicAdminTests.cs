using Pipeline.Client.Admin;
using Pipeline.Client.Tests.Fixtures;
using Pipeline.Protocol;

namespace Pipeline.Client.Tests.Admin;

[Trait("Category", "Integration")]
public sealed class TopicAdminTests
{
    [Fact]
    public async Task CreateTopics_WithPartitionsAndConfigs_DescribesAsCreated()
    {
        var broker = await SharedBroker.GetAsync();
        await using var admin = ClientFactory.Admin(broker);
        var name = SharedBroker.UniqueTopic("create");
        var created = await admin.CreateTopicsAsync([new TopicSpecification
        {
            Name = name,
            NumPartitions = 3,
            ReplicationFactor = 1,
            Configs = new Dictionary<string, string> { ["cleanup.policy"] = "compact", ["retention.ms"] = "12345" },
        }]);

        var report = Assert.Single(created);
        Assert.False(report.Error.IsError);
        Assert.Equal(3, report.NumPartitions);
        Assert.Equal(1, report.ReplicationFactor);
        Assert.False(report.TopicId.IsZero);

        var described = Assert.Single(await admin.DescribeTopicsAsync([name]));
        Assert.Equal(report.TopicId, described.TopicId);
        Assert.Equal([0, 1, 2], described.Partitions.Select(p => p.Partition));
        Assert.All(described.Partitions, p =>
        {
            Assert.Equal(1, p.Leader?.Id);
            Assert.Equal([1], p.Replicas.Select(r => r.Id));
            Assert.Equal([1], p.Isr.Select(r => r.Id));
            Assert.True(p.LeaderEpoch >= 0);
        });

        var configs = Assert.Single(await admin.DescribeConfigsAsync([ConfigResource.Topic(name)]));
        Assert.Equal("compact", configs["cleanup.policy"]?.Value);
        Assert.Equal(ConfigSource.TopicConfig, configs["retention.ms"]?.Source);
        Assert.Equal("12345", configs["retention.ms"]?.Value);
    }

    [Fact]
    public async Task CreateTopics_ValidateOnly_CreatesNothing()
    {
        var broker = await SharedBroker.GetAsync();
        await using var admin = ClientFactory.Admin(broker);
        var name = SharedBroker.UniqueTopic("validate");
        var report = Assert.Single(await admin.CreateTopicsAsync([new TopicSpecification { Name = name, NumPartitions = 2 }], new AdminCallOptions { ValidateOnly = true }));
        Assert.False(report.Error.IsError);
        Assert.DoesNotContain(name, (await admin.ListTopicsAsync()).Select(t => t.Name));
    }

    [Fact]
    public async Task CreateTopics_OneExists_ThrowsWithEveryResult()
    {
        var broker = await SharedBroker.GetAsync();
        await using var admin = ClientFactory.Admin(broker);
        var existing = SharedBroker.UniqueTopic("exists");
        var fresh = SharedBroker.UniqueTopic("fresh");
        await admin.CreateTopicsAsync([new TopicSpecification { Name = existing }]);

        var e = await Assert.ThrowsAsync<AdminOperationException<CreateTopicReport>>(() =>
            admin.CreateTopicsAsync([new TopicSpecification { Name = existing }, new TopicSpecification { Name = fresh }]));
        Assert.Equal(ErrorCode.TopicAlreadyExists, e.Code);
        Assert.Equal([existing, fresh], e.Results.Select(r => r.Topic));
        Assert.Equal(ErrorCode.TopicAlreadyExists, e.Results[0].Error.Code);
        Assert.False(e.Results[1].Error.IsError);
    }

    [Fact]
    public async Task CreateTopics_InvalidConfig_ReportsBrokerMessage()
    {
        var broker = await SharedBroker.GetAsync();
        await using var admin = ClientFactory.Admin(broker);
        var e = await Assert.ThrowsAsync<AdminOperationException<CreateTopicReport>>(() => admin.CreateTopicsAsync([new TopicSpecification
        {
            Name = SharedBroker.UniqueTopic("badcfg"),
            Configs = new Dictionary<string, string> { ["cleanup.policy"] = "sometimes" },
        }]));
        Assert.Equal(ErrorCode.InvalidConfig, e.Code);
        Assert.False(string.IsNullOrEmpty(e.Results[0].Error.Message));
    }

    [Fact]
    public async Task DeleteTopics_Existing_RemovesItAndUnknownFails()
    {
        var broker = await SharedBroker.GetAsync();
        await using var admin = ClientFactory.Admin(broker);
        var name = SharedBroker.UniqueTopic("delete");
        await admin.CreateTopicsAsync([new TopicSpecification { Name = name, NumPartitions = 2 }]);
        Assert.Contains(name, (await admin.ListTopicsAsync()).Select(t => t.Name));

        var deleted = Assert.Single(await admin.DeleteTopicsAsync([name]));
        Assert.False(deleted.Error.IsError);
        Assert.DoesNotContain(name, (await admin.ListTopicsAsync()).Select(t => t.Name));

        var e = await Assert.ThrowsAsync<AdminOperationException<TopicReport>>(() => admin.DeleteTopicsAsync([name]));
        Assert.Equal(ErrorCode.UnknownTopicOrPartition, e.Code);
    }

    [Fact]
    public async Task ListTopics_HidesInternalTopicsUnlessAsked()
    {
        var broker = await SharedBroker.GetAsync();
        await using var admin = ClientFactory.Admin(broker);
        var name = SharedBroker.UniqueTopic("list");
        await admin.CreateTopicsAsync([new TopicSpecification { Name = name }]);
        var listed = await admin.ListTopicsAsync();
        var mine = Assert.Single(listed, t => t.Name == name);
        Assert.False(mine.IsInternal);
        Assert.False(mine.TopicId.IsZero);
        Assert.DoesNotContain(listed, t => t.IsInternal);
        Assert.Equal(listed.Select(t => t.Name).Order(StringComparer.Ordinal), listed.Select(t => t.Name));
    }

    [Fact]
    public async Task DescribeTopics_Unknown_FailsWithUnknownTopic()
    {
        var broker = await SharedBroker.GetAsync();
        await using var admin = ClientFactory.Admin(broker);
        var e = await Assert.ThrowsAsync<AdminOperationException<TopicDescription>>(() => admin.DescribeTopicsAsync([SharedBroker.UniqueTopic("nope")]));
        Assert.Equal(ErrorCode.UnknownTopicOrPartition, e.Code);
    }

    [Fact]
    public async Task CreatePartitions_Grows_AndRefusesToShrink()
    {
        var broker = await SharedBroker.GetAsync();
        await using var admin = ClientFactory.Admin(broker);
        var name = SharedBroker.UniqueTopic("grow");
        await admin.CreateTopicsAsync([new TopicSpecification { Name = name, NumPartitions = 1 }]);

        var validated = Assert.Single(await admin.CreatePartitionsAsync([new PartitionsSpecification(name, 3)], new AdminCallOptions { ValidateOnly = true }));
        Assert.False(validated.Error.IsError);
        Assert.Single(Assert.Single(await admin.DescribeTopicsAsync([name])).Partitions);

        Assert.False(Assert.Single(await admin.CreatePartitionsAsync([new PartitionsSpecification(name, 3)])).Error.IsError);
        Assert.Equal(3, Assert.Single(await admin.DescribeTopicsAsync([name])).Partitions.Count);

        var e = await Assert.ThrowsAsync<AdminOperationException<TopicReport>>(() => admin.CreatePartitionsAsync([new PartitionsSpecification(name, 2)]));
        Assert.Equal(ErrorCode.InvalidPartitions, e.Code);
    }
}
