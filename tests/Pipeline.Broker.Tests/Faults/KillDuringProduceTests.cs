using System.Collections.Concurrent;
using System.Net.Sockets;
using Pipeline.Broker.Tests.Fixtures;
using Pipeline.Protocol;
using Pipeline.Testing.Brokers;
using Pipeline.Testing.Kafka;
using Xunit;
using Xunit.Abstractions;

namespace Pipeline.Broker.Tests.Faults;

/// <summary>
/// DESIGN: "an acknowledged write with acks=all survives a kill -9". Producers write acks=all
/// batches to two partitions while the broker process is SIGKILLed; after a restart every
/// acknowledged batch is there, at the offset the broker gave it, in order, once.
/// </summary>
[Trait("Category", "Integration")]
public sealed class KillDuringProduceTests(ITestOutputHelper output)
{
    private const string Topic = "crash";
    private const int Partitions = 2;

    [Fact]
    public async Task Broker_KilledWhileProducingAcksAll_KeepsEveryAcknowledgedRecordAfterRestart()
    {
        await using var broker = await BrokerProcess.StartAsync(output: output);
        await using (var admin = await broker.ConnectAsync())
        {
            Assert.Equal(ErrorCode.None, await admin.CreateTopicAsync(Topic, Partitions));
        }

        var acked = new ConcurrentQueue<AckedBatch>();
        var lastSent = new int[Partitions];
        using var stop = new CancellationTokenSource();
        var loops = Enumerable.Range(0, Partitions).Select(p => Task.Run(() => ProduceUntilFailureAsync(broker, p, acked, lastSent, stop.Token))).ToArray();

        // Let enough be acknowledged that the kill lands mid-stream, then crash the broker.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (acked.Count < 300 && DateTime.UtcNow < deadline && !loops.Any(l => l.IsFaulted))
        {
            await Task.Delay(20);
        }

        broker.Kill();
        await stop.CancelAsync();
        await Task.WhenAll(loops);
        Assert.True(acked.Count >= 20, $"only {acked.Count} batches were acknowledged before the kill\n{broker.Output}");

        await broker.RestartAsync();

        await using var client = await broker.ConnectAsync();
        for (var p = 0; p < Partitions; p++)
        {
            var mine = acked.Where(a => a.Partition == p).OrderBy(a => a.BaseOffset).ToList();
            var expected = BatchProducer.Flatten(mine);
            var stored = await client.FetchAllAsync(Topic, p);
            var context = $"partition {p}: {mine.Count} batches / {expected.Count} records acknowledged, {stored.Count} records after restart\n{broker.Output}";

            Assert.True(stored.Count >= expected.Count, $"acknowledged records were lost. {context}");
            for (var i = 0; i < stored.Count; i++)
            {
                Assert.True(stored[i].Offset == i, $"offset gap: record {i} has offset {stored[i].Offset}. {context}");
            }

            foreach (var (offset, record) in expected)
            {
                Assert.True(record.Equals(stored[(int)offset]), $"offset {offset}: acknowledged {record}, stored {stored[(int)offset]}. {context}");
            }

            // Beyond the acknowledged records there can only be the batch that was in flight at
            // the kill (written, not yet acknowledged), and nothing twice.
            var tail = stored.Skip(expected.Count).ToList();
            Assert.True(tail.Count <= 4, $"{tail.Count} unacknowledged records after the last acknowledged one. {context}");
            Assert.All(tail, r => Assert.StartsWith($"v-{p}-{lastSent[p]}-", System.Text.Encoding.UTF8.GetString(r.Value!), StringComparison.Ordinal));
            Assert.Equal(stored.Count, stored.Select(r => System.Text.Encoding.UTF8.GetString(r.Value!)).Distinct().Count());

            // And the partition takes new writes right after what it kept.
            var next = await client.ProduceAsync(Topic, p, TestRecord.Of("after", "restart"));
            Assert.Equal(0, next.ErrorCode);
            Assert.Equal(stored.Count, next.BaseOffset);
        }
    }

    private static async Task ProduceUntilFailureAsync(BrokerProcess broker, int partition, ConcurrentQueue<AckedBatch> acked, int[] lastSent, CancellationToken stop)
    {
        await using var client = await broker.ConnectAsync();
        for (var seq = 0; !stop.IsCancellationRequested; seq++)
        {
            var records = BatchProducer.Batch("v", partition, seq, 1 + (seq % 4));
            lastSent[partition] = seq;
            ProduceResponsePartition response;
            try
            {
                var r = await client.ProduceAsync(Topic, partition, TestRecordBatch.Build(records), acks: -1);
                response = new ProduceResponsePartition(r.ErrorCode, r.BaseOffset);
            }
            catch (Exception e) when (e is IOException or SocketException or TimeoutException or ObjectDisposedException)
            {
                return; // the broker died under us: that is the point
            }

            if (response.ErrorCode != 0)
            {
                throw new InvalidOperationException($"produce to partition {partition} failed with {(ErrorCode)response.ErrorCode} before the kill");
            }

            acked.Enqueue(new AckedBatch(partition, response.BaseOffset, records));
        }
    }

    private readonly record struct ProduceResponsePartition(short ErrorCode, long BaseOffset);
}
