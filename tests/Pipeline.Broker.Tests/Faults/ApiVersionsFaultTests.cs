using System.Buffers.Binary;
using Pipeline.Broker.Tests.Fixtures;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using Pipeline.Testing.Kafka;
using Xunit;

namespace Pipeline.Broker.Tests.Faults;

/// <summary>
/// KIP-511: a client may send ApiVersions at a version newer than the broker knows. The broker
/// answers UNSUPPORTED_VERSION with a v0-shaped body (and response header v0) that still lists
/// its ApiVersions range, so the client can retry at a version both support, on the same connection.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ApiVersionsFaultTests
{
    [Theory]
    [InlineData(5)]
    [InlineData(127)]
    [InlineData(short.MaxValue)]
    public async Task ApiVersions_VersionAboveSupported_AnswersUnsupportedVersionAsV0ListingApiVersions(short version)
    {
        await using var broker = await InProcessBroker.StartAsync();
        await using var client = await broker.ConnectAsync();

        // What a newer client sends: request header v2 and the newest body layout we know (v3),
        // labelled with a version the broker does not support.
        var frame = KafkaTestClient.EncodeRequest(new ApiVersionsRequest { ClientSoftwareName = "future-client", ClientSoftwareVersion = "9.9" }, 3, correlationId: 77, clientId: "future");
        BinaryPrimitives.WriteInt16BigEndian(frame.AsSpan(6), version);
        await client.SendRawAsync(frame);

        var payload = await client.ReceiveFrameAsync();
        Assert.True(payload is not null, $"ApiVersions v{version}: the broker closed the connection instead of answering UNSUPPORTED_VERSION\n{broker.Log}");
        var response = KafkaTestClient.DecodeResponse<ApiVersionsResponse>(payload, ApiKey.ApiVersions, 0, out var correlationId);
        Assert.Equal(77, correlationId);
        Assert.Equal((short)ErrorCode.UnsupportedVersion, response.ErrorCode);
        var own = Assert.Single(response.ApiKeys, k => k.ApiKey == (short)ApiKey.ApiVersions);
        Assert.Equal(0, own.MinVersion);
        Assert.True(own.MaxVersion is >= 3 and < 5, $"ApiVersions max version {own.MaxVersion}");

        // The connection stays usable: retry at the version the broker named.
        var retry = await client.SendAsync<ApiVersionsResponse>(new ApiVersionsRequest { ClientSoftwareName = "future-client", ClientSoftwareVersion = "9.9" }, own.MaxVersion);
        Assert.Equal(0, retry.ErrorCode);
        Assert.Contains(retry.ApiKeys, k => k.ApiKey == (short)ApiKey.Produce);
    }
}
