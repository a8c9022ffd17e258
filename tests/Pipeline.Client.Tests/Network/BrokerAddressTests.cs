using Pipeline.Client.Config;
using Pipeline.Client.Network;

namespace Pipeline.Client.Tests.Network;

public sealed class BrokerAddressTests
{
    [Fact]
    public void ParseList_AcceptsKafkasForms()
    {
        Assert.Equal(
            [new BrokerAddress("a", 9092), new BrokerAddress("10.0.0.1", 1), new BrokerAddress("::1", 9093), new BrokerAddress("b", 5)],
            BrokerAddress.ParseList(" a:9092, 10.0.0.1:1 ,[::1]:9093,,PLAINTEXT://b:5"));
    }

    [Theory]
    [InlineData("nohost")]
    [InlineData("host:")]
    [InlineData("host:70000")]
    [InlineData(":9092")]
    public void ParseList_Invalid_ThrowsConfigException(string servers)
    {
        var e = Assert.Throws<KafkaConfigException>(() => BrokerAddress.ParseList(servers));
        Assert.Contains("Invalid url in bootstrap.servers", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_BracketsIpv6() => Assert.Equal("[::1]:9092", new BrokerAddress("::1", 9092).ToString());
}
