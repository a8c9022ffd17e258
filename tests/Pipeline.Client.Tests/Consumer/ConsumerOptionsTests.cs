using Pipeline.Client.Config;
using Pipeline.Client.Group;

namespace Pipeline.Client.Tests.Consumer;

public sealed class ConsumerOptionsTests
{
    private static Dictionary<string, string> Config(params (string Key, string Value)[] entries)
    {
        var d = new Dictionary<string, string> { ["bootstrap.servers"] = "localhost:9092", ["group.id"] = "g" };
        foreach (var (k, v) in entries)
        {
            d[k] = v;
        }

        return d;
    }

    [Fact]
    public void FromConfig_OnlyBootstrapAndGroup_HasKafkasDefaults()
    {
        var o = ConsumerOptions.FromConfig(Config());
        Assert.Equal("g", o.GroupId);
        Assert.Null(o.GroupInstanceId);
        Assert.Equal(AutoOffsetReset.Latest, o.AutoOffsetReset);
        Assert.True(o.EnableAutoCommit);
        Assert.Equal(TimeSpan.FromSeconds(5), o.AutoCommitInterval);
        Assert.Equal(TimeSpan.FromSeconds(45), o.SessionTimeout);
        Assert.Equal(TimeSpan.FromSeconds(3), o.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromMinutes(5), o.MaxPollInterval);
        Assert.Equal(500, o.MaxPollRecords);
        Assert.Equal(1, o.FetchMinBytes);
        Assert.Equal(52428800, o.FetchMaxBytes);
        Assert.Equal(TimeSpan.FromMilliseconds(500), o.FetchMaxWait);
        Assert.Equal(1048576, o.MaxPartitionFetchBytes);
        Assert.Equal(IsolationLevel.ReadUncommitted, o.IsolationLevel);
        Assert.Equal(["range", "cooperative-sticky"], o.PartitionAssignmentStrategy);
        Assert.Equal(TimeSpan.FromMinutes(1), o.DefaultApiTimeout);
        Assert.True(o.EnableAutoOffsetStore);
        Assert.False(o.EnablePartitionEof);
    }

    [Fact]
    public void FromConfig_JavaClassNamesForAssignors_BecomeProtocolNames()
    {
        var o = ConsumerOptions.FromConfig(Config(("partition.assignment.strategy",
            "org.apache.kafka.clients.consumer.CooperativeStickyAssignor, org.apache.kafka.clients.consumer.RoundRobinAssignor,range")));
        Assert.Equal(["cooperative-sticky", "roundrobin", "range"], o.PartitionAssignmentStrategy);
    }

    [Fact]
    public void FromConfig_ParsesEveryKey()
    {
        var o = ConsumerOptions.FromConfig(Config(
            ("group.instance.id", "i-1"), ("auto.offset.reset", "earliest"), ("enable.auto.commit", "false"), ("isolation.level", "read_committed"),
            ("max.poll.records", "7"), ("session.timeout.ms", "10000"), ("heartbeat.interval.ms", "1000"), ("max.poll.interval.ms", "60000"),
            ("fetch.max.wait.ms", "50"), ("client.rack", "r1"), ("enable.auto.offset.store", "false")));
        Assert.Equal("i-1", o.GroupInstanceId);
        Assert.Equal(AutoOffsetReset.Earliest, o.AutoOffsetReset);
        Assert.False(o.EnableAutoCommit);
        Assert.Equal(IsolationLevel.ReadCommitted, o.IsolationLevel);
        Assert.Equal(7, o.MaxPollRecords);
        Assert.Equal(TimeSpan.FromSeconds(10), o.SessionTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), o.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromMinutes(1), o.MaxPollInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(50), o.FetchMaxWait);
        Assert.Equal("r1", o.ClientRack);
        Assert.False(o.EnableAutoOffsetStore);
        Assert.Equal("read_committed", o.ToConfig()["isolation.level"]);
        Assert.Equal("earliest", o.ToConfig()["auto.offset.reset"]);
    }

    [Fact]
    public void FromConfig_NoGroup_TurnsAutoCommitOffUnlessAskedFor()
    {
        var d = Config();
        d.Remove("group.id");
        Assert.False(ConsumerOptions.FromConfig(d).EnableAutoCommit);

        d["enable.auto.commit"] = "true";
        var e = Assert.Throws<KafkaConfigException>(() => ConsumerOptions.FromConfig(d));
        Assert.Equal("enable.auto.commit", e.Name);
    }

    [Theory]
    [InlineData("auto.offset.reset", "sometimes")]
    [InlineData("isolation.level", "read_dirty")]
    [InlineData("heartbeat.interval.ms", "50000")]
    [InlineData("max.poll.records", "0")]
    public void FromConfig_InvalidValue_Throws(string key, string value)
    {
        var e = Assert.Throws<KafkaConfigException>(() => ConsumerOptions.FromConfig(Config((key, value))));
        Assert.Contains(key, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GroupMemberOptions_FromConfig_NeedsAGroupAndReadsTheRebalanceTimeout()
    {
        var o = GroupMemberOptions.FromConfig(new Dictionary<string, string>
        {
            ["bootstrap.servers"] = "h:1", ["group.id"] = "connect-cluster", ["rebalance.timeout.ms"] = "60000", ["session.timeout.ms"] = "10000",
        });
        Assert.Equal("connect-cluster", o.GroupId);
        Assert.Equal(TimeSpan.FromMinutes(1), o.RebalanceTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), o.SessionTimeout);
        Assert.Throws<KafkaConfigException>(() => GroupMemberOptions.FromConfig(new Dictionary<string, string> { ["bootstrap.servers"] = "h:1" }));
    }
}
