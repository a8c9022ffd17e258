using System.Buffers.Binary;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Client.Network;
using Pipeline.Client.Tests.Fixtures;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using Pipeline.Testing.Network;

namespace Pipeline.Client.Tests.Network;

[Trait("Category", "Integration")]
public sealed class KafkaConnectionTests
{
    private static ConnectionSettings Settings(TimeSpan? requestTimeout = null) =>
        new("conn-test", requestTimeout ?? TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), -1, -1, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200));

    private static Task<KafkaConnection> ConnectAsync(FakeKafkaBroker broker, ConnectionSettings? settings = null) =>
        KafkaConnection.ConnectAsync(broker.NodeId, new BrokerAddress("127.0.0.1", broker.Port), settings ?? Settings(), NullLogger.Instance, CancellationToken.None);

    [Fact]
    public async Task Connect_NegotiatesApiVersionsAtTheHighestVersion_AndSendsTheClientId()
    {
        await using var broker = new FakeKafkaBroker();
        await using var connection = await ConnectAsync(broker);
        var handshake = Assert.Single(broker.Received);
        Assert.Equal(ApiKey.ApiVersions, handshake.ApiKey);
        Assert.Equal(ApiVersionTable.ClientMax(ApiKey.ApiVersions), handshake.Version);
        Assert.Equal("conn-test", handshake.ClientId);
        var request = handshake.Read<ApiVersionsRequest>();
        Assert.Equal("pipeline-dotnet", request.ClientSoftwareName);
        Assert.Equal(ApiVersionTable.ClientMax(ApiKey.Metadata), connection.Versions.Pick(ApiKey.Metadata));
    }

    [Fact]
    public async Task Connect_BrokerAnswersUnsupportedVersion_RetriesAtItsHighestPerKip511()
    {
        await using var broker = new FakeKafkaBroker();
        broker.Handler = r => r.ApiKey == ApiKey.ApiVersions && r.Version > 2
            ? new FakeReply { RawBody = V0Body(35, (ApiKey.ApiVersions, 0, 2)) }
            : FakeKafkaBroker.Fallback;
        await using var connection = await ConnectAsync(broker);
        Assert.Equal([ApiVersionTable.ClientMax(ApiKey.ApiVersions), (short)2], broker.Received.Select(r => r.Version));
        var response = await connection.SendAsync<MetadataResponse>(new MetadataRequest { Topics = [] }, connection.Versions.Require(ApiKey.Metadata));
        Assert.Equal("fake-cluster", response.ClusterId);
    }

    [Fact]
    public async Task Connect_UnsupportedVersionWithAnUnreadableBody_StepsDownOneVersionAtATime()
    {
        // What librdkafka 2.0.2's mock cluster sends: a flexible-encoded error body that is not KIP-511's v0 shape.
        await using var broker = new FakeKafkaBroker();
        broker.Handler = r => r.ApiKey == ApiKey.ApiVersions && r.Version > 2
            ? new FakeReply { RawBody = Convert.FromHexString("0023010012000000020000000000") }
            : FakeKafkaBroker.Fallback;
        await using var connection = await ConnectAsync(broker);
        var max = ApiVersionTable.ClientMax(ApiKey.ApiVersions);
        Assert.Equal(Enumerable.Range(2, max - 1).Reverse().Select(v => (short)v), broker.Received.Select(r => r.Version));
    }

    [Fact]
    public async Task Connect_BrokerRejectsClientSoftwareName_RetriesWithVersion0()
    {
        await using var broker = new FakeKafkaBroker();
        broker.Handler = r => r.ApiKey == ApiKey.ApiVersions && r.Version >= 3
            ? FakeReply.Of(new ApiVersionsResponse { ErrorCode = (short)ErrorCode.InvalidRequest })
            : FakeKafkaBroker.Fallback;
        await using var connection = await ConnectAsync(broker);
        Assert.Equal((short)0, broker.Received.Last().Version);
        Assert.True(connection.Versions.IsSupported(ApiKey.Produce));
    }

    [Fact]
    public async Task Send_ManyConcurrentRequests_ArePipelinedAndMatchedInOrder()
    {
        await using var broker = new FakeKafkaBroker();
        broker.Topics["t"] = 1;
        var first = true;
        broker.Handler = r =>
        {
            if (r.ApiKey == ApiKey.Metadata && first)
            {
                first = false;
                return broker.Default(r)! with { Delay = TimeSpan.FromMilliseconds(300) };
            }

            return FakeKafkaBroker.Fallback;
        };
        await using var connection = await ConnectAsync(broker);
        var version = connection.Versions.Require(ApiKey.Metadata);
        var sends = Enumerable.Range(0, 20).Select(i => connection.SendAsync<MetadataResponse>(
            new MetadataRequest { Topics = [new MetadataRequest.MetadataRequestTopic { Name = i % 2 == 0 ? "t" : "missing" }] }, version)).ToList();
        await Task.Delay(150);
        Assert.Equal(20, connection.InFlightCount);
        var responses = await Task.WhenAll(sends);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(i % 2 == 0 ? (short)0 : (short)3, responses[i].Topics.Single().ErrorCode);
        }

        var ids = broker.OfType(ApiKey.Metadata).Select(r => r.CorrelationId).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(20, ids.Distinct().Count());
    }

    [Fact]
    public async Task Receive_WrongCorrelationId_FailsTheRequestAndClosesTheConnection()
    {
        await using var broker = new FakeKafkaBroker();
        broker.Handler = r => r.ApiKey == ApiKey.Metadata ? broker.Default(r)! with { CorrelationIdOverride = r.CorrelationId + 100 } : FakeKafkaBroker.Fallback;
        await using var connection = await ConnectAsync(broker);
        var e = await Assert.ThrowsAsync<KafkaException>(() => connection.SendAsync<MetadataResponse>(new MetadataRequest { Topics = [] }, 12));
        Assert.Equal(ErrorCode.CorruptMessage, e.Code);
        Assert.True(connection.IsClosed);
    }

    [Fact]
    public async Task Send_NoAnswerWithinTheRequestTimeout_FailsWithRequestTimedOutAndDisconnects()
    {
        await using var broker = new FakeKafkaBroker();
        broker.Handler = r => r.ApiKey == ApiKey.Metadata ? null : FakeKafkaBroker.Fallback;
        await using var connection = await ConnectAsync(broker, Settings(TimeSpan.FromMilliseconds(300)));
        var slow = connection.SendAsync<MetadataResponse>(new MetadataRequest { Topics = [] }, 12);
        var e = await Assert.ThrowsAsync<KafkaException>(() => slow);
        Assert.Equal(ErrorCode.RequestTimedOut, e.Code);
        await connection.Closed.WaitAsync(TimeSpan.FromSeconds(5));
        var after = await Assert.ThrowsAsync<KafkaException>(() => connection.SendAsync<MetadataResponse>(new MetadataRequest { Topics = [] }, 12));
        Assert.Equal(ErrorCode.NetworkException, after.Code);
    }

    [Fact]
    public async Task Send_BrokerClosesTheConnection_FailsEveryRequestInFlightWithNetworkException()
    {
        await using var broker = new FakeKafkaBroker();
        broker.Handler = r => r.ApiKey == ApiKey.Metadata ? FakeReply.Close : FakeKafkaBroker.Fallback;
        await using var connection = await ConnectAsync(broker);
        var e = await Assert.ThrowsAsync<KafkaException>(() => connection.SendAsync<MetadataResponse>(new MetadataRequest { Topics = [] }, 12));
        Assert.Equal(ErrorCode.NetworkException, e.Code);
        Assert.True(e.IsRetriable);
    }

    [Fact]
    public async Task ConnectionManager_BootstrapsFromTheFirstAddressThatAnswers_AndReconnectsAfterADrop()
    {
        await using var broker = new FakeKafkaBroker();
        var deadPort = FreePort.Next();
        await using var manager = new ConnectionManager(BrokerAddress.ParseList($"127.0.0.1:{deadPort},{broker.BootstrapServers}"), Settings(), NullLogger.Instance);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var connection = await manager.GetAnyAsync(timeout.Token);
        Assert.Equal(broker.Port, connection.Address.Port);

        manager.UpdateNodes([(1, new BrokerAddress("127.0.0.1", broker.Port))]);
        var node = await manager.GetAsync(1, timeout.Token);
        broker.DropConnections();
        await node.Closed.WaitAsync(timeout.Token);
        var again = await manager.GetAsync(1, timeout.Token);
        Assert.NotSame(node, again);
        Assert.False(again.IsClosed);
    }

    private static byte[] V0Body(short error, params (ApiKey Key, short Min, short Max)[] apis)
    {
        var body = new byte[2 + 4 + (apis.Length * 6)];
        BinaryPrimitives.WriteInt16BigEndian(body, error);
        BinaryPrimitives.WriteInt32BigEndian(body.AsSpan(2), apis.Length);
        for (var i = 0; i < apis.Length; i++)
        {
            var at = 6 + (i * 6);
            BinaryPrimitives.WriteInt16BigEndian(body.AsSpan(at), (short)apis[i].Key);
            BinaryPrimitives.WriteInt16BigEndian(body.AsSpan(at + 2), apis[i].Min);
            BinaryPrimitives.WriteInt16BigEndian(body.AsSpan(at + 4), apis[i].Max);
        }

        return body;
    }
}
