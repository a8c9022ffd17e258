using Pipeline.Protocol;
using Pipeline.Storage.Log;

namespace Pipeline.Storage.Tests.Producers;

/// <summary>Producer state after a restart: snapshot + replay, crashes, damaged and stale snapshots.</summary>
public sealed class ProducerStateRecoveryTests : IAsyncLifetime
{
    private const long Pid = 77;
    private readonly StorageTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _ctx.DisposeAsync().AsTask();

    [Fact]
    public async Task Crash_WithoutAnySnapshot_RebuildsTheStateFromTheWholeLog()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 500));
        var sent = AppendProducerBatches(log, 12);
        Assert.True(log.SegmentCount > 2);
        _ctx.Manager!.SimulateCrash();
        foreach (var f in Directory.GetFiles(_ctx.PartitionDir(), "*.snapshot"))
        {
            File.Delete(f);
        }

        var recovered = await RestartAfterCrashAsync();

        AssertRecognised(recovered, sent);
    }

    [Fact]
    public async Task Crash_WithAStaleSnapshot_ReplaysTheBatchesAfterIt()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 1 << 20));
        var sent = AppendProducerBatches(log, 3);
        log.Roll();
        var staleAt = log.LogEndOffset;
        sent.AddRange(AppendProducerBatches(log, 4, firstSequence: 6));
        log.AppendOk(ProducerBatches.Idempotent(Pid + 1, 0, 0));

        var recovered = await _ctx.RestartAsync(crash: true);

        Assert.Equal([staleAt, recovered.LogEndOffset], SnapshotOffsets());
        Assert.Equal(2, recovered.ProducerIdCount);
        AssertRecognised(recovered, sent);
    }

    [Fact]
    public async Task Crash_WithADamagedLatestSnapshot_FallsBackToTheOlderOneAndReplays()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 1 << 20));
        var sent = AppendProducerBatches(log, 2);
        log.Roll();
        sent.AddRange(AppendProducerBatches(log, 2, firstSequence: 4));
        log.Roll();
        sent.AddRange(AppendProducerBatches(log, 3, firstSequence: 8));
        _ctx.Manager!.SimulateCrash();
        var latest = Directory.GetFiles(_ctx.PartitionDir(), "*.snapshot").Order().Last();
        var bytes = File.ReadAllBytes(latest);
        bytes[^3] ^= 0xFF;
        File.WriteAllBytes(latest, bytes);

        var recovered = await RestartAfterCrashAsync();

        AssertRecognised(recovered, sent);
    }

    [Fact]
    public async Task Recovery_TruncatingATornBatch_DropsItFromTheStateAndDeletesSnapshotsPastTheEnd()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 1 << 20));
        var sent = AppendProducerBatches(log, 3);
        var tornBatch = sent[^1];
        log.Roll();
        var rolledAt = log.LogEndOffset;
        _ctx.Manager!.SimulateCrash();
        File.Delete(Path.Combine(_ctx.LogDir, LogFileNames.RecoveryPointCheckpoint));
        var segment = LogFileNames.PathOf(_ctx.PartitionDir(), 0, LogFileNames.LogSuffix);
        using (var f = File.OpenHandle(segment, FileMode.Open, FileAccess.ReadWrite))
        {
            RandomAccess.SetLength(f, RandomAccess.GetLength(f) - 5);
        }

        var recovered = await RestartAfterCrashAsync();

        Assert.Equal(tornBatch.First, recovered.LogEndOffset);
        Assert.DoesNotContain(rolledAt, SnapshotOffsets());
        var again = recovered.AppendAsLeader(tornBatch.Batch, 0);
        Assert.Equal(ErrorCode.None, again.Error);
        Assert.False(again.IsDuplicate);
        Assert.Equal(tornBatch.First, again.FirstOffset);
        Assert.True(recovered.AppendAsLeader(sent[^2].Batch, 0).IsDuplicate);
    }

    [Fact]
    public async Task CleanShutdown_WithoutSnapshots_StartsEmptyAtTheLogEndWithoutScanning()
    {
        // A log written before producer snapshots existed: Kafka's upgrade shortcut.
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 1 << 20));
        AppendProducerBatches(log, 3);
        await _ctx.Manager!.DisposeAsync();
        foreach (var f in Directory.GetFiles(_ctx.PartitionDir(), "*.snapshot"))
        {
            File.Delete(f);
        }

        var manager = await _ctx.StartAsync();
        Assert.True(manager.TryGetLog(StorageTestContext.Tp, out var reopened));

        Assert.Equal(0, reopened.ProducerIdCount);
        Assert.Equal([6L], SnapshotOffsets());
        Assert.Equal(ErrorCode.None, reopened.AppendAsLeader(ProducerBatches.Idempotent(Pid, 0, 40), 0).Error);
    }

    [Fact]
    public async Task CleanRestart_AfterTheExpirationTime_ForgetsTheProducers()
    {
        _ctx.Configure = o => o with { ProducerIdExpirationMs = 60_000 };
        var log = await _ctx.CreateLogAsync();
        AppendProducerBatches(log, 2);
        await _ctx.Manager!.DisposeAsync();
        _ctx.Time.Advance(TimeSpan.FromMinutes(2));

        var manager = await _ctx.StartAsync();
        Assert.True(manager.TryGetLog(StorageTestContext.Tp, out var reopened));

        Assert.Equal(0, reopened.ProducerIdCount);
    }

    private List<(byte[] Batch, long First)> AppendProducerBatches(PartitionLog log, int count, int firstSequence = 0)
    {
        var sent = new List<(byte[] Batch, long First)>();
        for (var i = 0; i < count; i++)
        {
            var batch = ProducerBatches.Idempotent(Pid, 0, firstSequence + (i * 2), keyPrefix: new string('x', 40));
            sent.Add((batch, log.AppendOk((byte[])batch.Clone()).FirstOffset));
        }

        return sent;
    }

    // The last five batches are duplicates with their original offsets; the next sequence follows
    // the last one and a gap is refused.
    private static void AssertRecognised(PartitionLog log, List<(byte[] Batch, long First)> sent)
    {
        var end = log.LogEndOffset;
        foreach (var (batch, first) in sent.TakeLast(5))
        {
            var retry = log.AppendAsLeader((byte[])batch.Clone(), 0);
            Assert.True(retry.IsDuplicate, $"the batch at {first} was not recognised ({retry.Error})");
            Assert.Equal(first, retry.FirstOffset);
        }

        Assert.Equal(end, log.LogEndOffset);
        var last = new Pipeline.Protocol.Records.RecordBatchHeader(sent[^1].Batch).LastSequence;
        Assert.Equal(ErrorCode.OutOfOrderSequenceNumber, log.AppendAsLeader(ProducerBatches.Idempotent(Pid, 0, last + 3), 0).Error);
        Assert.Equal(ErrorCode.None, log.AppendAsLeader(ProducerBatches.Idempotent(Pid, 0, last + 1), 0).Error);
    }

    private async Task<PartitionLog> RestartAfterCrashAsync()
    {
        var manager = await _ctx.StartAsync();
        Assert.True(manager.TryGetLog(StorageTestContext.Tp, out var log));
        log.UpdateHighWatermark(log.LogEndOffset);
        return log;
    }

    private List<long> SnapshotOffsets() =>
        [.. Directory.GetFiles(_ctx.PartitionDir(), "*.snapshot").Select(p => LogFileNames.TryParseBaseOffset(Path.GetFileName(p), out var o) ? o : -1).Order()];
}
