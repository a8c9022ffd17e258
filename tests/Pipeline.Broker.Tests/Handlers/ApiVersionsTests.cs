using Pipeline.Broker.Handlers;
using Pipeline.Broker.Tests.Support;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using Xunit;

namespace Pipeline.Broker.Tests.Handlers;

/// <summary>ApiVersions (18): every API the broker serves with its minimum (0, Fetch 4) and the newest stable version,
/// in every request version; a v3+ client software name that breaks Kafka's pattern is INVALID_REQUEST.</summary>
[Trait("Category", "Integration")]
public sealed class ApiVersionsTests : IClassFixture<BrokerFixture>
{
    private static readonly (ApiKey Key, short Min, short Max)[] Expected =
    [
        (ApiKey.Produce, 0, 11),
        (ApiKey.Fetch, 4, 17),
        (ApiKey.ListOffsets, 0, 10),
        (ApiKey.Metadata, 0, 12),
        (ApiKey.FindCoordinator, 0, 6),
        (ApiKey.ApiVersions, 0, 4),
        (ApiKey.CreateTopics, 0, 7),
        (ApiKey.DeleteTopics, 0, 6),
        (ApiKey.DeleteRecords, 0, 2),
        (ApiKey.OffsetForLeaderEpoch, 0, 4),
        (ApiKey.DescribeConfigs, 0, 4),
        (ApiKey.AlterConfigs, 0, 2),
        (ApiKey.DescribeLogDirs, 0, 4),
        (ApiKey.CreatePartitions, 0, 3),
        (ApiKey.IncrementalAlterConfigs, 0, 1),
        (ApiKey.DescribeCluster, 0, 1),
        (ApiKey.InitProducerId, 0, 5),
        (ApiKey.JoinGroup, 0, 9),
        (ApiKey.SyncGroup, 0, 5),
        (ApiKey.Heartbeat, 0, 4),
        (ApiKey.LeaveGroup, 0, 5),
        (ApiKey.OffsetCommit, 0, 9),
        (ApiKey.OffsetFetch, 0, 9),
        (ApiKey.ListGroups, 0, 5),
        (ApiKey.DescribeGroups, 0, 5),
        (ApiKey.DeleteGroups, 0, 2),
        (ApiKey.OffsetDelete, 0, 0),
        (ApiKey.ConsumerGroupDescribe, 0, 0),
    ];

    private readonly BrokerFixture _fixture;

    public ApiVersionsTests(BrokerFixture fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task ApiVersions_EachVersion_ListsEveryServedApiFromZeroToNewest(short version)
    {
        await using var client = await _fixture.ConnectAsync();

        var response = await client.SendAsync<ApiVersionsResponse>(new ApiVersionsRequest { ClientSoftwareName = "pipeline-tests", ClientSoftwareVersion = "1.0" }, version);

        Expect.NoError(response.ErrorCode);
        var advertised = response.ApiKeys.ToDictionary(k => (ApiKey)k.ApiKey);
        Assert.Equal(Expected.Length, advertised.Count);
        foreach (var (key, min, max) in Expected)
        {
            Assert.True(advertised.TryGetValue(key, out var v), $"{key} is not advertised");
            Assert.Equal(min, v.MinVersion);
            Assert.True(max == v.MaxVersion, $"{key}: advertised max {v.MaxVersion}, expected {max}");
            Assert.True(SupportedApis.IsSupported(key, v.MaxVersion));
        }
    }

    [Theory]
    [InlineData("", "1.0")]
    [InlineData("bad name", "1.0")]
    [InlineData("librdkafka", "-1.0")]
    public async Task ApiVersions_V3InvalidClientSoftware_AnswersInvalidRequest(string name, string softwareVersion)
    {
        await using var client = await _fixture.ConnectAsync();

        var response = await client.SendAsync<ApiVersionsResponse>(new ApiVersionsRequest { ClientSoftwareName = name, ClientSoftwareVersion = softwareVersion }, 3);

        Expect.Error(ErrorCode.InvalidRequest, response.ErrorCode);
    }

    [Fact]
    public async Task ApiVersions_AdvertisedMaxVersions_AreAnsweredByTheBroker()
    {
        // A cheap request of each API at the newest version it advertises gets a decodable answer.
        await using var client = await _fixture.ConnectAsync();

        await client.SendAsync<MetadataResponse>(new MetadataRequest { Topics = [] }, 12);
        await client.SendAsync<DescribeClusterResponse>(new DescribeClusterRequest(), 1);
        await client.SendAsync<FindCoordinatorResponse>(new FindCoordinatorRequest { KeyType = 0, CoordinatorKeys = ["g"] }, 6);
        await client.SendAsync<DescribeLogDirsResponse>(new DescribeLogDirsRequest { Topics = [] }, 4);
        await client.SendAsync<ListOffsetsResponse>(new ListOffsetsRequest { ReplicaId = -1 }, 10);
        await client.SendAsync<FetchResponse>(new FetchRequest { ReplicaId = -1 }, 17);
        await client.SendAsync<ProduceResponse>(new ProduceRequest { Acks = 1, TimeoutMs = 1000 }, 11);
        await client.SendAsync<OffsetForLeaderEpochResponse>(new OffsetForLeaderEpochRequest(), 4);
        await client.SendAsync<DeleteRecordsResponse>(new DeleteRecordsRequest(), 2);
        await client.SendAsync<CreateTopicsResponse>(new CreateTopicsRequest(), 7);
        await client.SendAsync<DeleteTopicsResponse>(new DeleteTopicsRequest(), 6);
        await client.SendAsync<CreatePartitionsResponse>(new CreatePartitionsRequest(), 3);
        await client.SendAsync<DescribeConfigsResponse>(new DescribeConfigsRequest(), 4);
        await client.SendAsync<AlterConfigsResponse>(new AlterConfigsRequest(), 2);
        await client.SendAsync<IncrementalAlterConfigsResponse>(new IncrementalAlterConfigsRequest(), 1);
    }
}
