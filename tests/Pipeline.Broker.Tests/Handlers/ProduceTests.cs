using System.Buffers.Binary;
using System.Diagnostics;
using Pipeline.Broker.Tests.Support;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using Pipeline.Protocol.Primitives;
using Pipeline.Testing.Kafka;
using Xunit;

namespace Pipeline.Broker.Tests.Handlers;

/// <summary>
/// Produce (0): base offsets, acks 0/1/all (acks=0 gets no response), invalid acks, unknown
/// topics and partitions, batch validation errors (CORRUPT_MESSAGE, INVALID_RECORD,
/// MESSAGE_TOO_LARGE with a message) and LogAppendTime topics.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ProduceTests : IClassFixture<BrokerFixture>
{
    private readonly BrokerFixture _fixture;

    public ProduceTests(BrokerFixture fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData(3, -1)]
    [InlineData(7, 1)]
    [InlineData(9, -1)]
    [InlineData(11, 1)]
    public async Task Produce_ConsecutiveBatches_GetConsecutiveBaseOffsets(short version, short acks)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("offsets");
        await client.CreateTopicOrFailAsync(topic);

        var first = await client.ProduceAsync(topic, 0, Batch(3, "a"), acks, version);
        var second = await client.ProduceAsync(topic, 0, Batch(2, "b"), acks, version);

        Expect.NoError(first.ErrorCode, first.ErrorMessage);
        Expect.NoError(second.ErrorCode, second.ErrorMessage);
        Assert.Equal(0, first.BaseOffset);
        Assert.Equal(3, second.BaseOffset);
        Assert.Equal(-1, second.LogAppendTimeMs);
        if (version >= 5)
        {
            Assert.Equal(0, second.LogStartOffset);
        }

        var records = await client.FetchAllAsync(topic, 0);
        Assert.Equal(["a0", "a1", "a2", "b0", "b1"], records.Select(r => System.Text.Encoding.UTF8.GetString(r.Value!)));
        Assert.Equal([0L, 1, 2, 3, 4], records.Select(r => r.Offset));
    }

    [Fact]
    public async Task Produce_SeveralPartitionsInOneRequest_EachGetsItsOwnOffsets()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("multi");
        await client.CreateTopicOrFailAsync(topic, 3);
        await client.ProduceAsync(topic, 1, Batch(4, "pre"));

        var request = new ProduceRequest
        {
            Acks = -1,
            TimeoutMs = 10_000,
            TopicData = [new() { Name = topic, PartitionData = new[] { 0, 1, 2 }.Select(p => new ProduceRequest.PartitionProduceData { Index = p, Records = new RecordSet(Batch(2, $"p{p}")) }).ToList() }],
        };
        var response = await client.SendAsync<ProduceResponse>(request, 9);

        var partitions = response.Responses.Single().PartitionResponses.OrderBy(p => p.Index).ToList();
        Assert.Equal([0, 1, 2], partitions.Select(p => p.Index));
        Assert.All(partitions, p => Expect.NoError(p.ErrorCode, p.ErrorMessage));
        Assert.Equal([0L, 4, 0], partitions.Select(p => p.BaseOffset));
    }

    [Fact]
    public async Task Produce_AcksZero_SendsNoResponseButAppends()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("acks0");
        await client.CreateTopicOrFailAsync(topic);
        var request = new ProduceRequest
        {
            Acks = 0,
            TimeoutMs = 10_000,
            TopicData = [new() { Name = topic, PartitionData = [new() { Index = 0, Records = new RecordSet(Batch(3, "z")) }] }],
        };

        // Two acks=0 produces, then a request that is answered: the first frame that comes back
        // must be that answer (SendAsync checks the correlation id), so no produce was answered.
        await client.SendRawAsync(KafkaTestClient.EncodeRequest(request, 9, client.NextCorrelationId(), client.ClientId));
        await client.SendRawAsync(KafkaTestClient.EncodeRequest(request, 3, client.NextCorrelationId(), client.ClientId));
        var end = await client.LogEndOffsetAsync(topic, 0);

        Assert.Equal(6, end);
    }

    [Fact]
    public async Task Produce_AcksZeroToUnknownTopic_ClosesTheConnection()
    {
        // Kafka closes the connection when an acks=0 produce fails, so the producer notices and refreshes metadata.
        await using var client = await _fixture.ConnectAsync();
        var request = new ProduceRequest
        {
            Acks = 0,
            TimeoutMs = 1000,
            TopicData = [new() { Name = TestTopics.Unique("nowhere"), PartitionData = [new() { Index = 0, Records = new RecordSet(Batch(1, "x")) }] }],
        };

        await client.SendRawAsync(KafkaTestClient.EncodeRequest(request, 9, client.NextCorrelationId(), client.ClientId));

        Assert.True(await client.IsClosedAsync(TimeSpan.FromSeconds(5)));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(-2)]
    [InlineData(5)]
    public async Task Produce_InvalidAcks_IsInvalidRequiredAcksAndWritesNothing(short acks)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("bad-acks");
        await client.CreateTopicOrFailAsync(topic);

        var response = await client.ProduceAsync(topic, 0, Batch(1, "x"), acks);

        Expect.Error(ErrorCode.InvalidRequiredAcks, response.ErrorCode);
        Assert.Equal(-1, response.BaseOffset);
        Assert.Equal(0, await client.LogEndOffsetAsync(topic, 0));
    }

    [Fact]
    public async Task Produce_UnknownTopic_IsUnknownTopicOrPartitionAndDoesNotCreateIt()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("unknown");

        var response = await client.ProduceAsync(topic, 0, Batch(1, "x"));

        Expect.Error(ErrorCode.UnknownTopicOrPartition, response.ErrorCode);
        Assert.False(await client.TopicExistsAsync(topic));
    }

    [Fact]
    public async Task Produce_PartitionBeyondTheTopic_IsUnknownTopicOrPartition()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("few");
        await client.CreateTopicOrFailAsync(topic, 2);

        var response = await client.ProduceAsync(topic, 2, Batch(1, "x"));

        Expect.Error(ErrorCode.UnknownTopicOrPartition, response.ErrorCode);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(11)]
    public async Task Produce_BatchWithBadCrc_IsCorruptMessageAndWritesNothing(short version)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("crc");
        await client.CreateTopicOrFailAsync(topic);
        var batch = Batch(2, "c");
        batch[^2] ^= 0x5a;

        var response = await client.ProduceAsync(topic, 0, batch, -1, version);

        Expect.Error(ErrorCode.CorruptMessage, response.ErrorCode);
        Assert.Equal(0, await client.LogEndOffsetAsync(topic, 0));
    }

    [Fact]
    public async Task Produce_NullKeyToCompactedTopic_IsInvalidRecordWithItsMessage()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("compacted");
        await client.CreateTopicOrFailAsync(topic, 1, ("cleanup.policy", "compact"));

        var response = await client.ProduceAsync(topic, 0, TestRecordBatch.Build([new TestRecord(null, "v"u8.ToArray())]), -1, 11);

        Expect.Error(ErrorCode.InvalidRecord, response.ErrorCode);
        Assert.False(string.IsNullOrEmpty(response.ErrorMessage));
        Assert.Equal(0, await client.LogEndOffsetAsync(topic, 0));
        var keyed = await client.ProduceAsync(topic, 0, TestRecordBatch.Build([TestRecord.Of("k", "v")]));
        Expect.NoError(keyed.ErrorCode, keyed.ErrorMessage);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(11)]
    public async Task Produce_InvalidRecordInsideABatch_NamesItsIndexInRecordErrors(short version)
    {
        // Kafka (v8+) lists the offending records of a rejected batch in record_errors, with the message.
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("record-errors");
        await client.CreateTopicOrFailAsync(topic, 1, ("cleanup.policy", "compact"));

        var response = await client.ProduceAsync(topic, 0, TestRecordBatch.Build([TestRecord.Of("k", "a"), new TestRecord(null, "b"u8.ToArray()), TestRecord.Of("k", "c")]), -1, version);

        Expect.Error(ErrorCode.InvalidRecord, response.ErrorCode);
        var recordError = Assert.Single(response.RecordErrors);
        Assert.Equal(1, recordError.BatchIndex);
        Assert.False(string.IsNullOrEmpty(recordError.BatchIndexErrorMessage));
    }

    [Fact]
    public async Task Produce_BatchAboveTopicMaxMessageBytes_IsMessageTooLargeWithAMessage()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("too-large");
        await client.CreateTopicOrFailAsync(topic, 1, ("max.message.bytes", "1000"));

        var response = await client.ProduceAsync(topic, 0, TestRecordBatch.Build([new TestRecord(null, new byte[2000])]), -1, 11);

        Expect.Error(ErrorCode.MessageTooLarge, response.ErrorCode);
        Assert.False(string.IsNullOrEmpty(response.ErrorMessage));
        Assert.Equal(0, await client.LogEndOffsetAsync(topic, 0));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(9)]
    [InlineData(11)]
    public async Task Produce_LogAppendTimeTopic_ReturnsTheAppendTimeAndStampsTheRecords(short version)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("append-time");
        await client.CreateTopicOrFailAsync(topic, 1, ("message.timestamp.type", "LogAppendTime"));
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var response = await client.ProduceAsync(topic, 0, TestRecordBatch.Build([TestRecord.Of("k", "v"), TestRecord.Of("k", "w")], timestamp: 1_000), -1, version);

        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Expect.NoError(response.ErrorCode, response.ErrorMessage);
        Assert.InRange(response.LogAppendTimeMs, before - 5, after + 5);
        // A v2 batch carries LogAppendTime as attribute bit 3 plus the time in maxTimestamp (bytes 35..42);
        // consumers give every record of such a batch that time.
        var fetched = await client.FetchAsync(topic, 0, 0);
        var batch = fetched.Records.Memory;
        Assert.True(batch.Length > TestRecordBatch.HeaderSize);
        Assert.True((BinaryPrimitives.ReadInt16BigEndian(batch.Span[21..]) & 0x08) != 0, "the stored batch is not marked LogAppendTime");
        Assert.Equal(response.LogAppendTimeMs, BinaryPrimitives.ReadInt64BigEndian(batch.Span[35..]));
    }

    [Fact]
    public async Task Produce_TwoBatchesForOnePartition_IsInvalidRecord()
    {
        // Kafka accepts exactly one batch per partition from Produce v3 on.
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("two-batches");
        await client.CreateTopicOrFailAsync(topic);

        var response = await client.ProduceAsync(topic, 0, [.. Batch(1, "a"), .. Batch(1, "b")], -1, 9);

        Expect.Error(ErrorCode.InvalidRecord, response.ErrorCode, response.ErrorMessage);
        Assert.Equal(0, await client.LogEndOffsetAsync(topic, 0));
    }

    [Fact]
    public async Task Produce_NoRecords_IsInvalidRecord()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("empty-records");
        await client.CreateTopicOrFailAsync(topic);

        var response = await client.ProduceAsync(topic, 0, [], -1, 9);

        Expect.Error(ErrorCode.InvalidRecord, response.ErrorCode, response.ErrorMessage);
    }

    [Fact]
    public async Task Produce_AcksAllBelowMinInsyncReplicas_IsNotEnoughReplicasButAcksOneIsAccepted()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("min-isr");
        await client.CreateTopicOrFailAsync(topic, 1, ("min.insync.replicas", "2"));

        var all = await client.ProduceAsync(topic, 0, Batch(1, "x"), -1);
        var one = await client.ProduceAsync(topic, 0, Batch(1, "y"), 1);

        Expect.Error(ErrorCode.NotEnoughReplicas, all.ErrorCode, all.ErrorMessage);
        Expect.NoError(one.ErrorCode, one.ErrorMessage);
        Assert.Equal(0, one.BaseOffset);
    }

    [Fact]
    public async Task Produce_TimestampOlderThanTheTopicAllows_IsInvalidTimestamp()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("old-timestamp");
        await client.CreateTopicOrFailAsync(topic, 1, ("message.timestamp.before.max.ms", "3600000"));

        var old = await client.ProduceAsync(topic, 0, TestRecordBatch.Build([TestRecord.Of("k", "v")], timestamp: 1_000), -1, 11);
        var recent = await client.ProduceAsync(topic, 0, TestRecordBatch.Build([TestRecord.Of("k", "v")]), -1, 11);

        Expect.Error(ErrorCode.InvalidTimestamp, old.ErrorCode, old.ErrorMessage);
        Expect.NoError(recent.ErrorCode, recent.ErrorMessage);
    }

    [Fact]
    public async Task Produce_AcksAllManySmallRequests_AnswersEachInOrder()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("acks-all");
        await client.CreateTopicOrFailAsync(topic);
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < 20; i++)
        {
            var r = await client.ProduceAsync(topic, 0, Batch(1, $"n{i}"));
            Expect.NoError(r.ErrorCode, r.ErrorMessage);
            Assert.Equal(i, r.BaseOffset);
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"20 acks=all produces took {clock.Elapsed}");
    }

    private static byte[] Batch(int count, string prefix) =>
        TestRecordBatch.Build(Enumerable.Range(0, count).Select(i => TestRecord.Of($"k{i}", $"{prefix}{i}")).ToArray());
}
