using Pipeline.Broker.Tests.Fixtures;
using Pipeline.Broker.Tests.Support;
using Pipeline.Protocol;
using Pipeline.Testing.Kafka;
using Xunit;

namespace Pipeline.Broker.Tests.Producers;

/// <summary>What a broker restart keeps of idempotence: producer state per partition, issued ids, transactional ids.</summary>
[Trait("Category", "Integration")]
public sealed class ProducerStateRestartTests
{
    [Fact]
    public async Task Restart_ARetriedBatchIsStillADuplicate_AndTheSequenceContinues()
    {
        await using var broker = await InProcessBroker.StartAsync();
        long producerId;
        byte[] last;
        await using (var client = await broker.ConnectAsync())
        {
            await client.CreateTopicOrFailAsync("idem");
            producerId = (await client.InitProducerIdAsync()).ProducerId;
            for (var i = 0; i < 3; i++)
            {
                Expect.NoError((await client.ProduceAsync("idem", 0, ProducerRequests.Batch(producerId, 0, i * 2))).ErrorCode);
            }

            last = ProducerRequests.Batch(producerId, 0, 6);
            Expect.NoError((await client.ProduceAsync("idem", 0, (byte[])last.Clone())).ErrorCode);
        }

        await broker.RestartAsync();

        await using var after = await broker.ConnectAsync();
        var retry = await after.ProduceAsync("idem", 0, last);
        Expect.NoError(retry.ErrorCode, retry.ErrorMessage);
        Assert.Equal(6, retry.BaseOffset);
        Assert.Equal(8, await after.LogEndOffsetAsync("idem", 0));
        Expect.Error(ErrorCode.OutOfOrderSequenceNumber, (await after.ProduceAsync("idem", 0, ProducerRequests.Batch(producerId, 0, 12))).ErrorCode);
        Expect.NoError((await after.ProduceAsync("idem", 0, ProducerRequests.Batch(producerId, 0, 8))).ErrorCode);
    }

    [Fact]
    public async Task Restart_ProducerIdsAreNeverHandedOutTwice()
    {
        await using var broker = await InProcessBroker.StartAsync();
        var before = new List<long>();
        await using (var client = await broker.ConnectAsync())
        {
            for (var i = 0; i < 5; i++)
            {
                before.Add((await client.InitProducerIdAsync()).ProducerId);
            }
        }

        await broker.RestartAsync();

        await using var after = await broker.ConnectAsync();
        var next = (await after.InitProducerIdAsync()).ProducerId;
        Assert.DoesNotContain(next, before);
        Assert.True(next > before.Max());
    }

    [Fact]
    public async Task Restart_TransactionalIdKeepsItsProducerIdAndEpoch_AndTheOldInstanceStaysFenced()
    {
        await using var broker = await InProcessBroker.StartAsync();
        long producerId;
        await using (var client = await broker.ConnectAsync())
        {
            await client.CreateTopicOrFailAsync("txn-fence");
            var first = await client.InitProducerIdAsync("app-1");
            producerId = first.ProducerId;
            Expect.NoError((await client.ProduceAsync("txn-fence", 0, ProducerRequests.Batch(producerId, 0, 0))).ErrorCode);
        }

        await broker.RestartAsync();

        await using var after = await broker.ConnectAsync();
        var second = await after.InitProducerIdAsync("app-1");
        Assert.Equal((producerId, (short)1), (second.ProducerId, second.ProducerEpoch));
        Expect.NoError((await after.ProduceAsync("txn-fence", 0, ProducerRequests.Batch(producerId, 1, 0))).ErrorCode);
        Expect.Error(ErrorCode.InvalidProducerEpoch, (await after.ProduceAsync("txn-fence", 0, ProducerRequests.Batch(producerId, 0, 2))).ErrorCode);
    }
}
