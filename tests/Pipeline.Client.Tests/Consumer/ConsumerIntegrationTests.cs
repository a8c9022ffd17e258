using System.Text;
using Pipeline.Client.Config;
using Pipeline.Client.Consumer;
using Pipeline.Client.Serialization;
using Pipeline.Client.Tests.Fixtures;
using Pipeline.Protocol;
using Pipeline.Protocol.Records;
using static Pipeline.Client.Tests.Consumer.ConsumerTestSupport;

namespace Pipeline.Client.Tests.Consumer;

/// <summary>One consumer against the in-process broker: what it reads, where it starts, and how it moves.</summary>
[Trait("Category", "Integration")]
public sealed class ConsumerIntegrationTests
{
    [Theory]
    [InlineData(CompressionType.None)]
    [InlineData(CompressionType.Zstd)]
    public async Task Consume_ProducedByOurProducer_EveryRecordOnceInOrderWithItsFields(CompressionType codec)
    {
        var broker = await GroupBroker.GetAsync();
        var topic = await GroupBroker.TopicAsync(broker, 4);
        var sent = new List<(string? Key, string? Value, long Ts)>();
        using (var producer = ClientFactory.Producer(broker, o => o with { CompressionType = codec, Linger = TimeSpan.FromMilliseconds(20) }))
        {
            for (var i = 0; i < 2000; i++)
            {
                var key = i % 10 == 0 ? null : "key-" + (i % 13);
                var value = i % 17 == 0 ? null : "value-" + i;
                var headers = i % 5 == 0 ? new Headers { { "n", i.ToString(System.Globalization.CultureInfo.InvariantCulture) }, { "null", (byte[]?)null } } : null;
                producer.Produce(new TopicPartition(topic, i % 4), new Message<string, string> { Key = key!, Value = value!, Headers = headers, Timestamp = Timestamp.CreateTime(1_000_000 + i) });
                sent.Add((key, value, 1_000_000 + i));
            }

            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
        }

        await using var consumer = new ConsumerBuilder<string?, string?>(GroupBroker.Options(broker, GroupBroker.UniqueGroup()) with { MaxPollRecords = 37 }).Build();
        consumer.Subscribe(topic);
        var got = await ConsumeAsync(consumer, 2000);

        Assert.Null(await consumer.ConsumeAsync(TimeSpan.FromMilliseconds(300)));
        for (var p = 0; p < 4; p++)
        {
            var inPartition = got.Where(r => r.Partition == p).ToList();
            Assert.Equal(Enumerable.Range(0, 500).Select(i => (long)i), inPartition.Select(r => r.Offset));
            var expected = sent.Where((_, i) => i % 4 == p).ToList();
            Assert.Equal(expected.Select(e => e.Key), inPartition.Select(r => r.Message!.Key));
            Assert.Equal(expected.Select(e => e.Value), inPartition.Select(r => r.Message!.Value));
            Assert.Equal(expected.Select(e => e.Ts), inPartition.Select(r => r.Message!.Timestamp.UnixTimestampMs));
        }

        var withHeaders = got.First(r => r.Message!.Headers is not null);
        Assert.Equal(2, withHeaders.Message!.Headers!.Count);
        Assert.Null(withHeaders.Message.Headers.GetLast("null"));
        Assert.Equal(4, consumer.Assignment.Count);
        Assert.All(Enumerable.Range(0, 4), p => Assert.Equal(500, consumer.Position(new TopicPartition(topic, p))));
        Assert.Equal(new WatermarkOffsets(0, 500), consumer.GetWatermarkOffsets(new TopicPartition(topic, 0)));
    }

    [Fact]
    public async Task Assign_WithoutGroup_ReadsFromTheGivenOffsetsAndSpecialOffsets()
    {
        var broker = await GroupBroker.GetAsync();
        var topic = await GroupBroker.TopicAsync(broker, 3);
        for (var p = 0; p < 3; p++)
        {
            await ProduceAsync(broker, topic, 10, partition: p, first: p * 100);
        }

        await using var consumer = new ConsumerBuilder<string, string>(GroupBroker.Options(broker, null)).Build();
        consumer.Assign([new TopicPartitionOffset(topic, 0, 7), new TopicPartitionOffset(topic, 1, Offset.Beginning), new TopicPartitionOffset(topic, 2, Offset.End)]);
        var got = await ConsumeAsync(consumer, 13);

        Assert.Equal([7, 8, 9], got.Where(r => r.Partition == 0).Select(Value));
        Assert.Equal(Enumerable.Range(100, 10), got.Where(r => r.Partition == 1).Select(Value));
        Assert.Null(await consumer.ConsumeAsync(TimeSpan.FromMilliseconds(300)));
        Assert.Equal(10, consumer.Position(new TopicPartition(topic, 2)));

        // New records at the end of partition 2 do arrive.
        await ProduceAsync(broker, topic, 2, partition: 2, first: 210);
        Assert.Equal([210, 211], (await ConsumeAsync(consumer, 2)).Select(Value));
        Assert.Throws<KafkaException>(() => consumer.Commit());
    }

    [Fact]
    public async Task AutoOffsetReset_LatestOnANewGroup_SkipsWhatWasThere()
    {
        var broker = await GroupBroker.GetAsync();
        var topic = await GroupBroker.TopicAsync(broker, 1);
        await ProduceAsync(broker, topic, 20);

        await using var consumer = new ConsumerBuilder<string, string>(GroupBroker.Options(broker, GroupBroker.UniqueGroup()) with { AutoOffsetReset = AutoOffsetReset.Latest }).Build();
        consumer.Subscribe(topic);
        await PollUntilAsync(() => consumer.Assignment.Count == 1 && consumer.Position(new TopicPartition(topic, 0)) == 20, "the reset to the end", consumer);

        await ProduceAsync(broker, topic, 3, first: 20);
        Assert.Equal([20, 21, 22], (await ConsumeAsync(consumer, 3)).Select(Value));
    }

    [Fact]
    public async Task OffsetOutOfRange_ResetsByPolicyOrFailsWithNone()
    {
        var broker = await GroupBroker.GetAsync();
        var topic = await GroupBroker.TopicAsync(broker, 1);
        await ProduceAsync(broker, topic, 5);

        await using (var consumer = new ConsumerBuilder<string, string>(GroupBroker.Options(broker, null)).Build())
        {
            consumer.Assign([new TopicPartitionOffset(topic, 0, 1000)]);
            Assert.Equal([0, 1, 2, 3, 4], (await ConsumeAsync(consumer, 5)).Select(Value));
        }

        await using var strict = new ConsumerBuilder<string, string>(GroupBroker.Options(broker, null) with { AutoOffsetReset = AutoOffsetReset.None }).Build();
        strict.Assign([new TopicPartitionOffset(topic, 0, 1000)]);
        var e = await Assert.ThrowsAsync<KafkaException>(async () => await ConsumeAsync(strict, 1, TimeSpan.FromSeconds(10)));
        Assert.Equal(ErrorCode.OffsetOutOfRange, e.Code);

        // A seek puts it right.
        strict.Seek(new TopicPartitionOffset(topic, 0, 3));
        Assert.Equal([3, 4], (await ConsumeAsync(strict, 2)).Select(Value));
    }

    [Fact]
    public async Task Commit_ThenANewConsumerInTheGroup_ResumesAfterTheCommittedOffset()
    {
        var broker = await GroupBroker.GetAsync();
        var topic = await GroupBroker.TopicAsync(broker, 2);
        await ProduceAsync(broker, topic, 40, partition: 0);
        await ProduceAsync(broker, topic, 40, partition: 1, first: 100);
        var group = GroupBroker.UniqueGroup();
        var options = GroupBroker.Options(broker, group) with { EnableAutoCommit = false };

        await using (var first = new ConsumerBuilder<string, string>(options).Build())
        {
            first.Subscribe(topic);
            var got = await ConsumeAsync(first, 30);
            var committed = first.Commit();
            Assert.Equal(got.GroupBy(r => r.Partition).Select(g => g.Max(r => r.Offset) + 1).Order(), committed.Select(c => c.Offset).Order());
            Assert.Equal(committed.OrderBy(c => c.Partition), first.Committed(committed.Select(c => c.TopicPartition), TimeSpan.FromSeconds(10)).OrderBy(c => c.Partition));

            // Consumed but not committed: read again by the next member.
            await ConsumeAsync(first, 5);
        }

        await using var second = new ConsumerBuilder<string, string>(options).Build();
        second.Subscribe(topic);
        var rest = await ConsumeAsync(second, 50);
        var before = 0;
        foreach (var p in rest.GroupBy(r => r.Partition))
        {
            before += (int)p.First().Offset;
            Assert.Equal(Enumerable.Range((int)p.First().Offset, 40 - (int)p.First().Offset).Select(i => (long)i), p.Select(r => r.Offset));
        }

        Assert.Equal(30, before);
    }

    [Fact]
    public async Task AutoCommit_OnClose_CommitsWhatWasConsumed()
    {
        var broker = await GroupBroker.GetAsync();
        var topic = await GroupBroker.TopicAsync(broker, 1);
        await ProduceAsync(broker, topic, 30);
        var options = GroupBroker.Options(broker, GroupBroker.UniqueGroup()) with { EnableAutoCommit = true, AutoCommitInterval = TimeSpan.FromMinutes(10) };

        await using (var first = new ConsumerBuilder<string, string>(options).Build())
        {
            first.Subscribe(topic);
            await ConsumeAsync(first, 12);
        }

        await using var second = new ConsumerBuilder<string, string>(options).Build();
        second.Subscribe(topic);
        Assert.Equal(12, (await ConsumeAsync(second, 1))[0].Offset);
    }

    [Fact]
    public async Task StoreOffset_WithoutAutoStore_CommitSendsOnlyWhatWasStored()
    {
        var broker = await GroupBroker.GetAsync();
        var topic = await GroupBroker.TopicAsync(broker, 1);
        await ProduceAsync(broker, topic, 10);
        var options = GroupBroker.Options(broker, GroupBroker.UniqueGroup()) with { EnableAutoCommit = false, EnableAutoOffsetStore = false };

        await using var consumer = new ConsumerBuilder<string, string>(options).Build();
        consumer.Subscribe(topic);
        var got = await ConsumeAsync(consumer, 10);
        Assert.Empty(consumer.Commit());

        consumer.StoreOffset(got[3]);
        Assert.Equal(4, Assert.Single(consumer.Commit()).Offset);
        Assert.Equal(4, Assert.Single(consumer.Committed([new TopicPartition(topic, 0)], TimeSpan.FromSeconds(10))).Offset);
        await consumer.CommitAsync([new TopicPartitionOffset(topic, 0, 9)]);
        Assert.Equal(9, Assert.Single(consumer.Committed(TimeSpan.FromSeconds(10))).Offset);
    }

    [Fact]
    public async Task Seek_BackwardForwardAndToTheEnds_MovesTheNextRecord()
    {
        var broker = await GroupBroker.GetAsync();
        var topic = await GroupBroker.TopicAsync(broker, 1);
        await ProduceAsync(broker, topic, 100);
        var tp = new TopicPartition(topic, 0);

        await using var consumer = new ConsumerBuilder<string, string>(GroupBroker.Options(broker, null) with { MaxPollRecords = 10 }).Build();
        consumer.Assign(tp);
        Assert.Equal(Enumerable.Range(0, 50), (await ConsumeAsync(consumer, 50)).Select(Value));

        consumer.Seek(new TopicPartitionOffset(tp, 10));
        Assert.Equal(10, consumer.Position(tp));
        Assert.Equal([10, 11, 12], (await ConsumeAsync(consumer, 3)).Select(Value));

        consumer.Seek(new TopicPartitionOffset(tp, 95));
        Assert.Equal([95, 96], (await ConsumeAsync(consumer, 2)).Select(Value));

        consumer.SeekToBeginning([tp]);
        Assert.Equal([0], (await ConsumeAsync(consumer, 1)).Select(Value));

        consumer.SeekToEnd([tp]);
        Assert.Null(await consumer.ConsumeAsync(TimeSpan.FromMilliseconds(300)));
        Assert.Equal(100, consumer.Position(tp));
        Assert.Throws<InvalidOperationException>(() => consumer.Seek(new TopicPartitionOffset(topic, 5, 0)));
    }

    [Fact]
    public async Task Pause_StopsOnePartitionWhileOthersFlow_ResumeContinuesAtItsPosition()
    {
        var broker = await GroupBroker.GetAsync();
        var topic = await GroupBroker.TopicAsync(broker, 2);
        await ProduceAsync(broker, topic, 50, partition: 0);
        await ProduceAsync(broker, topic, 50, partition: 1, first: 100);
        var p0 = new TopicPartition(topic, 0);

        await using var consumer = new ConsumerBuilder<string, string>(GroupBroker.Options(broker, null) with { MaxPollRecords = 5 }).Build();
        consumer.Assign([p0, new TopicPartition(topic, 1)]);
        var first = await ConsumeAsync(consumer, 10);
        consumer.Pause([p0]);
        Assert.Equal([p0], consumer.Paused());
        var position = consumer.Position(p0);

        var whilePaused = new List<ConsumeResult<string, string>>();
        await PollForAsync(TimeSpan.FromSeconds(1), whilePaused, consumer);
        Assert.All(whilePaused, r => Assert.Equal(1, r.Partition));
        Assert.Equal(50 - first.Count(r => r.Partition == 1), whilePaused.Count);
        Assert.Equal(position, consumer.Position(p0));

        consumer.Resume([p0]);
        var rest = await ConsumeAsync(consumer, 50 - (int)position);
        Assert.Equal(Enumerable.Range((int)position, 50 - (int)position).Select(i => (long)i), rest.Select(r => r.Offset));
    }

    [Fact]
    public async Task OffsetsForTimes_FindsTheFirstRecordAtOrAfterEachTimestamp()
    {
        var broker = await GroupBroker.GetAsync();
        var topic = await GroupBroker.TopicAsync(broker, 1);
        using (var producer = ClientFactory.Producer(broker))
        {
            for (var i = 0; i < 10; i++)
            {
                await producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "v" + i, Timestamp = Timestamp.CreateTime(10_000 + (i * 1000)) });
            }
        }

        await using var consumer = new ConsumerBuilder<string, string>(GroupBroker.Options(broker, null)).Build();
        var tp = new TopicPartition(topic, 0);
        var found = new[] { 0, 13_500, 99_000 }
            .Select(ts => Assert.Single(consumer.OffsetsForTimes([new TopicPartitionTimestamp(tp, Timestamp.CreateTime(ts))], TimeSpan.FromSeconds(10))))
            .ToList();
        Assert.Equal([0L, 4L, Offset.End], found.Select(f => f.Offset));
        Assert.Equal(new WatermarkOffsets(0, 10), consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)));

        consumer.Assign([found[1]]);
        Assert.Equal("v4", (await ConsumeAsync(consumer, 1))[0].Message!.Value);
    }

    [Theory]
    [InlineData(IsolationLevel.ReadCommitted)]
    [InlineData(IsolationLevel.ReadUncommitted)]
    public async Task IsolationLevel_WithoutTransactions_BothReadEverythingUpToTheHighWatermark(IsolationLevel isolation)
    {
        var broker = await GroupBroker.GetAsync();
        var topic = await GroupBroker.TopicAsync(broker, 1);
        await ProduceAsync(broker, topic, 25);

        await using var consumer = new ConsumerBuilder<string, string>(GroupBroker.Options(broker, GroupBroker.UniqueGroup()) with { IsolationLevel = isolation }).Build();
        consumer.Subscribe(topic);
        Assert.Equal(Enumerable.Range(0, 25), (await ConsumeAsync(consumer, 25)).Select(Value));
        Assert.Equal(25, consumer.GetWatermarkOffsets(new TopicPartition(topic, 0)).High);
    }

    [Fact]
    public async Task Deserializer_Throws_ConsumeExceptionCarriesTheRawRecordAndConsumingGoesOn()
    {
        var broker = await GroupBroker.GetAsync();
        var topic = await GroupBroker.TopicAsync(broker, 1);
        await ProduceAsync(broker, topic, 5);

        await using var consumer = new ConsumerBuilder<string, int>(GroupBroker.Options(broker, null)).SetValueDeserializer(new PickyDeserializer()).Build();
        consumer.Assign(new TopicPartition(topic, 0));
        var values = new List<int>();
        ConsumeException? failure = null;
        while (values.Count < 4)
        {
            try
            {
                if (await consumer.ConsumeAsync(TimeSpan.FromMilliseconds(200)) is { } r)
                {
                    values.Add(r.Message!.Value);
                }
            }
            catch (ConsumeException e)
            {
                failure = e;
            }
        }

        Assert.Equal([0, 1, 3, 4], values);
        Assert.NotNull(failure);
        Assert.Equal(2, failure.Record.Offset);
        Assert.Equal("2", Encoding.UTF8.GetString(failure.Record.Message!.Value!));
    }

    [Fact]
    public async Task EnablePartitionEof_ReportsTheEndOnceUntilNewRecordsArrive()
    {
        var broker = await GroupBroker.GetAsync();
        var topic = await GroupBroker.TopicAsync(broker, 1);
        await ProduceAsync(broker, topic, 3);

        await using var consumer = new ConsumerBuilder<string, string>(GroupBroker.Options(broker, null) with { EnablePartitionEof = true }).Build();
        consumer.Assign(new TopicPartition(topic, 0));
        var got = await ConsumeAsync(consumer, 4);
        Assert.Equal([false, false, false, true], got.Select(r => r.IsPartitionEOF));
        Assert.Equal(3, got[3].Offset);
        Assert.Null(await consumer.ConsumeAsync(TimeSpan.FromMilliseconds(500)));

        await ProduceAsync(broker, topic, 1, first: 3);
        got = await ConsumeAsync(consumer, 2);
        Assert.Equal([false, true], got.Select(r => r.IsPartitionEOF));
    }

    [Fact]
    public async Task Bootstrap_SeveralAddressesWithADeadOne_StillConsumes()
    {
        var broker = await GroupBroker.GetAsync();
        var topic = await GroupBroker.TopicAsync(broker, 1);
        await ProduceAsync(broker, topic, 3);
        var dead = Pipeline.Testing.Network.FreePort.Next();

        await using var consumer = new ConsumerBuilder<string, string>(GroupBroker.Options(broker, GroupBroker.UniqueGroup()) with
        {
            BootstrapServers = $"127.0.0.1:{dead},{broker.BootstrapServers}",
        }).Build();
        consumer.Subscribe(topic);
        Assert.Equal([0, 1, 2], (await ConsumeAsync(consumer, 3)).Select(Value));
    }

    private sealed class PickyDeserializer : IDeserializer<int>
    {
        public int Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) =>
            data.SequenceEqual("2"u8) ? throw new FormatException("two is not welcome") : int.Parse(Encoding.UTF8.GetString(data), System.Globalization.CultureInfo.InvariantCulture);
    }
}
