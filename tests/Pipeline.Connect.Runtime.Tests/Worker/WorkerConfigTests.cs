using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Runtime.Worker;
using Pipeline.Protocol.Config;
using Pipeline.Testing.IO;

namespace Pipeline.Connect.Runtime.Tests.Worker;

public sealed class WorkerConfigTests
{
    private static Dictionary<string, string> Minimal() => new()
    {
        ["key.converter"] = "org.apache.kafka.connect.json.JsonConverter",
        ["value.converter"] = "org.apache.kafka.connect.json.JsonConverter",
    };

    [Fact]
    public void Defaults_MinimalConfig_KafkasValues()
    {
        var config = new WorkerConfig(Minimal());
        Assert.Equal("localhost:9092", config.BootstrapServers);
        Assert.Equal(TimeSpan.FromMinutes(1), config.OffsetFlushInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), config.OffsetFlushTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), config.TaskShutdownGracefulTimeout);
        Assert.Equal(WorkerConfig.DefaultHeaderConverter, config.HeaderConverter);
        Assert.Equal(["http://:8083"], config.Listeners);
        Assert.True(config.TopicCreationEnable);
        Assert.Empty(config.PluginPath);
        Assert.Null(config.GroupId);
        Assert.Equal(25, config.OffsetStoragePartitions);
        Assert.Equal(5, config.StatusStoragePartitions);
        Assert.Equal((short)3, config.ConfigStorageReplicationFactor);
        Assert.Equal(TimeSpan.FromMinutes(5), config.ScheduledRebalanceMaxDelay);
        Assert.Equal(TimeSpan.FromSeconds(10), config.SessionTimeout);
        Assert.Equal(TimeSpan.FromSeconds(3), config.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromMinutes(1), config.RebalanceTimeout);
        Assert.Equal("sessioned", config.ConnectProtocol);
    }

    [Fact]
    public void Constructor_NoValueConverter_ConfigExceptionNamesIt()
    {
        var props = Minimal();
        props.Remove("value.converter");
        var e = Assert.Throws<ConfigException>(() => new WorkerConfig(props));
        Assert.Equal("value.converter", e.Name);
    }

    [Fact]
    public void ClientConfigs_PrefixedKeys_StrippedWithBootstrapServers()
    {
        var props = Minimal();
        props["bootstrap.servers"] = "a:1,b:2";
        props["producer.linger.ms"] = "7";
        props["consumer.max.poll.records"] = "10";
        props["admin.request.timeout.ms"] = "999";
        var config = new WorkerConfig(props);
        Assert.Equal(new Dictionary<string, string> { ["bootstrap.servers"] = "a:1,b:2", ["linger.ms"] = "7" }, config.ProducerConfigs());
        Assert.Equal("10", config.ConsumerConfigs()["max.poll.records"]);
        Assert.Equal("999", config.AdminConfigs()["request.timeout.ms"]);
        Assert.DoesNotContain("linger.ms", config.ConsumerConfigs().Keys);
    }

    [Fact]
    public void AdvertisedWorkerId_ListenerAndOverrides_HostColonPort()
    {
        var props = Minimal();
        props["listeners"] = "http://127.0.0.1:9999";
        Assert.Equal("127.0.0.1:9999", new WorkerConfig(props).AdvertisedWorkerId());
        props["rest.advertised.host.name"] = "connect-1";
        props["rest.advertised.port"] = "8083";
        var config = new WorkerConfig(props);
        Assert.Equal("connect-1:8083", config.AdvertisedWorkerId());
        Assert.Equal("http://connect-1:8083", config.AdvertisedUrl());
    }

    [Fact]
    public void EnsureDistributed_MissingTopics_Throws()
    {
        var props = Minimal();
        props["group.id"] = "connect";
        Assert.Throws<ConfigException>(() => new WorkerConfig(props).EnsureDistributed());
        props["config.storage.topic"] = "c";
        props["offset.storage.topic"] = "o";
        props["status.storage.topic"] = "s";
        new WorkerConfig(props).EnsureDistributed();
        Assert.Throws<ConfigException>(() => new WorkerConfig(props).EnsureStandalone());
    }

    [Fact]
    public void Load_PropertiesFileWithOverrides_OverridesWin()
    {
        using var dir = new TempDirectory("worker-config");
        var path = dir.Combine("worker.properties");
        File.WriteAllText(path, "# a worker\nbootstrap.servers=localhost:9092\nkey.converter=org.apache.kafka.connect.storage.StringConverter\nvalue.converter : org.apache.kafka.connect.storage.StringConverter\noffset.flush.interval.ms 10000\nplugin.path=/a,\\\n  /b\n");
        var config = WorkerConfig.Load(path, ["offset.flush.interval.ms=2000", "group.id=g"]);
        Assert.Equal(TimeSpan.FromSeconds(2), config.OffsetFlushInterval);
        Assert.Equal("g", config.GroupId);
        Assert.Equal(["/a", "/b"], config.PluginPath);
        Assert.Equal("org.apache.kafka.connect.storage.StringConverter", config.ValueConverter);
        Assert.Throws<ArgumentException>(() => WorkerConfig.Load(path, ["nokeyvalue"]));
    }

    [Fact]
    public void PropertiesFile_EscapesAndComments_ParsedLikeJava()
    {
        var parsed = PropertiesFile.Parse("! comment\n# another\nkey\\ with\\ spaces = v\\u0041lue\nempty=\ncolon:x\n  indented = y\n");
        Assert.Equal("vAlue", parsed["key with spaces"]);
        Assert.Equal("", parsed["empty"]);
        Assert.Equal("x", parsed["colon"]);
        Assert.Equal("y", parsed["indented"]);
        Assert.Equal(4, parsed.Count);
    }
}
