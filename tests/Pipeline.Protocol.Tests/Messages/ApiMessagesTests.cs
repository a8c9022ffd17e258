using Pipeline.Protocol.Messages;
using Pipeline.Protocol.Primitives;
using Xunit;

namespace Pipeline.Protocol.Tests.Messages;

public sealed class ApiMessagesTests
{
    [Fact]
    public void CreateRequestAndResponse_EveryKey_MatchInfo()
    {
        Assert.Equal(88, ApiMessages.All.Count);
        foreach (var key in Enum.GetValues<ApiKey>())
        {
            var info = ApiMessages.Info(key);
            var request = ApiMessages.CreateRequest(key);
            var response = ApiMessages.CreateResponse(key);
            Assert.Equal(key, info.Key);
            Assert.Equal(key, request.ApiKey);
            Assert.Equal(key, response.ApiKey);
            Assert.Equal(info.Name + "Request", request.GetType().Name);
            Assert.Equal(info.Name + "Response", response.GetType().Name);
            Assert.Equal(info.LowestVersion, request.LowestVersion);
            Assert.Equal(info.HighestVersion, request.HighestVersion);
            Assert.Equal(info.HighestVersion, response.HighestVersion);
            Assert.True(ApiMessages.IsKnown((short)key));
        }
    }

    [Fact]
    public void All_IsOrderedByKey()
    {
        for (var i = 0; i < ApiMessages.All.Count; i++)
        {
            Assert.Equal(i, (int)ApiMessages.All[i].Key);
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(88)]
    [InlineData(short.MaxValue)]
    public void IsKnown_UnusedKey_False(short key) => Assert.False(ApiMessages.IsKnown(key));

    [Fact]
    public void Factories_UnknownKey_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ApiMessages.CreateRequest((ApiKey)200));
        Assert.Throws<ArgumentOutOfRangeException>(() => ApiMessages.CreateResponse((ApiKey)(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ApiMessages.Info((ApiKey)88));
    }

    [Fact]
    public void Info_Produce_MatchesSpec()
    {
        var info = ApiMessages.Info(ApiKey.Produce);
        Assert.Equal(new ApiInfo(ApiKey.Produce, "Produce", 0, 11, 9, new VersionRange(0, 6), false, ApiListeners.ZkBroker | ApiListeners.Broker), info);
        Assert.Equal(ProduceRequest.LowestFlexibleVersion, info.LowestFlexibleVersion);
    }

    [Fact]
    public void Info_SpecialCases_MatchSpec()
    {
        Assert.Equal(short.MaxValue, ApiMessages.Info(ApiKey.SaslHandshake).LowestFlexibleVersion);
        Assert.False(ApiMessages.Info(ApiKey.SaslHandshake).IsFlexible(1));
        Assert.True(ApiMessages.Info(ApiKey.EndTxn).LatestVersionUnstable);
        Assert.Null(ApiMessages.Info(ApiKey.ApiVersions).DeprecatedVersions);
        Assert.Equal(ApiListeners.Controller, ApiMessages.Info(ApiKey.Vote).Listeners);
        Assert.Equal(18, (short)ApiKey.ApiVersions);
        Assert.Equal(87, (short)ApiKey.ReadShareGroupStateSummary);
    }

    [Theory]
    [InlineData(ApiKey.ControlledShutdown, 0, 0)]
    [InlineData(ApiKey.ControlledShutdown, 1, 1)]
    [InlineData(ApiKey.ControlledShutdown, 3, 2)]
    [InlineData(ApiKey.Produce, 8, 1)]
    [InlineData(ApiKey.Produce, 9, 2)]
    [InlineData(ApiKey.ApiVersions, 3, 2)]
    [InlineData(ApiKey.SaslHandshake, 1, 1)]
    public void RequestHeaderVersion_FollowsFlexibleVersions(ApiKey key, short apiVersion, short expected) =>
        Assert.Equal(expected, ApiMessages.RequestHeaderVersion(key, apiVersion));

    [Theory]
    [InlineData(ApiKey.ApiVersions, 0, 0)]
    [InlineData(ApiKey.ApiVersions, 3, 0)]
    [InlineData(ApiKey.ApiVersions, 4, 0)]
    [InlineData(ApiKey.Produce, 8, 0)]
    [InlineData(ApiKey.Produce, 9, 1)]
    [InlineData(ApiKey.Metadata, 12, 1)]
    public void ResponseHeaderVersion_FollowsFlexibleVersionsExceptApiVersions(ApiKey key, short apiVersion, short expected) =>
        Assert.Equal(expected, ApiMessages.ResponseHeaderVersion(key, apiVersion));

    [Fact]
    public void WriteTaggedFieldsBefore_MergesUnknownTagsInOrder()
    {
        List<RawTaggedField> unknown = [new(0, [0x10]), new(3, [0x13]), new(7, [0x17])];
        using var writer = new ProtocolWriter();
        var index = 0;
        MessageSupport.WriteTaggedFieldsBefore(writer, unknown, 5, ref index);
        Assert.Equal(2, index);
        writer.WriteUInt8(0x99);
        MessageSupport.WriteRemainingTaggedFields(writer, unknown, index);
        Assert.Equal(new byte[] { 0x00, 0x01, 0x10, 0x03, 0x01, 0x13, 0x99, 0x07, 0x01, 0x17 }, writer.WrittenSpan.ToArray());
    }
}
