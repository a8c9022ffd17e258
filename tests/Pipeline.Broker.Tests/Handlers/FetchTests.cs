using System.Diagnostics;
using Pipeline.Broker.Tests.Support;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using Pipeline.Protocol.Primitives;
using Pipeline.Testing.Kafka;
using Xunit;

namespace Pipeline.Broker.Tests.Handlers;

/// <summary>
/// Fetch (1): long poll (returns as soon as MinBytes are there, else after about MaxWaitMs), many
/// partitions in one request, per-partition and response limits with KIP-74's first-batch
/// exception, OFFSET_OUT_OF_RANGE, read_committed, and topic ids (v13+).
/// </summary>
[Trait("Category", "Integration")]
public sealed class FetchTests : IClassFixture<BrokerFixture>
{
    private readonly BrokerFixture _fixture;

    public FetchTests(BrokerFixture fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData(4)]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(17)]
    public async Task Fetch_DataArrivesDuringTheWait_ReturnsItAtOnce(short version)
    {
        await using var consumer = await _fixture.ConnectAsync();
        await using var producer = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("poll-early");
        var id = await producer.CreateTopicOrFailAsync(topic);

        var clock = Stopwatch.StartNew();
        var fetch = consumer.SendAsync<FetchResponse>(Request(version, 10_000, 1, 1 << 20, 0, (topic, id, 0, 0, 1 << 20)), version);
        await Task.Delay(300);
        Assert.False(fetch.IsCompleted, "the fetch returned before any data was there");
        Expect.NoError((await producer.ProduceAsync(topic, 0, TestRecord.Of("k", "late"))).ErrorCode);
        var response = await fetch;

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the fetch took {clock.Elapsed} although data arrived after 300 ms");
        var data = response.Responses.Single().Partitions.Single();
        Expect.NoError(data.ErrorCode);
        Assert.Equal([TestRecord.Of("k", "late")], TestRecordBatch.DecodeRecords(data.Records.Memory.Span));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(12)]
    public async Task Fetch_NoData_WaitsAboutMaxWaitMs(short version)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("poll-timeout");
        var id = await client.CreateTopicOrFailAsync(topic);

        var clock = Stopwatch.StartNew();
        var response = await client.SendAsync<FetchResponse>(Request(version, 600, 1, 1 << 20, 0, (topic, id, 0, 0, 1 << 20)), version);

        Assert.InRange(clock.ElapsedMilliseconds, 550, 3_000);
        var data = response.Responses.Single().Partitions.Single();
        Expect.NoError(data.ErrorCode);
        Assert.Equal(0, data.Records.Length);
        Assert.Equal(0, data.HighWatermark);
    }

    [Fact]
    public async Task Fetch_LessThanMinBytesAvailable_WaitsMaxWaitThenReturnsWhatThereIs()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("min-bytes");
        var id = await client.CreateTopicOrFailAsync(topic);
        await client.ProduceAsync(topic, 0, TestRecord.Of("k", "small"));

        var clock = Stopwatch.StartNew();
        var response = await client.SendAsync<FetchResponse>(Request(12, 600, 100_000, 1 << 20, 0, (topic, id, 0, 0, 1 << 20)), 12);

        Assert.InRange(clock.ElapsedMilliseconds, 550, 3_000);
        Assert.Equal([TestRecord.Of("k", "small")], TestRecordBatch.DecodeRecords(response.Responses.Single().Partitions.Single().Records.Memory.Span));
    }

    [Fact]
    public async Task Fetch_MinBytesAlreadyAvailable_DoesNotWait()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("no-wait");
        var id = await client.CreateTopicOrFailAsync(topic);
        await client.ProduceAsync(topic, 0, TestRecord.Of("k", "ready"));

        var clock = Stopwatch.StartNew();
        var response = await client.SendAsync<FetchResponse>(Request(12, 10_000, 1, 1 << 20, 0, (topic, id, 0, 0, 1 << 20)), 12);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
        Assert.Single(TestRecordBatch.DecodeRecords(response.Responses.Single().Partitions.Single().Records.Memory.Span));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(12)]
    [InlineData(16)]
    public async Task Fetch_ManyPartitions_ReturnsEachPartitionsOwnRecords(short version)
    {
        const int Partitions = 16;
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("many");
        var id = await client.CreateTopicOrFailAsync(topic, Partitions);
        for (var p = 0; p < Partitions; p++)
        {
            Expect.NoError((await client.ProduceAsync(topic, p, TestRecord.Of($"p{p}", $"a{p}"), TestRecord.Of($"p{p}", $"b{p}"))).ErrorCode);
        }

        var response = await client.SendAsync<FetchResponse>(
            Request(version, 0, 1, 1 << 20, 0, Enumerable.Range(0, Partitions).Select(p => (topic, id, p, 0L, 1 << 20)).ToArray()), version);

        var partitions = response.Responses.SelectMany(t => t.Partitions).ToList();
        Assert.Equal(Enumerable.Range(0, Partitions), partitions.Select(p => p.PartitionIndex).Order());
        foreach (var p in partitions)
        {
            Expect.NoError(p.ErrorCode);
            Assert.Equal(2, p.HighWatermark);
            Assert.Equal(
                [TestRecord.Of($"p{p.PartitionIndex}", $"a{p.PartitionIndex}"), TestRecord.Of($"p{p.PartitionIndex}", $"b{p.PartitionIndex}")],
                TestRecordBatch.DecodeRecords(p.Records.Memory.Span));
        }
    }

    [Fact]
    public async Task Fetch_PartitionMaxBytes_LimitsThePartitionToWholeBatchesWithin()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("part-max");
        var id = await client.CreateTopicOrFailAsync(topic);
        var batchSize = await ProduceBatchesAsync(client, topic, 0, batches: 6, valueBytes: 400);

        var response = await client.SendAsync<FetchResponse>(Request(12, 0, 1, 1 << 20, 0, (topic, id, 0, 0, (batchSize * 2) + (batchSize / 2))), 12);

        var batches = TestRecordBatch.Decode(response.Responses.Single().Partitions.Single().Records.Memory.Span);
        Assert.Equal(2, batches.Count);
        Assert.Equal([0L, 1], batches.Select(b => b.BaseOffset));
    }

    [Fact]
    public async Task Fetch_ResponseMaxBytes_LimitsTheWholeResponse()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("resp-max");
        var id = await client.CreateTopicOrFailAsync(topic, 3);
        var batchSize = 0;
        for (var p = 0; p < 3; p++)
        {
            batchSize = await ProduceBatchesAsync(client, topic, p, batches: 4, valueBytes: 400);
        }

        var limit = (batchSize * 3) + (batchSize / 2);
        var response = await client.SendAsync<FetchResponse>(
            Request(12, 0, 1, limit, 0, (topic, id, 0, 0, 1 << 20), (topic, id, 1, 0, 1 << 20), (topic, id, 2, 0, 1 << 20)), 12);

        var whole = response.Responses.SelectMany(t => t.Partitions).Sum(p => TestRecordBatch.Decode(p.Records.Memory.Span).Count);
        Assert.Equal(3, whole);
        Assert.True(response.Responses.SelectMany(t => t.Partitions).Sum(p => p.Records.Length) <= limit);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(12)]
    [InlineData(17)]
    public async Task Fetch_FirstBatchLargerThanBothLimits_IsReturnedWhole(short version)
    {
        // KIP-74: the first batch of the first partition with data comes back even when it exceeds
        // MaxBytes and PartitionMaxBytes, so a consumer can always make progress.
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("kip74");
        var id = await client.CreateTopicOrFailAsync(topic);
        await ProduceBatchesAsync(client, topic, 0, batches: 2, valueBytes: 5_000);

        var response = await client.SendAsync<FetchResponse>(Request(version, 0, 1, 100, 0, (topic, id, 0, 0, 100)), version);

        var batch = Assert.Single(TestRecordBatch.Decode(response.Responses.Single().Partitions.Single().Records.Memory.Span));
        Assert.Equal(0, batch.BaseOffset);
        Assert.True(batch.CrcValid);
    }

    [Fact]
    public async Task Fetch_LaterPartitionWhoseBatchExceedsWhatIsLeft_GetsNoWholeBatch()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("kip74-later");
        var id = await client.CreateTopicOrFailAsync(topic, 2);
        var small = await ProduceBatchesAsync(client, topic, 0, batches: 1, valueBytes: 100);
        await ProduceBatchesAsync(client, topic, 1, batches: 1, valueBytes: 5_000);

        var response = await client.SendAsync<FetchResponse>(Request(12, 0, 1, small + 1_000, 0, (topic, id, 0, 0, 1 << 20), (topic, id, 1, 0, 1 << 20)), 12);

        var partitions = response.Responses.SelectMany(t => t.Partitions).ToDictionary(p => p.PartitionIndex);
        Assert.Single(TestRecordBatch.Decode(partitions[0].Records.Memory.Span));
        Assert.Empty(TestRecordBatch.Decode(partitions[1].Records.Memory.Span));
        Expect.NoError(partitions[1].ErrorCode);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(12)]
    public async Task Fetch_OffsetPastTheLogEnd_IsOffsetOutOfRange(short version)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("oor");
        var id = await client.CreateTopicOrFailAsync(topic);
        await client.ProduceAsync(topic, 0, TestRecord.Of("a", "1"), TestRecord.Of("a", "2"));

        var atEnd = await client.SendAsync<FetchResponse>(Request(version, 0, 1, 1 << 20, 0, (topic, id, 0, 2, 1 << 20)), version);
        var past = await client.SendAsync<FetchResponse>(Request(version, 0, 1, 1 << 20, 0, (topic, id, 0, 3, 1 << 20)), version);

        Expect.NoError(atEnd.Responses.Single().Partitions.Single().ErrorCode);
        Assert.Equal(0, atEnd.Responses.Single().Partitions.Single().Records.Length);
        Expect.Error(ErrorCode.OffsetOutOfRange, past.Responses.Single().Partitions.Single().ErrorCode);
        Assert.Equal(0, past.Responses.Single().Partitions.Single().Records.Length);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(17)]
    public async Task Fetch_ReadCommitted_ReportsTheLastStableOffsetAndNoAbortedTransactions(short version)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("committed");
        var id = await client.CreateTopicOrFailAsync(topic);
        await client.ProduceAsync(topic, 0, TestRecord.Of("a", "1"), TestRecord.Of("a", "2"), TestRecord.Of("a", "3"));

        var committed = await client.SendAsync<FetchResponse>(Request(version, 0, 1, 1 << 20, 1, (topic, id, 0, 0, 1 << 20)), version);
        var uncommitted = await client.SendAsync<FetchResponse>(Request(version, 0, 1, 1 << 20, 0, (topic, id, 0, 0, 1 << 20)), version);

        var c = committed.Responses.Single().Partitions.Single();
        Expect.NoError(c.ErrorCode);
        Assert.Equal(3, c.HighWatermark);
        Assert.Equal(3, c.LastStableOffset);
        Assert.NotNull(c.AbortedTransactions);
        Assert.Empty(c.AbortedTransactions);
        Assert.Equal(3, TestRecordBatch.DecodeRecords(c.Records.Memory.Span).Count);
        var u = uncommitted.Responses.Single().Partitions.Single();
        Assert.Equal(3, u.LastStableOffset);
        Assert.Null(u.AbortedTransactions);
    }

    [Theory]
    [InlineData(13)]
    [InlineData(15)]
    [InlineData(17)]
    public async Task Fetch_V13PlusByTopicId_ReturnsTheRecordsUnderThatId(short version)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("fetch-id");
        var id = await client.CreateTopicOrFailAsync(topic);
        await client.ProduceAsync(topic, 0, TestRecord.Of("k", "by-id"));

        var response = await client.SendAsync<FetchResponse>(Request(version, 0, 1, 1 << 20, 0, (string.Empty, id, 0, 0, 1 << 20)), version);

        var t = response.Responses.Single();
        Assert.Equal(id, t.TopicId);
        Expect.NoError(t.Partitions.Single().ErrorCode);
        Assert.Equal([TestRecord.Of("k", "by-id")], TestRecordBatch.DecodeRecords(t.Partitions.Single().Records.Memory.Span));
    }

    [Theory]
    [InlineData(13)]
    [InlineData(17)]
    public async Task Fetch_V13PlusUnknownTopicId_IsUnknownTopicId(short version)
    {
        await using var client = await _fixture.ConnectAsync();
        var id = Uuid.NewRandom();

        var response = await client.SendAsync<FetchResponse>(Request(version, 0, 1, 1 << 20, 0, (string.Empty, id, 0, 0, 1 << 20)), version);

        Expect.NoError(response.ErrorCode);
        var t = response.Responses.Single();
        Assert.Equal(id, t.TopicId);
        Expect.Error(ErrorCode.UnknownTopicId, t.Partitions.Single().ErrorCode);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(12)]
    public async Task Fetch_UnknownTopicName_IsUnknownTopicOrPartition(short version)
    {
        await using var client = await _fixture.ConnectAsync();

        var response = await client.SendAsync<FetchResponse>(Request(version, 0, 1, 1 << 20, 0, (TestTopics.Unique("missing"), default, 0, 0, 1 << 20)), version);

        Expect.Error(ErrorCode.UnknownTopicOrPartition, response.Responses.Single().Partitions.Single().ErrorCode);
    }

    [Theory]
    [InlineData(0, ErrorCode.None)]
    [InlineData(1, ErrorCode.UnknownLeaderEpoch)]
    public async Task Fetch_CurrentLeaderEpoch_IsCheckedAgainstTheLeaders(int currentLeaderEpoch, ErrorCode expected)
    {
        // KIP-320: consumers send the epoch they saw in Metadata (0 for a new partition); a newer one
        // means this broker is behind.
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("fetch-epoch");
        var id = await client.CreateTopicOrFailAsync(topic);
        await client.ProduceAsync(topic, 0, TestRecord.Of("k", "v"));
        var request = Request(12, 0, 1, 1 << 20, 0, (topic, id, 0, 0, 1 << 20));
        request.Topics[0].Partitions[0].CurrentLeaderEpoch = currentLeaderEpoch;

        var response = await client.SendAsync<FetchResponse>(request, 12);

        Expect.Error(expected, response.Responses.Single().Partitions.Single().ErrorCode);
    }

    [Fact]
    public async Task Fetch_DataArrivesInAnyWaitedPartition_EndsTheWait()
    {
        await using var consumer = await _fixture.ConnectAsync();
        await using var producer = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("poll-any");
        var id = await producer.CreateTopicOrFailAsync(topic, 3);

        var clock = Stopwatch.StartNew();
        var fetch = consumer.SendAsync<FetchResponse>(Request(12, 10_000, 1, 1 << 20, 0, (topic, id, 0, 0, 1 << 20), (topic, id, 1, 0, 1 << 20), (topic, id, 2, 0, 1 << 20)), 12);
        await Task.Delay(300);
        await producer.ProduceAsync(topic, 2, TestRecord.Of("k", "third"));
        var response = await fetch;

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        var third = response.Responses.SelectMany(t => t.Partitions).Single(p => p.PartitionIndex == 2);
        Assert.Equal([TestRecord.Of("k", "third")], TestRecordBatch.DecodeRecords(third.Records.Memory.Span));
    }

    [Fact]
    public async Task Fetch_TopicDeletedDuringTheWait_EndsTheWait()
    {
        await using var consumer = await _fixture.ConnectAsync();
        await using var admin = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("poll-deleted");
        var id = await admin.CreateTopicOrFailAsync(topic);

        var clock = Stopwatch.StartNew();
        var fetch = consumer.SendAsync<FetchResponse>(Request(12, 10_000, 1, 1 << 20, 0, (topic, id, 0, 0, 1 << 20)), 12);
        await Task.Delay(300);
        Expect.NoError((await admin.DeleteTopicAsync(topic)).ErrorCode);
        var response = await fetch;

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"a fetch of a deleted topic waited {clock.Elapsed}");
        Expect.Error(ErrorCode.UnknownTopicOrPartition, response.Responses.Single().Partitions.Single().ErrorCode);
        Assert.Equal(0, response.Responses.Single().Partitions.Single().Records.Length);
    }

    [Fact]
    public async Task Fetch_OldTopicIdAfterDeleteAndRecreate_IsUnknownTopicId()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("recreated");
        var oldId = await client.CreateTopicOrFailAsync(topic);
        await client.ProduceAsync(topic, 0, TestRecord.Of("k", "old"));
        Expect.NoError((await client.DeleteTopicAsync(topic)).ErrorCode);
        var newId = await client.CreateTopicOrFailAsync(topic);
        await client.ProduceAsync(topic, 0, TestRecord.Of("k", "new"));

        var old = await client.SendAsync<FetchResponse>(Request(13, 0, 1, 1 << 20, 0, (string.Empty, oldId, 0, 0, 1 << 20)), 13);
        var current = await client.SendAsync<FetchResponse>(Request(13, 0, 1, 1 << 20, 0, (string.Empty, newId, 0, 0, 1 << 20)), 13);

        Expect.Error(ErrorCode.UnknownTopicId, old.Responses.Single().Partitions.Single().ErrorCode);
        Assert.Equal([TestRecord.Of("k", "new")], TestRecordBatch.DecodeRecords(current.Responses.Single().Partitions.Single().Records.Memory.Span));
    }

    /// <summary>Produces <paramref name="batches"/> one-record batches and returns the size of one.</summary>
    private static async Task<int> ProduceBatchesAsync(KafkaTestClient client, string topic, int partition, int batches, int valueBytes)
    {
        var size = 0;
        for (var i = 0; i < batches; i++)
        {
            var batch = TestRecordBatch.Build([new TestRecord([(byte)i], new byte[valueBytes])]);
            size = batch.Length;
            var r = await client.ProduceAsync(topic, partition, batch);
            Expect.NoError(r.ErrorCode, r.ErrorMessage);
        }

        return size;
    }

    private static FetchRequest Request(short version, int maxWaitMs, int minBytes, int maxBytes, sbyte isolation, params (string Topic, Uuid Id, int Partition, long Offset, int PartitionMaxBytes)[] partitions)
    {
        var request = new FetchRequest { ReplicaId = -1, MaxWaitMs = maxWaitMs, MinBytes = minBytes, MaxBytes = maxBytes, IsolationLevel = isolation, SessionEpoch = -1 };
        foreach (var group in partitions.GroupBy(p => (p.Topic, p.Id)))
        {
            request.Topics.Add(new FetchRequest.FetchTopic
            {
                Topic = version >= 13 ? string.Empty : group.Key.Topic,
                TopicId = group.Key.Id,
                Partitions = group.Select(p => new FetchRequest.FetchPartition { Partition = p.Partition, FetchOffset = p.Offset, PartitionMaxBytes = p.PartitionMaxBytes }).ToList(),
            });
        }

        return request;
    }
}
