using Pipeline.Broker.Config;
using Xunit;

namespace Pipeline.Broker.Tests.Config;

/// <summary>NAME://host:port listener entries, as in Kafka's listeners and advertised.listeners.</summary>
public sealed class ListenerEndpointTests
{
    [Theory]
    [InlineData("PLAINTEXT://127.0.0.1:9092", "PLAINTEXT", "127.0.0.1", 9092)]
    [InlineData("plaintext://broker-1.example:19092", "PLAINTEXT", "broker-1.example", 19092)]
    [InlineData("PLAINTEXT://:9092", "PLAINTEXT", "", 9092)]
    [InlineData("CONTROLLER://0.0.0.0:0", "CONTROLLER", "0.0.0.0", 0)]
    [InlineData("EXTERNAL://[::1]:9094", "EXTERNAL", "::1", 9094)]
    public void Parse_ValidEntry_ReadsNameHostAndPort(string text, string name, string host, int port)
    {
        Assert.Equal(new ListenerEndpoint(name, host, port), ListenerEndpoint.Parse(text, "listeners"));
    }

    [Theory]
    [InlineData("127.0.0.1:9092")]
    [InlineData("PLAINTEXT://127.0.0.1")]
    [InlineData("PLAINTEXT://127.0.0.1:port")]
    [InlineData("PLAINTEXT://127.0.0.1:70000")]
    [InlineData("PLAINTEXT://[::1:9092")]
    public void Parse_InvalidEntry_ThrowsNamingTheKey(string text)
    {
        var e = Assert.Throws<BrokerConfigException>(() => ListenerEndpoint.Parse(text, "listeners"));

        Assert.Equal("listeners", e.Key);
        Assert.Contains(text, e.Message);
    }

    [Fact]
    public void ParseList_SeveralEntries_KeepsTheirOrder()
    {
        var list = ListenerEndpoint.ParseList(" PLAINTEXT://:9092 , CONTROLLER://:9093 ", "listeners");

        Assert.Equal(["PLAINTEXT", "CONTROLLER"], list.Select(l => l.Name));
    }

    [Fact]
    public void ParseList_SameNameTwice_Throws()
    {
        Assert.Throws<BrokerConfigException>(() => ListenerEndpoint.ParseList("PLAINTEXT://:9092,PLAINTEXT://:9093", "listeners"));
    }

    [Fact]
    public void ToString_BracketsIpv6Hosts()
    {
        Assert.Equal("EXTERNAL://[::1]:9094", new ListenerEndpoint("EXTERNAL", "::1", 9094).ToString());
        Assert.Equal("PLAINTEXT://h:1", new ListenerEndpoint("PLAINTEXT", "h", 1).ToString());
    }
}
