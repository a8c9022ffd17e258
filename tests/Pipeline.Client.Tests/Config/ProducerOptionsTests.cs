using Pipeline.Client.Config;
using Pipeline.Protocol.Records;

namespace Pipeline.Client.Tests.Config;

public sealed class ProducerOptionsTests
{
    private static Dictionary<string, string> Config(params (string Key, string Value)[] entries)
    {
        var d = new Dictionary<string, string> { ["bootstrap.servers"] = "localhost:9092" };
        foreach (var (k, v) in entries)
        {
            d[k] = v;
        }

        return d;
    }

    [Fact]
    public void FromConfig_OnlyBootstrap_HasKafkasDefaults()
    {
        var o = ProducerOptions.FromConfig(Config());
        Assert.Equal(Acks.All, o.Acks);
        Assert.Equal(TimeSpan.FromMilliseconds(5), o.Linger);
        Assert.Equal(16384, o.BatchSize);
        Assert.Equal(33554432, o.BufferMemory);
        Assert.Equal(CompressionType.None, o.CompressionType);
        Assert.True(o.EnableIdempotence);
        Assert.Equal(int.MaxValue, o.Retries);
        Assert.Equal(TimeSpan.FromMilliseconds(120000), o.DeliveryTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(30000), o.RequestTimeout);
        Assert.Equal(5, o.MaxInFlightRequestsPerConnection);
        Assert.Equal(1048576, o.MaxRequestSize);
        Assert.Equal(TimeSpan.FromMilliseconds(300000), o.MetadataMaxAge);
        Assert.Equal(TimeSpan.FromMilliseconds(100), o.RetryBackoff);
        Assert.Equal(TimeSpan.FromMilliseconds(60000), o.MaxBlock);
        Assert.Equal(ProducerOptions.Default with { BootstrapServers = "localhost:9092" }, o);
    }

    [Fact]
    public void FromConfig_ParsesEveryKey_AndToConfigRoundTrips()
    {
        var o = ProducerOptions.FromConfig(Config(
            ("client.id", "me"), ("acks", "1"), ("linger.ms", "20"), ("batch.size", "1000"), ("buffer.memory", "99999"),
            ("compression.type", "zstd"), ("compression.zstd.level", "7"), ("enable.idempotence", "false"), ("retries", "3"),
            ("delivery.timeout.ms", "50000"), ("request.timeout.ms", "10000"), ("max.in.flight.requests.per.connection", "2"),
            ("max.request.size", "2000000"), ("metadata.max.age.ms", "1000"), ("retry.backoff.ms", "7"), ("max.block.ms", "123")));
        Assert.Equal(("me", Acks.Leader, TimeSpan.FromMilliseconds(20), 1000, 99999L), (o.ClientId, o.Acks, o.Linger, o.BatchSize, o.BufferMemory));
        Assert.Equal((CompressionType.Zstd, 7, false, 3), (o.CompressionType, o.ZstdLevel, o.EnableIdempotence, o.Retries));
        Assert.Equal((TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(10), 2, 2000000), (o.DeliveryTimeout, o.RequestTimeout, o.MaxInFlightRequestsPerConnection, o.MaxRequestSize));
        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(7), TimeSpan.FromMilliseconds(123)), (o.MetadataMaxAge, o.RetryBackoff, o.MaxBlock));
        Assert.Equal(o, ProducerOptions.FromConfig(o.ToConfig()));
        Assert.Equal("1", o.ToConfig()["acks"]);
        Assert.Equal("all", ProducerOptions.Default.ToConfig()["acks"]);
    }

    [Theory]
    [InlineData("acks", "1")]
    [InlineData("acks", "0")]
    [InlineData("retries", "0")]
    [InlineData("max.in.flight.requests.per.connection", "6")]
    public void FromConfig_ConflictWithImplicitIdempotence_TurnsItOff(string key, string value)
    {
        Assert.False(ProducerOptions.FromConfig(Config((key, value))).EnableIdempotence);
    }

    [Fact]
    public void FromConfig_ConflictWithExplicitIdempotence_Throws()
    {
        var e = Assert.Throws<KafkaConfigException>(() => ProducerOptions.FromConfig(Config(("acks", "1"), ("enable.idempotence", "true"))));
        Assert.Contains("acks to all", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfig_DeliveryTimeoutBelowLingerPlusRequestTimeout_RaisedWhenImplicitRejectedWhenExplicit()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(200000), ProducerOptions.FromConfig(Config(("request.timeout.ms", "150000"), ("linger.ms", "50000"))).DeliveryTimeout);
        Assert.Throws<KafkaConfigException>(() => ProducerOptions.FromConfig(Config(("delivery.timeout.ms", "1000"))));
    }

    [Theory]
    [InlineData("linger.ms", "soon", "Invalid value soon for configuration linger.ms: Not a number of type LONG")]
    [InlineData("acks", "2", "Invalid value 2 for configuration acks: String must be one of: all, -1, 0, 1")]
    [InlineData("compression.type", "brotli", "Invalid value brotli for configuration compression.type: String must be one of: none, gzip, snappy, lz4, zstd")]
    [InlineData("enable.idempotence", "yes", "Invalid value yes for configuration enable.idempotence: Expected value to be either true or false")]
    [InlineData("batch.size", "-1", "Invalid value -1 for configuration batch.size: Value must be at least 0")]
    public void FromConfig_BadValue_NamesKeyAndReason(string key, string value, string message)
    {
        var e = Assert.Throws<KafkaConfigException>(() => ProducerOptions.FromConfig(Config((key, value))));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void FromConfig_MissingBootstrap_Throws()
    {
        var e = Assert.Throws<KafkaConfigException>(() => ProducerOptions.FromConfig(new Dictionary<string, string>()));
        Assert.Contains("bootstrap.servers", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfig_UnknownKeysAndTransactions()
    {
        Assert.Equal("localhost:9092", ProducerOptions.FromConfig(Config(("some.plugin.setting", "x"))).BootstrapServers);
        Assert.Throws<KafkaConfigException>(() => ProducerOptions.FromConfig(Config(("transactional.id", "tx"))));
    }

    [Fact]
    public void AdminClientOptions_FromConfig_ReadsApiTimeout()
    {
        var o = AdminClientOptions.FromConfig(new Dictionary<string, string> { ["bootstrap.servers"] = "a:1,b:2", ["default.api.timeout.ms"] = "5000" });
        Assert.Equal(TimeSpan.FromSeconds(5), o.DefaultApiTimeout);
        Assert.Equal(TimeSpan.FromMinutes(1), AdminClientOptions.Default.DefaultApiTimeout);
        Assert.Equal(o, AdminClientOptions.FromConfig(o.ToConfig()));
    }
}
