using Pipeline.Connect.Runtime.Rest;

namespace Pipeline.Connect.Runtime.Tests.Rest;

public sealed class ConnectRestOptionsTests
{
    [Fact]
    public void FromProperties_Defaults_ListenEverywhereOn8083()
    {
        var options = ConnectRestOptions.FromProperties(new Dictionary<string, string>());
        Assert.Equal([new RestListener("http", "", 8083)], options.Listeners);
        Assert.True(options.AdminEnabled);
        Assert.True(options.TopicTrackingEnabled);
    }

    [Fact]
    public void FromProperties_ReadsListenersAndAdvertisedSettings()
    {
        var options = ConnectRestOptions.FromProperties(new Dictionary<string, string>
        {
            ["listeners"] = "http://127.0.0.1:0, http://[::1]:9000",
            ["rest.advertised.host.name"] = "connect-1",
            ["rest.advertised.port"] = "18083",
            ["admin.listeners"] = " ",
        });

        Assert.Equal([new RestListener("http", "127.0.0.1", 0), new RestListener("http", "::1", 9000)], options.Listeners);
        Assert.Equal("connect-1", options.AdvertisedHostName);
        Assert.Equal(18083, options.AdvertisedPort);
        Assert.False(options.AdminEnabled);
    }

    [Theory]
    [InlineData("https://:8443")]
    [InlineData("127.0.0.1:8083")]
    [InlineData("http://host")]
    [InlineData("http://host:99999")]
    public void FromProperties_BadListener_Throws(string listeners) =>
        Assert.Throws<FormatException>(() => ConnectRestOptions.FromProperties(new Dictionary<string, string> { ["listeners"] = listeners }));
}
