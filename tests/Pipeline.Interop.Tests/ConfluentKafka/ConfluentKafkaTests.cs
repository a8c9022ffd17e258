using System.Globalization;
using Pipeline.Interop.Tests.Support;
using Pipeline.Protocol.Records;
using Pipeline.Testing.Brokers;
using Xunit;
using Xunit.Abstractions;

namespace Pipeline.Interop.Tests.ConfluentKafka;

/// <summary>
/// confluent-kafka (librdkafka 2.0.2): produce with each codec, check the delivery reports, read
/// everything back with assign() (no consumer group), and check on disk that the broker stored
/// the producer's batches with the producer's codec.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ConfluentKafkaTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("none", CompressionType.None)]
    [InlineData("snappy", CompressionType.Snappy)]
    [InlineData("lz4", CompressionType.Lz4)]
    [InlineData("zstd", CompressionType.Zstd)]
    public async Task ProduceConsume_WithCodec_EveryRecordRoundTripsAndStoredBatchesKeepTheCodec(string codec, CompressionType expected)
    {
        const int partitions = 3;
        await using var broker = await BrokerProcess.StartAsync(output: output);
        var topic = $"ck-{codec}";
        await broker.CreateTopicAsync(topic, partitions);
        var sent = InteropData.Records(300, partitions);

        var (produced, consumed) = await ProduceAndConsumeAsync(broker, topic, partitions, sent, codec);

        RecordAssert.Delivered(sent, produced, consumed, $"confluent-kafka {codec}\n{broker.Output}");
        for (var p = 0; p < partitions; p++)
        {
            var batches = broker.StoredBatches(topic, p);
            Assert.NotEmpty(batches);
            // librdkafka sends a batch uncompressed when the codec does not make it smaller (a
            // lone small record); a batch of several records always shrinks.
            Assert.All(batches, b => Assert.True(b.Compression == expected || (b.Compression == CompressionType.None && b.RecordCount == 1), $"partition {p}: batch at offset {b.BaseOffset} ({b.RecordCount} records) is stored as {b.Compression}, the producer sent {expected}"));
            Assert.Contains(batches, b => b.Compression == expected && b.RecordCount > 1);
            Assert.All(batches, b => Assert.True(b.CrcValid, $"partition {p}: stored batch at offset {b.BaseOffset} has a bad CRC"));
            Assert.Equal(sent.Count(s => s.Partition == p), batches.Sum(b => b.RecordCount));
        }
    }

    [Fact]
    public async Task ProduceConsume_TwentyThousandRecordsOverSixPartitions_AllReadBackInOrder()
    {
        const int partitions = 6;
        const int count = 20_000;
        await using var broker = await BrokerProcess.StartAsync(output: output);
        const string topic = "ck-volume";
        await broker.CreateTopicAsync(topic, partitions);
        var sent = InteropData.Records(count, partitions);

        var (produced, consumed) = await ProduceAndConsumeAsync(broker, topic, partitions, sent, "lz4", timeout: TimeSpan.FromSeconds(90));

        RecordAssert.Delivered(sent, produced, consumed, "confluent-kafka volume");
        for (var p = 0; p < partitions; p++)
        {
            var inPartition = sent.Count(s => s.Partition == p);
            Assert.Equal(Enumerable.Range(0, inPartition).Select(i => (long)i), produced.Where(r => r.Partition == p).Select(r => r.Offset).Order());
        }
    }

    private async Task<(IReadOnlyList<InteropRecord> Produced, IReadOnlyList<InteropRecord> Consumed)> ProduceAndConsumeAsync(
        BrokerProcess broker, string topic, int partitions, IReadOnlyList<(int Partition, Pipeline.Testing.Kafka.TestRecord Record)> sent, string codec, TimeSpan? timeout = null)
    {
        var input = broker.InputFile($"{topic}.json");
        InteropRecord.WriteInputFile(input, sent);

        var produce = await ClientScripts.ConfluentKafkaAsync("ck_produce.py", [broker.BootstrapServers, topic, input, codec, "all"], output, timeout);
        Assert.True(produce.ExitCode == 0, $"ck_produce.py {codec} failed:\n{produce.Describe()}\n--- broker ---\n{broker.Output}");
        var produced = InteropRecord.ParseLines(produce.OutputLines);

        var consume = await ClientScripts.ConfluentKafkaAsync(
            "ck_consume.py",
            [broker.BootstrapServers, topic, partitions.ToString(CultureInfo.InvariantCulture), sent.Count.ToString(CultureInfo.InvariantCulture), "30"],
            output,
            timeout);
        Assert.True(consume.ExitCode == 0, $"ck_consume.py failed:\n{consume.Describe()}\n--- broker ---\n{broker.Output}");
        return (produced, InteropRecord.ParseLines(consume.OutputLines));
    }
}
