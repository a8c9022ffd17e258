using Pipeline.Client.Config;
using Pipeline.Client.Producer;
using Pipeline.Client.Tests.Fixtures;
using Pipeline.Protocol;

namespace Pipeline.Client.Tests.Producer;

public sealed class RecordAccumulatorTests
{
    private static readonly TopicPartition P0 = new("t", 0);
    private static readonly TopicPartition P1 = new("t", 1);

    [Fact]
    public void Append_FillsOneBatchThenStartsAnother()
    {
        var acc = new RecordAccumulator(new BufferMemory(1 << 20), batchSize: 300, TimeSpan.FromSeconds(1));
        // Each 60-byte record takes 67 bytes: three fit in 300 with the 61-byte header, a fourth does not.
        var first = Append(acc, P0, 60);
        Assert.True(first.Appended);
        Assert.True(first.NewBatchCreated);
        Assert.False(first.BatchIsFull);
        var second = Append(acc, P0, 60);
        Assert.False(second.NewBatchCreated);
        Append(acc, P0, 60);
        var spill = Append(acc, P0, 60);
        Assert.True(spill.NewBatchCreated);
        Assert.True(spill.BatchIsFull, "a queue with two batches has a full one to send");
        Assert.Equal(4, acc.IncompleteRecords);
        Assert.Equal(2, acc.IncompleteBatches);
    }

    [Fact]
    public void Append_AbortOnNewBatch_DoesNotCreateOne()
    {
        var acc = new RecordAccumulator(new BufferMemory(1 << 20), batchSize: 16384, TimeSpan.FromSeconds(1));
        Assert.False(Append(acc, P0, 10, abortOnNewBatch: true).Appended);
        Assert.Equal(0, acc.IncompleteRecords);
        Assert.True(Append(acc, P0, 10).Appended);
        Assert.True(Append(acc, P0, 10, abortOnNewBatch: true).Appended);
    }

    [Fact]
    public void Append_BufferMemoryExhausted_TimesOutAfterMaxBlock()
    {
        var acc = new RecordAccumulator(new BufferMemory(1000), batchSize: 600, TimeSpan.FromMilliseconds(100));
        Append(acc, P0, 10);
        var e = Assert.Throws<KafkaException>(() => Append(acc, P1, 10));
        Assert.Equal(ErrorCode.RequestTimedOut, e.Code);
        Assert.True(acc.Memory.Available >= 0);
    }

    [Fact]
    public void Append_AfterClose_Throws()
    {
        var acc = new RecordAccumulator(new BufferMemory(1 << 20), batchSize: 16384, TimeSpan.FromSeconds(1));
        acc.Close();
        Assert.Throws<KafkaException>(() => Append(acc, P0, 10));
    }

    [Fact]
    public void Ready_WaitsForLingerUnlessFullOrFlushing()
    {
        var options = ProducerOptions.Default with { BootstrapServers = "x:1", Linger = TimeSpan.FromSeconds(10), BatchSize = 300 };
        var acc = new RecordAccumulator(new BufferMemory(1 << 20), options.BatchSize, TimeSpan.FromSeconds(1));
        var drainer = new BatchDrainer(acc, options, new IdempotenceState(false));
        var metadata = TestMetadata.Cluster(2, new Dictionary<string, int> { ["t"] = 2 });
        Append(acc, P0, 10);
        var check = drainer.Ready(metadata, Clock.Now, sendAll: false);
        Assert.Empty(check.ReadyNodes);
        Assert.InRange(check.NextCheck, TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(10));
        Assert.Equal([1], drainer.Ready(metadata, Clock.Now, sendAll: true).ReadyNodes);
        Assert.Equal([1], drainer.Ready(metadata, Clock.Now + Clock.Ticks(TimeSpan.FromSeconds(11)), sendAll: false).ReadyNodes);
        Append(acc, P1, 400);
        Assert.Equal([2], drainer.Ready(metadata, Clock.Now, sendAll: false).ReadyNodes);
    }

    [Fact]
    public void Ready_PartitionWithoutLeader_AsksForMetadata()
    {
        var options = ProducerOptions.Default with { BootstrapServers = "x:1" };
        var acc = new RecordAccumulator(new BufferMemory(1 << 20), options.BatchSize, TimeSpan.FromSeconds(1));
        var drainer = new BatchDrainer(acc, options, new IdempotenceState(false));
        Append(acc, P0, 10);
        var check = drainer.Ready(TestMetadata.Cluster(1, new Dictionary<string, int> { ["t"] = 2 }, ("t", 0)), Clock.Now, sendAll: true);
        Assert.True(check.UnknownLeaders);
        Assert.Empty(check.ReadyNodes);
    }

    [Fact]
    public void Drain_OneBatchPerPartitionOfTheNode_WithSequencesWhenIdempotent()
    {
        var options = ProducerOptions.Default with { BootstrapServers = "x:1", BatchSize = 300 };
        var acc = new RecordAccumulator(new BufferMemory(1 << 20), options.BatchSize, TimeSpan.FromSeconds(1));
        var idempotence = new IdempotenceState(true);
        idempotence.SetProducerId(7, 2);
        var drainer = new BatchDrainer(acc, options, idempotence);
        var metadata = TestMetadata.Cluster(1, new Dictionary<string, int> { ["t"] = 2 });
        for (var i = 0; i < 5; i++)
        {
            Append(acc, P0, 100);
        }

        Append(acc, P1, 100);
        var drained = drainer.Drain(metadata, 1, options.MaxRequestSize, Clock.Now);
        Assert.Equal([P0, P1], drained.Select(b => b.TopicPartition).Order(Comparer<TopicPartition>.Create((a, b) => a.Partition.CompareTo(b.Partition))));
        var first = drained.Single(b => b.TopicPartition == P0);
        Assert.Equal((7L, (short)2, 0), (first.ProducerId, first.ProducerEpoch, first.BaseSequence));
        Assert.True(first.IsClosed && first.InFlight && first.IsBuilt);

        var next = drainer.Drain(metadata, 1, options.MaxRequestSize, Clock.Now);
        var second = Assert.Single(next);
        Assert.Equal(first.RecordCount, second.BaseSequence);
    }

    [Fact]
    public void Drain_RespectsMaxRequestSizeButAlwaysTakesOne()
    {
        var options = ProducerOptions.Default with { BootstrapServers = "x:1", EnableIdempotence = false, BatchSize = 1000 };
        var acc = new RecordAccumulator(new BufferMemory(1 << 20), options.BatchSize, TimeSpan.FromSeconds(1));
        var drainer = new BatchDrainer(acc, options, new IdempotenceState(false));
        var metadata = TestMetadata.Cluster(1, new Dictionary<string, int> { ["t"] = 2 });
        Append(acc, P0, 800);
        Append(acc, P1, 800);
        Assert.Single(drainer.Drain(metadata, 1, maxBytes: 1000, Clock.Now));
        Assert.Single(drainer.Drain(metadata, 1, maxBytes: 1000, Clock.Now));
        Assert.Empty(drainer.Drain(metadata, 1, maxBytes: 1000, Clock.Now));
    }

    [Fact]
    public void Reenqueue_PutsRetriesBackInSequenceOrder_AndHoldsThemWhileTheirPartitionIsInFlight()
    {
        var options = ProducerOptions.Default with { BootstrapServers = "x:1", BatchSize = 200 };
        var acc = new RecordAccumulator(new BufferMemory(1 << 20), options.BatchSize, TimeSpan.FromSeconds(1));
        var idempotence = new IdempotenceState(true);
        idempotence.SetProducerId(1, 0);
        var drainer = new BatchDrainer(acc, options, idempotence);
        var metadata = TestMetadata.Cluster(1, new Dictionary<string, int> { ["t"] = 1 });
        for (var i = 0; i < 3; i++)
        {
            Append(acc, P0, 150);
        }

        var b0 = Assert.Single(drainer.Drain(metadata, 1, options.MaxRequestSize, Clock.Now));
        var b1 = Assert.Single(drainer.Drain(metadata, 1, options.MaxRequestSize, Clock.Now));
        var state = idempotence.For(P0);
        Assert.Equal(2, state.InFlight);

        // Both fail; the later one comes back first.
        state.InFlight = 1;
        drainer.Reenqueue(b1);
        state.InFlight = 0;
        drainer.Reenqueue(b0);
        var again = drainer.Drain(metadata, 1, options.MaxRequestSize, Clock.Now);
        Assert.Same(b0, Assert.Single(again));
        Assert.Empty(drainer.Drain(metadata, 1, options.MaxRequestSize, Clock.Now));
        state.InFlight = 0;
        Assert.Same(b1, Assert.Single(drainer.Drain(metadata, 1, options.MaxRequestSize, Clock.Now)));
    }

    [Fact]
    public void Expire_RemovesBatchesPastTheDeliveryTimeout()
    {
        var options = ProducerOptions.Default with { BootstrapServers = "x:1", DeliveryTimeout = TimeSpan.FromSeconds(60), Linger = TimeSpan.Zero, RequestTimeout = TimeSpan.FromSeconds(30) };
        var acc = new RecordAccumulator(new BufferMemory(1 << 20), options.BatchSize, TimeSpan.FromSeconds(1));
        var drainer = new BatchDrainer(acc, options, new IdempotenceState(false));
        Append(acc, P0, 10);
        Assert.Empty(drainer.Expire(Clock.Now));
        var expired = Assert.Single(drainer.Expire(Clock.Now + Clock.Ticks(TimeSpan.FromSeconds(61))));
        Assert.Equal(P0, expired.TopicPartition);
        Assert.True(expired.IsClosed);
    }

    private static AppendResult Append(RecordAccumulator acc, TopicPartition tp, int valueSize, bool abortOnNewBatch = false) =>
        acc.Append(tp, 1, default, true, new byte[valueSize], false, null, null, null, abortOnNewBatch);
}
