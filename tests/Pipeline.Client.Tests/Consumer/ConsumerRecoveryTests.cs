using Pipeline.Client.Config;
using Pipeline.Client.Consumer;
using Pipeline.Client.Tests.Fixtures;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using static Pipeline.Client.Tests.Consumer.ConsumerTestSupport;

namespace Pipeline.Client.Tests.Consumer;

/// <summary>The fetcher against scripted brokers: leader moves, lost connections and retriable errors stay invisible to the application.</summary>
[Trait("Category", "Integration")]
public sealed class ConsumerRecoveryTests
{
    private static IConsumer<string, string> Consumer(FakeKafkaBroker bootstrap, AutoOffsetReset reset = AutoOffsetReset.Earliest, int fetchMaxBytes = 50 * 1024 * 1024) =>
        new ConsumerBuilder<string, string>(ConsumerOptions.Default with
        {
            FetchMaxBytes = fetchMaxBytes,
            MaxPartitionFetchBytes = Math.Min(fetchMaxBytes, 1024 * 1024),
            BootstrapServers = bootstrap.BootstrapServers,
            AutoOffsetReset = reset,
            EnableAutoCommit = false,
            RetryBackoff = TimeSpan.FromMilliseconds(20),
            FetchMaxWait = TimeSpan.FromMilliseconds(50),
            ReconnectBackoff = TimeSpan.FromMilliseconds(20),
        }).Build();

    [Fact]
    public async Task LeaderMoves_NotLeaderAnswer_RefreshesMetadataAndContinuesAtTheNewLeader()
    {
        await using var one = new FakeKafkaBroker(nodeId: 1);
        await using var two = new FakeKafkaBroker(nodeId: 2);
        foreach (var b in new[] { one, two })
        {
            b.Topics["t"] = 1;
            b.OtherBrokers[b == one ? 2 : 1] = (b == one ? two : one).Port;
        }

        var moved = false;
        one.Handler = r => r.ApiKey switch
        {
            ApiKey.Metadata => Metadata(one, moved),
            ApiKey.Fetch when !moved && FakeFetch.Asked(r).Offset < 3 => FakeFetch.Reply(r, FakeFetch.Asked(r).Offset, 3, 3),
            ApiKey.Fetch => Moved(r, ref moved),
            _ => FakeKafkaBroker.Fallback,
        };
        two.Handler = r => r.ApiKey switch
        {
            ApiKey.Metadata => Metadata(two, moved),
            ApiKey.Fetch => FakeFetch.Reply(r, FakeFetch.Asked(r).Offset, 6, 6),
            _ => FakeKafkaBroker.Fallback,
        };

        await using var consumer = Consumer(one);
        consumer.Assign([new TopicPartitionOffset("t", 0, 0)]);
        var got = await ConsumeAsync(consumer, 6);

        Assert.Equal(Enumerable.Range(0, 6), got.Select(Value));
        Assert.Contains(two.OfType(ApiKey.Fetch), r => FakeFetch.Asked(r).Offset == 3);

        static FakeReply? Metadata(FakeKafkaBroker b, bool moved)
        {
            b.LeaderFor = (_, _) => moved ? 2 : 1;
            return FakeKafkaBroker.Fallback;
        }

        static FakeReply Moved(FakeRequest r, ref bool moved)
        {
            moved = true;
            return FakeFetch.Reply(r, 0, 0, -1, ErrorCode.NotLeaderOrFollower);
        }
    }

    [Fact]
    public async Task ConnectionDropsMidStream_ReconnectsAndResumesAtThePosition()
    {
        await using var broker = new FakeKafkaBroker();
        broker.Topics["t"] = 1;
        var fetches = 0;
        broker.Handler = r => r.ApiKey != ApiKey.Fetch
            ? FakeKafkaBroker.Fallback
            : Interlocked.Increment(ref fetches) == 2
                ? FakeReply.Close
                : FakeFetch.Reply(r, FakeFetch.Asked(r).Offset, Math.Min(FakeFetch.Asked(r).Offset + 2, 8), 8);

        await using var consumer = Consumer(broker);
        consumer.Assign([new TopicPartitionOffset("t", 0, 0)]);
        var got = await ConsumeAsync(consumer, 8);

        Assert.Equal(Enumerable.Range(0, 8), got.Select(Value));
        Assert.True(broker.ConnectionCount >= 3, "the dropped connection was replaced");
    }

    [Fact]
    public async Task RetriableFetchErrors_AreRetriedWithoutReachingTheApplication()
    {
        await using var broker = new FakeKafkaBroker();
        broker.Topics["t"] = 1;
        var errors = new Queue<ErrorCode>([ErrorCode.UnknownLeaderEpoch, ErrorCode.KafkaStorageError, ErrorCode.UnknownTopicOrPartition]);
        broker.Handler = r => r.ApiKey switch
        {
            ApiKey.Fetch when errors.TryDequeue(out var e) => FakeFetch.Reply(r, 0, 0, -1, e),
            ApiKey.Fetch => FakeFetch.Reply(r, FakeFetch.Asked(r).Offset, 4, 4),
            _ => FakeKafkaBroker.Fallback,
        };

        await using var consumer = Consumer(broker);
        consumer.Assign([new TopicPartitionOffset("t", 0, 0)]);
        Assert.Equal(Enumerable.Range(0, 4), (await ConsumeAsync(consumer, 4)).Select(Value));
        Assert.True(broker.OfType(ApiKey.Metadata).Count() >= 2, "the errors triggered metadata refreshes");
    }

    [Fact]
    public async Task OffsetOutOfRange_ListsTheEarliestOffsetAndStartsThere()
    {
        await using var broker = new FakeKafkaBroker();
        broker.Topics["t"] = 1;
        broker.Handler = r => r.ApiKey switch
        {
            ApiKey.Fetch when FakeFetch.Asked(r).Offset >= 100 => FakeFetch.Reply(r, 0, 0, 5, ErrorCode.OffsetOutOfRange),
            ApiKey.Fetch => FakeFetch.Reply(r, FakeFetch.Asked(r).Offset, 5, 5),
            ApiKey.ListOffsets => FakeFetch.Offsets(r, end: 5),
            _ => FakeKafkaBroker.Fallback,
        };

        await using var consumer = Consumer(broker);
        consumer.Assign([new TopicPartitionOffset("t", 0, 100)]);
        Assert.Equal(Enumerable.Range(0, 5), (await ConsumeAsync(consumer, 5)).Select(Value));
        Assert.Equal(-2, Assert.Single(Assert.Single(Assert.Single(broker.OfType(ApiKey.ListOffsets)).Read<ListOffsetsRequest>().Topics).Partitions).Timestamp);
    }

    [Fact]
    public async Task Fetch_ResponseEndsInAPartialBatch_CompleteBatchesAreReadAndTheRestFetchedAgain()
    {
        await using var broker = new FakeKafkaBroker();
        broker.Topics["t"] = 1;
        broker.Handler = r => r.ApiKey == ApiKey.Fetch
            ? FakeFetch.Asked(r).Offset < 3
                ? FakeFetch.Reply(r, FakeFetch.Asked(r).Offset, 3, 6, partialTail: 40)
                : FakeFetch.Reply(r, FakeFetch.Asked(r).Offset, 6, 6)
            : FakeKafkaBroker.Fallback;

        await using var consumer = Consumer(broker);
        consumer.Assign([new TopicPartitionOffset("t", 0, 0)]);
        Assert.Equal(Enumerable.Range(0, 6), (await ConsumeAsync(consumer, 6)).Select(Value));
        Assert.Contains(broker.OfType(ApiKey.Fetch), r => FakeFetch.Asked(r).Offset == 3);
    }

    [Fact]
    public async Task Fetch_IsPipelined_TheNextRequestLeavesBeforeTheApplicationConsumedTheLast()
    {
        await using var broker = new FakeKafkaBroker();
        broker.Topics["t"] = 1;
        broker.Handler = r => r.ApiKey == ApiKey.Fetch ? FakeFetch.Reply(r, FakeFetch.Asked(r).Offset, FakeFetch.Asked(r).Offset + 10, 1000) : FakeKafkaBroker.Fallback;

        // A buffer budget (fetch.max.bytes) of about three of these responses.
        await using var consumer = Consumer(broker, fetchMaxBytes: 500);
        consumer.Assign([new TopicPartitionOffset("t", 0, 0)]);
        Assert.NotNull(await consumer.ConsumeAsync(TimeSpan.FromSeconds(10)));

        // One record taken out of the first ten, yet the fetch for 10.. has been sent.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!broker.OfType(ApiKey.Fetch).Any(r => FakeFetch.Asked(r).Offset == 10))
        {
            Assert.True(DateTime.UtcNow < deadline, "no fetch for offset 10 while the first batch was being consumed");
            await Task.Delay(10);
        }

        // Bounded: the drained records plus what fits the budget, no more while nothing is consumed.
        await Task.Delay(300);
        Assert.DoesNotContain(broker.OfType(ApiKey.Fetch), r => FakeFetch.Asked(r).Offset >= 100);
        Assert.Equal(1, consumer.Position(new TopicPartition("t", 0)));
    }
}
