using Pipeline.Client.Network;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Client.Tests.Network;

public sealed class ApiVersionTableTests
{
    private static ApiVersionTable Table(params (ApiKey Key, short Min, short Max)[] apis)
    {
        var response = new ApiVersionsResponse();
        foreach (var (k, min, max) in apis)
        {
            response.ApiKeys.Add(new ApiVersionsResponse.ApiVersion { ApiKey = (short)k, MinVersion = min, MaxVersion = max });
        }

        return new ApiVersionTable(response);
    }

    [Fact]
    public void Pick_HighestCommonVersion()
    {
        var table = Table((ApiKey.Produce, 0, 99), (ApiKey.Metadata, 0, 4), (ApiKey.Fetch, 13, 20));
        Assert.Equal(ApiVersionTable.ClientMax(ApiKey.Produce), table.Pick(ApiKey.Produce));
        Assert.Equal(4, table.Pick(ApiKey.Metadata));
        Assert.Equal(-1, table.Pick(ApiKey.Metadata, minVersion: 5));
        Assert.Equal(-1, table.Pick(ApiKey.CreateTopics));
    }

    [Fact]
    public void Require_Unsupported_ThrowsUnsupportedVersion()
    {
        var e = Assert.Throws<KafkaException>(() => Table((ApiKey.Metadata, 0, 4)).Require(ApiKey.InitProducerId));
        Assert.Equal(ErrorCode.UnsupportedVersion, e.Code);
    }

    [Fact]
    public void ClientMax_NeverAnUnstableVersion()
    {
        var info = ApiMessages.Info(ApiKey.ConsumerGroupHeartbeat);
        Assert.True(info.LatestVersionUnstable);
        Assert.Equal(info.HighestVersion - 1, ApiVersionTable.ClientMax(ApiKey.ConsumerGroupHeartbeat));
    }
}
