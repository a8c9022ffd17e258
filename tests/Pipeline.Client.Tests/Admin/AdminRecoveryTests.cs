using Pipeline.Client.Admin;
using Pipeline.Client.Config;
using Pipeline.Client.Tests.Fixtures;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using Pipeline.Testing.Network;

namespace Pipeline.Client.Tests.Admin;

/// <summary>The admin client against a scripted broker: retriable errors, old brokers, deadlines.</summary>
[Trait("Category", "Integration")]
public sealed class AdminRecoveryTests
{
    private static AdminClient Admin(string bootstrap, TimeSpan? timeout = null) => new(AdminClientOptions.Default with
    {
        BootstrapServers = bootstrap,
        DefaultApiTimeout = timeout ?? TimeSpan.FromSeconds(10),
        RetryBackoff = TimeSpan.FromMilliseconds(10),
        RetryBackoffMax = TimeSpan.FromMilliseconds(50),
    });

    private static FakeReply CreateTopicsReply(FakeRequest r, ErrorCode error) => FakeReply.Of(new CreateTopicsResponse
    {
        Topics = [.. r.Read<CreateTopicsRequest>().Topics.Select(t => new CreateTopicsResponse.CreatableTopicResult { Name = t.Name, ErrorCode = (short)error, ErrorMessage = error == ErrorCode.None ? null : "scripted" })],
    });

    [Fact]
    public async Task CreateTopics_NotController_RefreshesMetadataAndRetries()
    {
        await using var broker = new FakeKafkaBroker();
        var attempts = 0;
        broker.Handler = r => r.ApiKey == ApiKey.CreateTopics
            ? CreateTopicsReply(r, Interlocked.Increment(ref attempts) == 1 ? ErrorCode.NotController : ErrorCode.None)
            : FakeKafkaBroker.Fallback;
        await using var admin = Admin(broker.BootstrapServers);
        var report = Assert.Single(await admin.CreateTopicsAsync([new TopicSpecification { Name = "t" }]));
        Assert.False(report.Error.IsError);
        Assert.Equal(2, attempts);
        Assert.True(broker.OfType(ApiKey.Metadata).Count() >= 2, "NOT_CONTROLLER must refresh the controller");
    }

    [Fact]
    public async Task CreateTopics_RetriableErrorPastTheDeadline_KeepsTheLastError()
    {
        await using var broker = new FakeKafkaBroker();
        broker.Handler = r => r.ApiKey == ApiKey.CreateTopics ? CreateTopicsReply(r, ErrorCode.RequestTimedOut) : FakeKafkaBroker.Fallback;
        await using var admin = Admin(broker.BootstrapServers);
        var e = await Assert.ThrowsAsync<AdminOperationException<CreateTopicReport>>(() =>
            admin.CreateTopicsAsync([new TopicSpecification { Name = "t" }], new AdminCallOptions { Timeout = TimeSpan.FromMilliseconds(400) }));
        Assert.Equal(ErrorCode.RequestTimedOut, e.Code);
        Assert.True(broker.OfType(ApiKey.CreateTopics).Count() > 1, "a retriable error is retried");
    }

    [Fact]
    public async Task DescribeCluster_BrokerWithoutDescribeCluster_UsesMetadata()
    {
        await using var broker = new FakeKafkaBroker();
        broker.Handler = r =>
        {
            if (r.ApiKey != ApiKey.ApiVersions)
            {
                return FakeKafkaBroker.Fallback;
            }

            var versions = (ApiVersionsResponse)broker.Default(r)!.Message!;
            versions.ApiKeys.RemoveAll(k => k.ApiKey == (short)ApiKey.DescribeCluster);
            return FakeReply.Of(versions);
        };
        await using var admin = Admin(broker.BootstrapServers);
        var cluster = await admin.DescribeClusterAsync();
        Assert.Equal("fake-cluster", cluster.ClusterId);
        Assert.Equal(1, cluster.Controller?.Id);
        Assert.Empty(broker.OfType(ApiKey.DescribeCluster));
    }

    [Fact]
    public async Task DescribeGroups_CoordinatorLoading_RetriesUntilItAnswers()
    {
        await using var broker = new FakeKafkaBroker();
        var describes = 0;
        broker.Handler = r => r.ApiKey switch
        {
            ApiKey.FindCoordinator => FakeReply.Of(new FindCoordinatorResponse
            {
                Coordinators = [new FindCoordinatorResponse.Coordinator { Key = "g", NodeId = 1, Host = "127.0.0.1", Port = broker.Port }],
                NodeId = 1,
                Host = "127.0.0.1",
                Port = broker.Port,
            }),
            ApiKey.DescribeGroups => FakeReply.Of(new DescribeGroupsResponse
            {
                Groups = [new DescribeGroupsResponse.DescribedGroup
                {
                    GroupId = "g",
                    ErrorCode = (short)(Interlocked.Increment(ref describes) < 3 ? ErrorCode.CoordinatorLoadInProgress : ErrorCode.None),
                    GroupState = "Stable",
                    ProtocolType = "consumer",
                    ProtocolData = "range",
                    Members = [new DescribeGroupsResponse.DescribedGroupMember { MemberId = "m1", ClientId = "c", ClientHost = "/127.0.0.1", MemberAssignment = Assignment(("t", [0, 2])) }],
                }],
            }),
            _ => FakeKafkaBroker.Fallback,
        };
        await using var admin = Admin(broker.BootstrapServers);
        var group = Assert.Single(await admin.DescribeGroupsAsync(["g"]));
        Assert.Equal(3, describes);
        Assert.Equal("Stable", group.State);
        var member = Assert.Single(group.Members);
        Assert.Equal([new TopicPartition("t", 0), new TopicPartition("t", 2)], member.Assignment);
    }

    [Fact]
    public async Task ListTopics_NoBrokerReachable_TimesOut()
    {
        await using var admin = Admin($"127.0.0.1:{FreePort.Next()}", TimeSpan.FromMilliseconds(500));
        var e = await Assert.ThrowsAsync<KafkaException>(() => admin.ListTopicsAsync());
        Assert.Equal(ErrorCode.RequestTimedOut, e.Code);
    }

    private static byte[] Assignment(params (string Topic, int[] Partitions)[] topics)
    {
        using var writer = new Pipeline.Protocol.Primitives.ProtocolWriter();
        writer.WriteInt16(1);
        var assignment = new ConsumerProtocolAssignment
        {
            AssignedPartitions = [.. topics.Select(t => new ConsumerProtocolAssignment.TopicPartition { Topic = t.Topic, Partitions = [.. t.Partitions] })],
        };
        assignment.Write(writer, 1);
        return writer.WrittenSpan.ToArray();
    }
}
