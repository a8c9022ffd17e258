using Pipeline.Client.Admin;
using Pipeline.Client.Tests.Fixtures;
using Pipeline.Protocol;

namespace Pipeline.Client.Tests.Admin;

[Trait("Category", "Integration")]
public sealed class ConfigAdminTests
{
    [Fact]
    public async Task IncrementalAlterConfigs_SetThenDelete_DescribeFollows()
    {
        var broker = await SharedBroker.GetAsync();
        await using var admin = ClientFactory.Admin(broker);
        var name = SharedBroker.UniqueTopic("incr");
        await admin.CreateTopicsAsync([new TopicSpecification { Name = name }]);
        var resource = ConfigResource.Topic(name);

        var set = await admin.IncrementalAlterConfigsAsync(new Dictionary<ConfigResource, IReadOnlyList<ConfigAlteration>>
        {
            [resource] = [new ConfigAlteration("retention.ms", "60000"), new ConfigAlteration("cleanup.policy", "compact", AlterConfigOpType.Set)],
        });
        Assert.False(Assert.Single(set).Error.IsError);
        var described = Assert.Single(await admin.DescribeConfigsAsync([resource]));
        Assert.Equal("60000", described["retention.ms"]?.Value);
        Assert.Equal(ConfigSource.TopicConfig, described["retention.ms"]?.Source);

        await admin.IncrementalAlterConfigsAsync(new Dictionary<ConfigResource, IReadOnlyList<ConfigAlteration>>
        {
            [resource] = [new ConfigAlteration("retention.ms", null, AlterConfigOpType.Delete), new ConfigAlteration("cleanup.policy", "delete", AlterConfigOpType.Append)],
        });
        described = Assert.Single(await admin.DescribeConfigsAsync([resource]));
        Assert.NotEqual(ConfigSource.TopicConfig, described["retention.ms"]?.Source);
        Assert.Equal("compact,delete", described["cleanup.policy"]?.Value);
    }

    [Fact]
    public async Task IncrementalAlterConfigs_ValidateOnly_ChangesNothing()
    {
        var broker = await SharedBroker.GetAsync();
        await using var admin = ClientFactory.Admin(broker);
        var name = SharedBroker.UniqueTopic("incrv");
        await admin.CreateTopicsAsync([new TopicSpecification { Name = name }]);
        var resource = ConfigResource.Topic(name);
        await admin.IncrementalAlterConfigsAsync(
            new Dictionary<ConfigResource, IReadOnlyList<ConfigAlteration>> { [resource] = [new ConfigAlteration("retention.ms", "60000")] },
            new AdminCallOptions { ValidateOnly = true });
        Assert.NotEqual("60000", Assert.Single(await admin.DescribeConfigsAsync([resource]))["retention.ms"]?.Value);
    }

    [Fact]
    public async Task AlterConfigs_ReplacesTheWholeSetOfOverrides()
    {
        var broker = await SharedBroker.GetAsync();
        await using var admin = ClientFactory.Admin(broker);
        var name = SharedBroker.UniqueTopic("alter");
        await admin.CreateTopicsAsync([new TopicSpecification { Name = name, Configs = new Dictionary<string, string> { ["retention.ms"] = "1000" } }]);
        var resource = ConfigResource.Topic(name);

        var result = await admin.AlterConfigsAsync(new Dictionary<ConfigResource, IReadOnlyDictionary<string, string?>>
        {
            [resource] = new Dictionary<string, string?> { ["segment.bytes"] = "1048576" },
        });
        Assert.False(Assert.Single(result).Error.IsError);
        var described = Assert.Single(await admin.DescribeConfigsAsync([resource]));
        Assert.Equal("1048576", described["segment.bytes"]?.Value);
        Assert.NotEqual(ConfigSource.TopicConfig, described["retention.ms"]?.Source);
    }

    [Fact]
    public async Task AlterConfigs_InvalidValue_FailsWithInvalidConfig()
    {
        var broker = await SharedBroker.GetAsync();
        await using var admin = ClientFactory.Admin(broker);
        var name = SharedBroker.UniqueTopic("alterbad");
        await admin.CreateTopicsAsync([new TopicSpecification { Name = name }]);
        var e = await Assert.ThrowsAsync<AdminOperationException<ConfigResourceReport>>(() => admin.AlterConfigsAsync(
            new Dictionary<ConfigResource, IReadOnlyDictionary<string, string?>> { [ConfigResource.Topic(name)] = new Dictionary<string, string?> { ["retention.ms"] = "soon" } }));
        Assert.Equal(ErrorCode.InvalidConfig, e.Code);
    }

    [Fact]
    public async Task DescribeConfigs_BrokerResource_GoesToThatBroker()
    {
        var broker = await SharedBroker.GetAsync();
        await using var admin = ClientFactory.Admin(broker);
        var report = Assert.Single(await admin.DescribeConfigsAsync([ConfigResource.Broker(1)], new AdminCallOptions { IncludeSynonyms = true }));
        Assert.False(report.Error.IsError);
        Assert.NotEmpty(report.Entries);
        Assert.NotNull(report["log.dirs"] ?? report["num.partitions"]);
    }

    [Fact]
    public async Task DescribeConfigs_UnknownTopic_Fails()
    {
        var broker = await SharedBroker.GetAsync();
        await using var admin = ClientFactory.Admin(broker);
        var e = await Assert.ThrowsAsync<AdminOperationException<DescribeConfigsReport>>(() => admin.DescribeConfigsAsync([ConfigResource.Topic(SharedBroker.UniqueTopic("ghost"))]));
        Assert.Equal(ErrorCode.UnknownTopicOrPartition, e.Code);
    }
}
