using System.Buffers.Binary;
using Pipeline.Protocol;
using Pipeline.Protocol.Records;
using Pipeline.Storage.Log;
using Pipeline.Testing.Storage;

namespace Pipeline.Storage.Tests.Producers;

/// <summary>Producer state through truncation, retention, DeleteRecords, expiration and compaction.</summary>
public sealed class ProducerStateLifecycleTests : IAsyncLifetime
{
    private const long Pid = 31;
    private readonly StorageTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _ctx.DisposeAsync().AsTask();

    [Fact]
    public async Task TruncateTo_RewindsTheStateToTheBatchesThatRemain()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 1 << 20));
        var batches = new List<byte[]>();
        for (var i = 0; i < 5; i++)
        {
            var b = ProducerBatches.Idempotent(Pid, 0, i * 2);
            batches.Add(b);
            log.AppendOk((byte[])b.Clone());
        }

        log.TruncateTo(6);

        Assert.True(log.AppendAsLeader((byte[])batches[2].Clone(), 0).IsDuplicate);
        var again = log.AppendAsLeader((byte[])batches[3].Clone(), 0);
        Assert.False(again.IsDuplicate);
        Assert.Equal(6, again.FirstOffset);
        Assert.Equal(ErrorCode.OutOfOrderSequenceNumber, log.AppendAsLeader(ProducerBatches.Idempotent(Pid, 0, 10), 0).Error);
    }

    [Fact]
    public async Task TruncateTo_BelowARoll_DeletesTheSnapshotsPastTheNewEnd()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 1 << 20));
        log.AppendOk(ProducerBatches.Idempotent(Pid, 0, 0));
        log.AppendOk(ProducerBatches.Idempotent(Pid, 0, 2));
        log.Roll();
        log.AppendOk(ProducerBatches.Idempotent(Pid, 0, 4));
        Assert.Contains(4L, SnapshotOffsets());

        log.TruncateTo(2);

        Assert.All(SnapshotOffsets(), o => Assert.True(o <= 2, $"snapshot {o} is past the end"));
        Assert.Equal(ErrorCode.None, log.AppendAsLeader(ProducerBatches.Idempotent(Pid, 0, 2), 0).Error);
    }

    [Fact]
    public async Task TruncateFullyAndStartAt_ForgetsEveryProducerAndSnapshot()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 1 << 20));
        log.AppendOk(ProducerBatches.Idempotent(Pid, 3, 0));
        log.Roll();

        log.TruncateFullyAndStartAt(100);

        Assert.Equal(0, log.ProducerIdCount);
        Assert.Empty(SnapshotOffsets());
        Assert.Equal(ErrorCode.None, log.AppendAsLeader(ProducerBatches.Idempotent(Pid, 1, 9), 0).Error);
    }

    [Fact]
    public async Task Retention_DeletesTheSnapshotsOfDeletedSegmentsButKeepsTheProducers()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 1 << 20) with { RetentionMs = 3_600_000 });
        var old = _ctx.NowMs - 7_200_000;
        log.AppendOk(ProducerBatches.Idempotent(Pid, 0, 0, timestamp: old));
        log.Roll();
        log.AppendOk(ProducerBatches.Idempotent(Pid + 1, 0, 0, timestamp: old));
        log.Roll();
        log.AppendOk(TestBatches.Simple(1, _ctx.NowMs));
        Assert.Equal([2L, 4L], SnapshotOffsets());

        Assert.Equal(2, log.DeleteOldSegments());

        Assert.Equal(4, log.LogStartOffset);
        Assert.Equal([4L], SnapshotOffsets());
        Assert.Equal(2, log.ProducerIdCount);
        Assert.Equal(ErrorCode.OutOfOrderSequenceNumber, log.AppendAsLeader(ProducerBatches.Idempotent(Pid, 0, 7), 0).Error);
    }

    [Fact]
    public async Task DeleteRecords_KeepsTheProducersOfDeletedRecords()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 1 << 20));
        log.AppendOk(ProducerBatches.Idempotent(Pid, 0, 0));
        log.AppendOk(TestBatches.Simple(2, _ctx.NowMs));

        Assert.Equal(ErrorCode.None, log.DeleteRecordsBefore(4));

        Assert.Equal(1, log.ProducerIdCount);
        Assert.Equal(ErrorCode.None, log.AppendAsLeader(ProducerBatches.Idempotent(Pid, 0, 2), 0).Error);
    }

    [Fact]
    public async Task ExpirationJob_ForgetsProducersIdleLongerThanTheExpirationTime()
    {
        _ctx.Configure = o => o with { ProducerIdExpirationMs = 60_000, ProducerIdExpirationCheckIntervalMs = 10_000 };
        var log = await _ctx.CreateLogAsync();
        log.AppendOk(ProducerBatches.Idempotent(Pid, 0, 0, timestamp: _ctx.NowMs));
        log.AppendOk(ProducerBatches.Idempotent(Pid + 1, 0, 0, timestamp: _ctx.NowMs + 45_000));

        _ctx.Time.Advance(TimeSpan.FromSeconds(50));
        Assert.Equal(2, log.ProducerIdCount);

        _ctx.Time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(1, log.ProducerIdCount);
        Assert.Equal(ErrorCode.None, log.AppendAsLeader(ProducerBatches.Idempotent(Pid, 0, 500), 0).Error);
        Assert.Equal(ErrorCode.OutOfOrderSequenceNumber, log.AppendAsLeader(ProducerBatches.Idempotent(Pid + 1, 0, 500), 0).Error);
    }

    [Fact]
    public async Task ExpirationJob_KeepsAProducerWithAnOpenTransaction()
    {
        _ctx.Configure = o => o with { ProducerIdExpirationMs = 60_000, ProducerIdExpirationCheckIntervalMs = 10_000 };
        var log = await _ctx.CreateLogAsync();
        log.AppendOk(ProducerBatches.Idempotent(Pid, 0, 0, timestamp: _ctx.NowMs, transactional: true));

        _ctx.Time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(1, log.ProducerIdCount);
    }

    [Fact]
    public async Task Compaction_KeepsEachProducersLastBatch_SoTheStateSurvivesARebuild()
    {
        var config = StorageTestContext.SmallSegments(segmentBytes: 1 << 20) with { CleanupPolicy = ["compact"], MinCleanableDirtyRatio = 0.0 };
        var log = await _ctx.CreateLogAsync(config);
        var last = ProducerBatches.Idempotent(Pid, 0, 0, count: 1, keyPrefix: "same");
        log.AppendOk((byte[])last.Clone());
        var overwrite = TestBatches.KeyValue("same0-0", "newer", _ctx.NowMs);
        log.AppendOk(overwrite);
        log.Roll();
        Assert.Equal(1, await _ctx.Manager!.RunCleanerPassAsync());
        var stored = TestBatches.Summaries(log.Read(0, 1 << 20, log.HighWatermark, true).ReadAndRelease());
        Assert.Contains(stored, b => b.ProducerId == Pid && b.Count == 0);

        _ctx.Manager.SimulateCrash();
        foreach (var f in Directory.GetFiles(_ctx.PartitionDir(), "*.snapshot"))
        {
            File.Delete(f);
        }

        var manager = await _ctx.StartAsync();
        Assert.True(manager.TryGetLog(StorageTestContext.Tp, out var rebuilt));

        var retry = rebuilt.AppendAsLeader(last, 0);
        Assert.True(retry.IsDuplicate);
        Assert.Equal(0, retry.FirstOffset);
        Assert.Equal(ErrorCode.OutOfOrderSequenceNumber, rebuilt.AppendAsLeader(ProducerBatches.Idempotent(Pid, 0, 5, count: 1, keyPrefix: "k"), 0).Error);
        Assert.Equal(ErrorCode.None, rebuilt.AppendAsLeader(ProducerBatches.Idempotent(Pid, 0, 1, count: 1, keyPrefix: "k"), 0).Error);
    }

    [Fact]
    public async Task Append_OfAKnownProducersNextSequence_AllocatesNothingAfterWarmUp()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 64 << 20, indexInterval: 4096));
        var batch = ProducerBatches.Idempotent(Pid, 0, 0, count: 5);
        var sequence = 0;
        void Next()
        {
            BinaryPrimitives.WriteInt32BigEndian(batch.AsSpan(RecordBatchHeader.BaseSequenceOffset), sequence);
            RecordBatchHeader.UpdateCrc(batch);
            var info = log.AppendAsLeader(batch, 0);
            if (info.Error != ErrorCode.None || info.IsDuplicate)
            {
                throw new InvalidOperationException($"{info.Error} {info.ErrorMessage}");
            }

            sequence += 5;
        }

        for (var i = 0; i < 200; i++)
        {
            Next();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 2000; i++)
        {
            Next();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private List<long> SnapshotOffsets() =>
        [.. Directory.GetFiles(_ctx.PartitionDir(), "*.snapshot").Select(p => LogFileNames.TryParseBaseOffset(Path.GetFileName(p), out var o) ? o : -1).Order()];
}
