using System.Globalization;
using Pipeline.Interop.Tests.Support;
using Pipeline.Protocol.Records;
using Pipeline.Testing.Brokers;
using Xunit;
using Xunit.Abstractions;

namespace Pipeline.Interop.Tests.KafkaPython;

/// <summary>kafka-python 2.0.2: KafkaProducer (gzip, acks=all) and a group-less KafkaConsumer
/// (assign, seek_to_beginning, end_offsets, beginning_offsets, offsets_for_times, seek).</summary>
[Trait("Category", "Integration")]
public sealed class KafkaPythonClientTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ProducerGzipAcksAll_ConsumerWithoutGroup_ReadsEverythingAndFindsOffsets()
    {
        const int partitions = 3;
        const long baseTimestamp = 1_700_000_000_000;
        await using var broker = await BrokerProcess.StartAsync(output: output);
        const string topic = "kp-clients";
        await broker.CreateTopicAsync(topic, partitions);
        var sent = InteropData.Records(240, partitions);
        var input = broker.InputFile("kp.json");
        InteropRecord.WriteInputFile(input, sent);

        var run = await ClientScripts.KafkaPythonAsync(
            "kp_produce_consume.py",
            [broker.BootstrapServers, topic, input, partitions.ToString(CultureInfo.InvariantCulture), baseTimestamp.ToString(CultureInfo.InvariantCulture)],
            output);

        var context = $"kp_produce_consume.py:\n{run.Describe()}\n--- broker ---\n{broker.Output}";
        Assert.True(run.ExitCode == 0, context);
        var produced = InteropRecord.ParseLines(run.OutputLines, "produced");
        var consumed = InteropRecord.ParseLines(run.OutputLines, "consumed");
        RecordAssert.Delivered(sent, produced, consumed, "kafka-python");

        // Record i was produced with timestamp base + 10 i (CreateTime) and must come back with it.
        var timestampOf = new Dictionary<(int, long), long>();
        var indexInPartition = new int[partitions];
        var producedByPartition = produced.GroupBy(p => p.Partition!.Value).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Offset).ToList());
        for (var i = 0; i < sent.Count; i++)
        {
            var p = sent[i].Partition;
            timestampOf[(p, producedByPartition[p][indexInPartition[p]++].Offset)] = baseTimestamp + (10 * i);
        }

        Assert.All(consumed, c => Assert.Equal(timestampOf[(c.Partition!.Value, c.Offset)], c.Timestamp));

        var results = InteropRecord.ParseResults(run.OutputLines);
        for (var p = 0; p < partitions; p++)
        {
            var key = p.ToString(CultureInfo.InvariantCulture);
            Assert.Equal(producedByPartition[p].Max(r => r.Offset) + 1, results["end_offsets"]["offsets"]![key]!.GetValue<long>());
            Assert.Equal(0, results["beginning_offsets"]["offsets"]![key]!.GetValue<long>());
        }

        // The script asked for the timestamp of partition 0's middle record: that record's offset.
        var times = results["offsets_for_times"];
        var query = times["timestamp"]!.GetValue<long>();
        var expectedOffset = timestampOf.Where(t => t.Key.Item1 == 0 && t.Value >= query).Min(t => t.Key.Item2);
        Assert.True(times["offset"] is not null, $"offsets_for_times found nothing for {query}\n{context}");
        Assert.Equal(expectedOffset, times["offset"]!.GetValue<long>());
        Assert.Equal(query, times["found_timestamp"]!.GetValue<long>());
        Assert.True(times["future"] is null, $"offsets_for_times for a future timestamp must find nothing, got {times["future"]}");
        Assert.Equal(expectedOffset, results["seek"]["offset"]!.GetValue<long>());

        // kafka-python sends a batch uncompressed when gzip would not make it smaller (single
        // small records), so: gzip or none, and gzip for the bigger batches.
        var stored = Enumerable.Range(0, partitions).SelectMany(p => broker.StoredBatches(topic, p)).ToList();
        Assert.All(stored, b => Assert.True(b.Compression is CompressionType.Gzip or CompressionType.None, $"batch at {b.BaseOffset} stored as {b.Compression}"));
        Assert.Contains(stored, b => b.Compression == CompressionType.Gzip && b.RecordCount > 1);
    }
}
