using System.Collections.Concurrent;
using Pipeline.Client.Admin;
using Pipeline.Client.Producer;
using Pipeline.Client.Serialization;
using Pipeline.Client.Tests.Fixtures;
using Pipeline.Protocol;
using Pipeline.Protocol.Records;
using Pipeline.Testing.Brokers;
using Pipeline.Testing.Network;

namespace Pipeline.Client.Tests.Producer;

[Trait("Category", "Integration")]
public sealed class ProducerIntegrationTests
{
    private static async Task<string> TopicAsync(HostedBroker broker, int partitions, string prefix = "p")
    {
        var name = SharedBroker.UniqueTopic(prefix);
        await using var admin = ClientFactory.Admin(broker);
        await admin.CreateTopicsAsync([new TopicSpecification { Name = name, NumPartitions = partitions }]);
        return name;
    }

    [Fact]
    public async Task Produce_KeyedRecords_LandInTheirMurmur2PartitionInSendOrder()
    {
        var broker = await SharedBroker.GetAsync();
        var topic = await TopicAsync(broker, 4);
        var reports = new ConcurrentQueue<DeliveryReport<string, string>>();
        using (var producer = ClientFactory.Producer(broker))
        {
            for (var i = 0; i < 300; i++)
            {
                producer.Produce(topic, new Message<string, string> { Key = "key-" + (i % 10), Value = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }, reports.Enqueue);
            }

            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
        }

        Assert.Equal(300, reports.Count);
        Assert.All(reports, r =>
        {
            Assert.False(r.Error.IsError, r.Error.ToString());
            Assert.Equal(PersistenceStatus.Persisted, r.Status);
            Assert.Equal(Murmur2.Partition(System.Text.Encoding.UTF8.GetBytes(r.Key), 4), r.Partition);
        });

        for (var p = 0; p < 4; p++)
        {
            var stored = (await StoredBatches.ReadAsync(broker, topic, p)).SelectMany(b => b.Records).ToList();
            var sent = reports.Where(r => r.Partition == p).OrderBy(r => r.Offset).ToList();
            Assert.Equal(sent.Select(r => r.Value), stored.Select(s => s.Value));
            Assert.Equal(stored.Select(s => s.Value).OrderBy(v => int.Parse(v!, System.Globalization.CultureInfo.InvariantCulture)), stored.Select(s => s.Value));
        }
    }

    [Fact]
    public async Task Produce_NullKeys_FillOnePartitionPerBatch()
    {
        var broker = await SharedBroker.GetAsync();
        var topic = await TopicAsync(broker, 6);
        using (var producer = ClientFactory.Producer(broker, o => o with { Linger = TimeSpan.FromMilliseconds(200), BatchSize = 1000 }))
        {
            for (var i = 0; i < 200; i++)
            {
                producer.Produce(topic, new Message<string, string> { Key = null!, Value = "value-" + i });
            }

            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
        }

        var batches = new List<StoredBatch>();
        for (var p = 0; p < 6; p++)
        {
            batches.AddRange(await StoredBatches.ReadAsync(broker, topic, p));
        }

        Assert.Equal(200, batches.Sum(b => b.Records.Count));
        Assert.True(batches.Count <= 40, $"sticky partitioning fills batches instead of spraying records ({batches.Count} batches)");
        Assert.True(batches.Select(b => b.Records[0].Value).Distinct().Count() == batches.Count);
    }

    [Theory]
    [InlineData(CompressionType.None)]
    [InlineData(CompressionType.Gzip)]
    [InlineData(CompressionType.Snappy)]
    [InlineData(CompressionType.Lz4)]
    [InlineData(CompressionType.Zstd)]
    public async Task Produce_WithCompression_StoresCompressedBatchesThatDecode(CompressionType codec)
    {
        var broker = await SharedBroker.GetAsync();
        var topic = await TopicAsync(broker, 1, "z");
        using (var producer = ClientFactory.Producer(broker, o => o with { CompressionType = codec, Linger = TimeSpan.FromMilliseconds(50) }))
        {
            for (var i = 0; i < 100; i++)
            {
                producer.Produce(topic, new Message<string, string> { Key = "k" + i, Value = new string('v', 100) + i });
            }

            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
        }

        var batches = await StoredBatches.ReadAsync(broker, topic, 0);
        Assert.All(batches, b => Assert.Equal(codec, b.Header.Compression));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => "k" + i), batches.SelectMany(b => b.Records).Select(r => r.Key));
    }

    [Fact]
    public async Task ProduceAsync_HeadersTimestampsAndNulls_AreStoredAsSent()
    {
        var broker = await SharedBroker.GetAsync();
        var topic = await TopicAsync(broker, 1, "h");
        using var producer = ClientFactory.Producer(broker);
        var headers = new Headers { { "trace", "abc" }, { "empty", (byte[]?)null }, { "trace", "second" } };
        var result = await producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = null!, Headers = headers, Timestamp = Timestamp.CreateTime(1_234_567) });
        Assert.Equal(1_234_567, result.Timestamp.UnixTimestampMs);
        Assert.Equal(TimestampType.CreateTime, result.Timestamp.Type);
        Assert.Same(headers, result.Headers);

        var stored = Assert.Single((await StoredBatches.ReadAsync(broker, topic, 0)).SelectMany(b => b.Records));
        Assert.Equal(("k", (string?)null, 1_234_567L), (stored.Key, stored.Value, stored.Timestamp));
        Assert.Equal([KeyValuePair.Create("trace", (string?)"abc"), KeyValuePair.Create("empty", (string?)null), KeyValuePair.Create("trace", (string?)"second")], stored.Headers);
    }

    [Fact]
    public async Task ProduceAsync_Idempotent_BatchesCarryOneProducerIdAndContiguousSequences()
    {
        var broker = await SharedBroker.GetAsync();
        var topic = await TopicAsync(broker, 1, "idem");
        using (var producer = ClientFactory.Producer(broker, o => o with { BatchSize = 500 }))
        {
            await Task.WhenAll(Enumerable.Range(0, 60).Select(i => producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "value-" + i })));
        }

        var batches = await StoredBatches.ReadAsync(broker, topic, 0);
        Assert.True(batches.Count > 1);
        Assert.Single(batches.Select(b => b.Header.ProducerId).Distinct());
        Assert.True(batches[0].Header.ProducerId >= 0);
        var expected = 0;
        foreach (var b in batches)
        {
            Assert.Equal(expected, b.Header.BaseSequence);
            expected += b.Header.RecordCount;
        }

        Assert.Equal(Enumerable.Range(0, 60).Select(i => "value-" + i), batches.SelectMany(b => b.Records).Select(r => r.Value));
    }

    [Fact]
    public async Task ProduceAsync_AcksNone_ReportsNoOffsetButStores()
    {
        var broker = await SharedBroker.GetAsync();
        var topic = await TopicAsync(broker, 1, "acks0");
        using (var producer = ClientFactory.Producer(broker, o => o with { Acks = Client.Config.Acks.None, EnableIdempotence = false }))
        {
            var result = await producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "v" });
            Assert.Equal(-1, result.Offset);
            Assert.Equal(PersistenceStatus.Persisted, result.Status);
        }

        await using var admin = ClientFactory.Admin(broker);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await admin.ListOffsetsAsync(new Dictionary<TopicPartition, OffsetSpec> { [new TopicPartition(topic, 0)] = OffsetSpec.Latest }))[0].Offset != 1)
        {
            Assert.True(DateTime.UtcNow < deadline, "the acks=0 record was not stored");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task ProduceAsync_UnknownTopicWithoutAutoCreate_TimesOutOnMetadata()
    {
        await using var broker = await HostedBroker.StartAsync(new Dictionary<string, string> { ["auto.create.topics.enable"] = "false" });
        using var producer = ClientFactory.Producer(broker, o => o with { MaxBlock = TimeSpan.FromMilliseconds(500) });
        var e = await Assert.ThrowsAsync<ProduceException<string, string>>(() => producer.ProduceAsync("missing-topic", new Message<string, string> { Key = "k", Value = "v" }));
        Assert.Equal(ErrorCode.RequestTimedOut, e.Code);
        Assert.Contains("not present in metadata", e.Message, StringComparison.Ordinal);
        Assert.Equal(PersistenceStatus.NotPersisted, e.DeliveryResult.Status);
    }

    [Fact]
    public async Task Produce_Invalid_ThrowsBeforeQueueing()
    {
        var broker = await SharedBroker.GetAsync();
        var topic = await TopicAsync(broker, 2, "bad");
        using var producer = ClientFactory.Producer(broker, o => o with { MaxRequestSize = 10_000 });
        var tooBig = Assert.Throws<ProduceException<string, string>>(() => producer.Produce(topic, new Message<string, string> { Key = "k", Value = new string('x', 20_000) }));
        Assert.Equal(ErrorCode.MessageTooLarge, tooBig.Code);
        var badPartition = Assert.Throws<ProduceException<string, string>>(() => producer.Produce(new TopicPartition(topic, 5), new Message<string, string> { Key = "k", Value = "v" }));
        Assert.Equal(ErrorCode.UnknownTopicOrPartition, badPartition.Code);
    }

    [Fact]
    public async Task Producer_BootstrapListWithADeadAddressFirst_StillConnects()
    {
        var broker = await SharedBroker.GetAsync();
        var topic = await TopicAsync(broker, 1, "boot");
        using var producer = ClientFactory.Producer(broker, o => o with { BootstrapServers = $"127.0.0.1:{FreePort.Next()},{broker.BootstrapServers}" });
        Assert.Equal(0, (await producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "v" })).Offset);
    }

    [Fact]
    public async Task Producer_TypedSerializers_AndCustomPartitioner()
    {
        var broker = await SharedBroker.GetAsync();
        var topic = await TopicAsync(broker, 3, "typed");
        using var producer = new ProducerBuilder<long, byte[]>(ClientFactory.ProducerOptions(broker))
            .SetKeySerializer(Serializers.Int64)
            .SetPartitioner((_, count, key, isNull) => (int)(System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(key) % count))
            .Build();
        var result = await producer.ProduceAsync(topic, new Message<long, byte[]> { Key = 5, Value = [1, 2, 3] });
        Assert.Equal(2, result.Partition);
    }

    [Fact]
    public async Task Producer_BrokerRestartsMidStream_DeliversEveryRecordOnceInOrder()
    {
        await using var broker = await HostedBroker.StartAsync();
        var topic = await TopicAsync(broker, 2, "restart");
        var reports = new ConcurrentQueue<DeliveryReport<string, string>>();
        using (var producer = ClientFactory.Producer(broker, o => o with { RetryBackoff = TimeSpan.FromMilliseconds(20), ReconnectBackoff = TimeSpan.FromMilliseconds(20) }))
        {
            for (var i = 0; i < 400; i++)
            {
                producer.Produce(new TopicPartition(topic, i % 2), new Message<string, string> { Key = "k", Value = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }, reports.Enqueue);
                if (i == 200)
                {
                    await broker.RestartAsync(TimeSpan.FromMilliseconds(200));
                }
                else if (i % 20 == 0)
                {
                    await Task.Delay(5);
                }
            }

            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(60)));
        }

        Assert.Equal(400, reports.Count);
        Assert.All(reports, r => Assert.False(r.Error.IsError, r.Error.ToString()));
        for (var p = 0; p < 2; p++)
        {
            var values = (await StoredBatches.ReadAsync(broker, topic, p)).SelectMany(b => b.Records).Select(r => int.Parse(r.Value!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(200, values.Count);
            Assert.Equal(values.Order(), values);
        }
    }
}
