using Pipeline.Broker.Tests.Support;
using Pipeline.Protocol;
using Pipeline.Testing.Brokers;
using Pipeline.Testing.Kafka;
using Xunit;
using Xunit.Abstractions;

namespace Pipeline.Broker.Tests.Producers;

/// <summary>
/// Idempotence across a kill -9 of the broker process: the producer state is rebuilt from the
/// last snapshot (segments roll every few batches here) plus the batches after it, so retries of
/// acknowledged batches are still recognised, and producer ids handed out before are not reused.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ProducerStateKillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Kill9_RetriesOfTheLastFiveAckedBatchesAreDuplicates_AndIdsAreNotReused()
    {
        await using var broker = await BrokerProcess.StartAsync(output: output);
        var sent = new List<(byte[] Batch, long Offset)>();
        long producerId;
        await using (var client = await broker.ConnectAsync())
        {
            Assert.Equal(ErrorCode.None, await client.CreateTopicAsync("killed", 1, new Dictionary<string, string> { ["segment.bytes"] = "2000" }));
            producerId = (await client.InitProducerIdAsync()).ProducerId;
            for (var i = 0; i < 30; i++)
            {
                var batch = ProducerRequests.Batch(producerId, 0, i * 3, count: 3, prefix: new string('p', 30));
                var r = await client.ProduceAsync("killed", 0, (byte[])batch.Clone());
                Expect.NoError(r.ErrorCode, r.ErrorMessage);
                sent.Add((batch, r.BaseOffset));
            }
        }

        broker.Kill();
        await broker.RestartAsync();

        await using var after = await broker.ConnectAsync();
        foreach (var (batch, offset) in sent.TakeLast(5))
        {
            var retry = await after.ProduceAsync("killed", 0, batch);
            Expect.NoError(retry.ErrorCode, retry.ErrorMessage);
            Assert.True(offset == retry.BaseOffset, $"a retry of the batch at {offset} was answered with {retry.BaseOffset}\n{broker.Output}");
        }

        Assert.Equal(90, await after.LogEndOffsetAsync("killed", 0));
        Expect.Error(ErrorCode.OutOfOrderSequenceNumber, (await after.ProduceAsync("killed", 0, ProducerRequests.Batch(producerId, 0, 100))).ErrorCode);
        Expect.NoError((await after.ProduceAsync("killed", 0, ProducerRequests.Batch(producerId, 0, 90))).ErrorCode);
        Assert.True((await after.InitProducerIdAsync()).ProducerId > producerId);
    }
}
