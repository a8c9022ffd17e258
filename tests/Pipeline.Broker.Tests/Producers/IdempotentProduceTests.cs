using Pipeline.Broker.Tests.Support;
using Pipeline.Protocol;
using Pipeline.Testing.Kafka;
using Xunit;

namespace Pipeline.Broker.Tests.Producers;

/// <summary>
/// Produce from an idempotent producer: a batch sent twice is stored once and both answers carry
/// its offset; a sequence gap is OUT_OF_ORDER_SEQUENCE_NUMBER; an older epoch is fenced.
/// </summary>
[Trait("Category", "Integration")]
public sealed class IdempotentProduceTests : IClassFixture<BrokerFixture>
{
    private readonly BrokerFixture _fixture;

    public IdempotentProduceTests(BrokerFixture fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData((short)-1, (short)9)]
    [InlineData((short)1, (short)9)]
    [InlineData((short)-1, (short)3)]
    [InlineData((short)1, (short)11)]
    public async Task SameBatchSentTwice_IsStoredOnce_AndTheSecondAnswerCarriesTheFirstsOffset(short acks, short version)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("dup");
        await client.CreateTopicOrFailAsync(topic);
        var p = await client.InitProducerIdAsync();
        Expect.NoError((await client.ProduceAsync(topic, 0, TestRecordBatch.Build([TestRecord.Of("plain", "x")]), acks, version)).ErrorCode);
        var batch = ProducerRequests.Batch(p.ProducerId, p.ProducerEpoch, 0, count: 3);

        var first = await client.ProduceAsync(topic, 0, (byte[])batch.Clone(), acks, version);
        var second = await client.ProduceAsync(topic, 0, (byte[])batch.Clone(), acks, version);

        Expect.NoError(first.ErrorCode, first.ErrorMessage);
        Expect.NoError(second.ErrorCode, second.ErrorMessage);
        Assert.Equal(1, first.BaseOffset);
        Assert.Equal(first.BaseOffset, second.BaseOffset);
        var records = await client.FetchAllAsync(topic, 0);
        Assert.Equal(["plain", "r0", "r1", "r2"], records.Select(r => System.Text.Encoding.UTF8.GetString(r.Key!)));
        Assert.Equal(4, await client.LogEndOffsetAsync(topic, 0));
    }

    [Fact]
    public async Task RetryOfAnEarlierBatchOfTheLastFive_IsAnsweredWithItsOwnOffset()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("dup5");
        await client.CreateTopicOrFailAsync(topic);
        var p = await client.InitProducerIdAsync();
        var batches = Enumerable.Range(0, 5).Select(i => ProducerRequests.Batch(p.ProducerId, 0, i * 2)).ToList();
        foreach (var b in batches)
        {
            Expect.NoError((await client.ProduceAsync(topic, 0, (byte[])b.Clone())).ErrorCode);
        }

        var retry = await client.ProduceAsync(topic, 0, batches[1]);

        Expect.NoError(retry.ErrorCode);
        Assert.Equal(2, retry.BaseOffset);
        Assert.Equal(10, await client.LogEndOffsetAsync(topic, 0));
    }

    [Fact]
    public async Task DuplicateOnALogAppendTimeTopic_IsAnsweredWithTheStoredAppendTime()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("dupappend");
        await client.CreateTopicOrFailAsync(topic, 1, ("message.timestamp.type", "LogAppendTime"));
        var p = await client.InitProducerIdAsync();
        var batch = ProducerRequests.Batch(p.ProducerId, 0, 0);

        var first = await client.ProduceAsync(topic, 0, (byte[])batch.Clone());
        await Task.Delay(20);
        var second = await client.ProduceAsync(topic, 0, batch);

        Assert.True(first.LogAppendTimeMs > 0);
        Assert.Equal(first.LogAppendTimeMs, second.LogAppendTimeMs);
        Assert.Equal(first.BaseOffset, second.BaseOffset);
    }

    [Fact]
    public async Task SequenceGap_IsOutOfOrderSequenceNumber_AndNothingIsWritten()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("gap");
        await client.CreateTopicOrFailAsync(topic);
        var p = await client.InitProducerIdAsync();
        Expect.NoError((await client.ProduceAsync(topic, 0, ProducerRequests.Batch(p.ProducerId, 0, 0))).ErrorCode);

        var gap = await client.ProduceAsync(topic, 0, ProducerRequests.Batch(p.ProducerId, 0, 5));

        Expect.Error(ErrorCode.OutOfOrderSequenceNumber, gap.ErrorCode, gap.ErrorMessage);
        Assert.Contains("expected 2", gap.ErrorMessage);
        Assert.Equal(-1, gap.BaseOffset);
        Assert.Equal(0, gap.LogStartOffset);
        Assert.Equal(2, await client.LogEndOffsetAsync(topic, 0));
        Expect.NoError((await client.ProduceAsync(topic, 0, ProducerRequests.Batch(p.ProducerId, 0, 2))).ErrorCode);
    }

    [Fact]
    public async Task OlderEpochOfTheSameProducerId_IsInvalidProducerEpoch()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("epoch");
        await client.CreateTopicOrFailAsync(topic);
        var p = await client.InitProducerIdAsync();
        Expect.NoError((await client.ProduceAsync(topic, 0, ProducerRequests.Batch(p.ProducerId, 1, 0))).ErrorCode);

        var stale = await client.ProduceAsync(topic, 0, ProducerRequests.Batch(p.ProducerId, 0, 2));

        Expect.Error(ErrorCode.InvalidProducerEpoch, stale.ErrorCode, stale.ErrorMessage);
        Assert.Equal(2, await client.LogEndOffsetAsync(topic, 0));
    }

    [Fact]
    public async Task StoredBatches_KeepTheProducerIdEpochAndSequence()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("stamped");
        await client.CreateTopicOrFailAsync(topic);
        var p = await client.InitProducerIdAsync();
        Expect.NoError((await client.ProduceAsync(topic, 0, ProducerRequests.Batch(p.ProducerId, 0, 0, count: 3))).ErrorCode);
        Expect.NoError((await client.ProduceAsync(topic, 0, ProducerRequests.Batch(p.ProducerId, 0, 3, count: 1))).ErrorCode);

        var fetched = await client.FetchAsync(topic, 0, 0);
        var batches = TestRecordBatch.Decode(fetched.Records.Memory.Span);

        Assert.Equal([(p.ProducerId, (short)0, 0), (p.ProducerId, (short)0, 3)], batches.Select(b => (b.ProducerId, b.ProducerEpoch, b.BaseSequence)));
    }
}
