using Pipeline.Broker.Config;
using Xunit;

namespace Pipeline.Broker.Tests.Config;

/// <summary>Broker settings: Kafka's names and defaults, and a clear error naming the key for values
/// the broker cannot use.</summary>
public sealed class BrokerConfigTests
{
    [Fact]
    public void EmptyProperties_GiveKafkasDefaults()
    {
        var config = new BrokerConfig(new Dictionary<string, string>());

        Assert.Equal(1, config.NodeId);
        Assert.Equal(["broker", "controller"], config.ProcessRoles);
        Assert.Equal(["PLAINTEXT", "CONTROLLER"], config.Listeners.Select(l => l.Name));
        Assert.Equal(["CONTROLLER"], config.ControllerListenerNames);
        Assert.Equal(1, config.NumPartitions);
        Assert.Equal(1, config.DefaultReplicationFactor);
        Assert.True(config.AutoCreateTopicsEnable);
        Assert.True(config.DeleteTopicEnable);
        Assert.Equal(104_857_600, config.SocketRequestMaxBytes);
        Assert.Equal(57_671_680, config.FetchMaxBytes);
        Assert.Equal(500, config.QueuedMaxRequests);
        Assert.Equal(600_000, config.ConnectionsMaxIdleMs);
        Assert.Equal([Path.GetFullPath("./data")], config.LogDirs);
        Assert.Null(config.Rack);
        Assert.Empty(config.AdvertisedListeners);
    }

    [Fact]
    public void Settings_AreReadWithKafkasNames()
    {
        var config = new BrokerConfig(new Dictionary<string, string>
        {
            ["node.id"] = "5",
            ["num.partitions"] = "6",
            ["default.replication.factor"] = "1",
            ["auto.create.topics.enable"] = "false",
            ["delete.topic.enable"] = "false",
            ["log.dirs"] = "/tmp/a, /tmp/b",
            ["broker.rack"] = "r1",
            ["advertised.listeners"] = "PLAINTEXT://public.example:9092",
            ["fetch.max.bytes"] = "1024",
        });

        Assert.Equal(5, config.NodeId);
        Assert.Equal(6, config.NumPartitions);
        Assert.False(config.AutoCreateTopicsEnable);
        Assert.False(config.DeleteTopicEnable);
        Assert.Equal(["/tmp/a", "/tmp/b"], config.LogDirs);
        Assert.Equal("r1", config.Rack);
        Assert.Equal(new ListenerEndpoint("PLAINTEXT", "public.example", 9092), Assert.Single(config.AdvertisedListeners));
        Assert.Equal(1024, config.FetchMaxBytes);
    }

    [Fact]
    public void LogDir_IsUsedWhenLogDirsIsAbsent()
    {
        var config = new BrokerConfig(new Dictionary<string, string> { ["log.dir"] = "/tmp/single" });

        Assert.Equal(["/tmp/single"], config.LogDirs);
    }

    [Fact]
    public void BrokerId_IsTheNodeIdWhenNodeIdIsAbsent()
    {
        Assert.Equal(9, new BrokerConfig(new Dictionary<string, string> { ["broker.id"] = "9" }).NodeId);
        Assert.Equal(4, new BrokerConfig(new Dictionary<string, string> { ["broker.id"] = "9", ["node.id"] = "4" }).NodeId);
    }

    [Fact]
    public void Get_ReturnsTheConfiguredValueElseTheDefaultElseNull()
    {
        var config = new BrokerConfig(new Dictionary<string, string> { ["log.retention.check.interval.ms"] = "1000" });

        Assert.Equal("1000", config.Get("log.retention.check.interval.ms"));
        Assert.Equal("true", config.Get("log.cleaner.enable"));
        Assert.Null(config.Get("no.such.setting"));
    }

    [Theory]
    [InlineData("node.id", "-1")]
    [InlineData("node.id", "one")]
    [InlineData("num.partitions", "0")]
    [InlineData("socket.request.max.bytes", "100MB")]
    [InlineData("auto.create.topics.enable", "yes")]
    [InlineData("connections.max.idle.ms", "forever")]
    [InlineData("listeners", "PLAINTEXT:9092")]
    public void InvalidValue_ThrowsNamingTheKeyAndTheValue(string key, string value)
    {
        var e = Assert.Throws<BrokerConfigException>(() => new BrokerConfig(new Dictionary<string, string> { [key] = value }));

        Assert.Equal(key, e.Key);
        Assert.Contains(value, e.Message);
    }

    [Fact]
    public void BrokerRole_WithOnlyAControllerListener_Throws()
    {
        var e = Assert.Throws<BrokerConfigException>(() => new BrokerConfig(new Dictionary<string, string> { ["listeners"] = "CONTROLLER://:9093" }));

        Assert.Equal("listeners", e.Key);
    }

    [Fact]
    public void ControllerOnlyRole_NeedsNoBrokerListener()
    {
        var config = new BrokerConfig(new Dictionary<string, string> { ["process.roles"] = "controller", ["listeners"] = "CONTROLLER://:9093" });

        Assert.Equal(["controller"], config.ProcessRoles);
    }

    [Fact]
    public void Defs_HaveUniqueNamesAndDocumentation()
    {
        Assert.Equal(BrokerConfigDef.Keys.Count, BrokerConfigDef.Keys.Select(k => k.Name).Distinct().Count());
        Assert.All(BrokerConfigDef.Keys, k => Assert.False(string.IsNullOrWhiteSpace(k.Documentation), k.Name));
    }
}
