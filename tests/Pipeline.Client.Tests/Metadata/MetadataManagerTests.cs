using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Client.Metadata;
using Pipeline.Client.Network;
using Pipeline.Client.Tests.Fixtures;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Client.Tests.Metadata;

public sealed class MetadataManagerTests
{
    private static ConnectionManager Connections(FakeKafkaBroker broker) => new(BrokerAddress.ParseList(broker.BootstrapServers),
        new ConnectionSettings("m", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), -1, -1, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(100)), NullLogger.Instance);

    [Fact]
    [Trait("Category", "Integration")]
    public async Task RefreshLoop_RefreshesEveryMaxAgeAndOnRequest()
    {
        await using var broker = new FakeKafkaBroker();
        broker.Topics["t"] = 2;
        await using var connections = Connections(broker);
        await using var metadata = new MetadataManager(connections, TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50), true, null, NullLogger.Instance);
        metadata.Start();
        var topic = await metadata.WaitForTopicAsync("t", TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.Equal(2, topic.PartitionCount);
        // Every 150 ms a refresh: at least 3 must come, however loaded the machine is (waiting
        // for them, not for a fixed window), and not a flood (at most one per 50 ms backoff).
        var started = DateTime.UtcNow;
        while (broker.OfType(ApiKey.Metadata).Count() < 3)
        {
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), "no periodic metadata refresh within 10 s");
            await Task.Delay(20);
        }

        var elapsed = DateTime.UtcNow - started;
        Assert.True(broker.OfType(ApiKey.Metadata).Count() <= 3 + (elapsed.TotalMilliseconds / 50), "refreshes faster than the backoff allows");

        broker.Topics["t"] = 3;
        metadata.RequestUpdate();
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (metadata.Current.Topics["t"].PartitionCount != 3)
        {
            Assert.True(DateTime.UtcNow < deadline);
            await Task.Delay(10);
        }

        Assert.True(metadata.Current.Version > 1);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task WaitForTopic_InvalidTopic_FailsAtOnce()
    {
        await using var broker = new FakeKafkaBroker();
        broker.Handler = r =>
        {
            if (r.ApiKey != ApiKey.Metadata)
            {
                return FakeKafkaBroker.Fallback;
            }

            var reply = broker.Default(r)!;
            ((MetadataResponse)reply.Message!).Topics[0].ErrorCode = (short)ErrorCode.InvalidTopicException;
            return reply;
        };
        await using var connections = Connections(broker);
        await using var metadata = new MetadataManager(connections, TimeSpan.FromMinutes(5), TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50), true, null, NullLogger.Instance);
        metadata.Start();
        var e = await Assert.ThrowsAsync<KafkaException>(() => metadata.WaitForTopicAsync("bad topic!", TimeSpan.FromSeconds(5), CancellationToken.None));
        Assert.Equal(ErrorCode.InvalidTopicException, e.Code);
    }

    [Fact]
    public void Merge_OlderLeaderEpoch_KeepsTheNewerPartitionState()
    {
        var first = TestMetadata.Cluster(2, new Dictionary<string, int> { ["t"] = 1 });
        var newer = new MetadataResponse { ControllerId = 1, Brokers = [new() { NodeId = 1, Host = "h", Port = 1 }, new() { NodeId = 2, Host = "h", Port = 2 }] };
        newer.Topics.Add(new MetadataResponse.MetadataResponseTopic
        {
            Name = "t",
            TopicId = first.Topics["t"].TopicId,
            Partitions = [new() { PartitionIndex = 0, LeaderId = 2, LeaderEpoch = 5, ReplicaNodes = [1, 2], IsrNodes = [2] }],
        });
        var moved = first.Merge(newer, allTopics: false);
        Assert.Equal(2, moved.LeaderOf("t", 0));

        var stale = new MetadataResponse { ControllerId = 1, Brokers = newer.Brokers };
        stale.Topics.Add(new MetadataResponse.MetadataResponseTopic
        {
            Name = "t",
            TopicId = first.Topics["t"].TopicId,
            Partitions = [new() { PartitionIndex = 0, LeaderId = 1, LeaderEpoch = 4, ReplicaNodes = [1, 2], IsrNodes = [1] }],
        });
        Assert.Equal(2, moved.Merge(stale, allTopics: false).LeaderOf("t", 0));
    }
}
