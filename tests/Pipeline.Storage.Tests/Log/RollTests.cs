using Pipeline.Protocol;
using Pipeline.Testing.Storage;

namespace Pipeline.Storage.Tests.Log;

public sealed class RollTests : IAsyncLifetime
{
    private readonly StorageTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _ctx.DisposeAsync().AsTask();

    [Fact]
    public async Task Append_BatchThatDoesNotFit_RollsBySegmentBytes()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 1000));
        var batch = TestBatches.Simple(3, _ctx.NowMs, valueSize: 60);
        var size = batch.Length;

        var perSegment = 1000 / size;
        _ctx.Append(log, batches: perSegment, recordsPerBatch: 3, valueSize: 60);
        Assert.Equal(1, log.SegmentCount);
        _ctx.Append(log, batches: 1, recordsPerBatch: 3, valueSize: 60);

        Assert.Equal(2, log.SegmentCount);
        Assert.True(File.Exists(Path.Combine(_ctx.PartitionDir(), "00000000000000000000.log")));
        Assert.True(File.Exists(Path.Combine(_ctx.PartitionDir(), $"{perSegment * 3:D20}.log")));
        Assert.True(new FileInfo(Path.Combine(_ctx.PartitionDir(), "00000000000000000000.log")).Length <= 1000);
    }

    [Fact]
    public async Task Append_SegmentMsPassedByRecordTimestamps_Rolls()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 1 << 20) with { SegmentMs = 60_000 });
        var t0 = _ctx.NowMs;
        Assert.Equal(ErrorCode.None, log.AppendAsLeader(TestBatches.Simple(1, t0), 0).Error);
        log.AppendAsLeader(TestBatches.Simple(1, t0 + 59_000), 0);
        Assert.Equal(1, log.SegmentCount);

        log.AppendAsLeader(TestBatches.Simple(1, t0 + 60_001), 0);

        Assert.Equal(2, log.SegmentCount);
    }

    [Fact]
    public async Task Append_FullOffsetIndex_Rolls()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 1 << 20, indexInterval: 0) with { SegmentIndexBytes = 8 * 4 });

        _ctx.Append(log, batches: 5, recordsPerBatch: 1);
        Assert.Equal(1, log.SegmentCount);
        _ctx.Append(log, batches: 1, recordsPerBatch: 1);

        Assert.Equal(2, log.SegmentCount);
        Assert.Equal(32, new FileInfo(Path.Combine(_ctx.PartitionDir(), "00000000000000000000.index")).Length);
    }

    [Fact]
    public async Task AppendAsFollower_OffsetBeyondInt32OfTheSegmentBase_Rolls()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 1 << 20));
        log.AppendAsFollower(TestBatches.Build([new TestRecord([1], [1], 1)], baseOffset: 0));

        var far = 3_000_000_000L;
        var info = log.AppendAsFollower(TestBatches.Build([new TestRecord([2], [2], 2)], baseOffset: far));

        Assert.Equal(ErrorCode.None, info.Error);
        Assert.Equal(2, log.SegmentCount);
        Assert.True(File.Exists(Path.Combine(_ctx.PartitionDir(), $"{far:D20}.log")), string.Join(",", Directory.GetFiles(_ctx.PartitionDir()).Select(Path.GetFileName)));
        log.UpdateHighWatermark(log.LogEndOffset);
        Assert.Equal([0L, far], StorageTestContext.ReadAll(log).Select(r => r.Offset));
    }

    [Fact]
    public async Task Roll_OldSegmentIndexesAreWrittenAndTheRecoveryPointAdvances()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 600, indexInterval: 0));
        _ctx.Append(log, batches: 10);

        await log.FlushAsync(log.LogEndOffset);

        Assert.True(log.SegmentCount > 2);
        Assert.Equal(log.LogEndOffset, log.RecoveryPoint);
        Assert.True(new FileInfo(Path.Combine(_ctx.PartitionDir(), "00000000000000000000.timeindex")).Length > 0);
    }
}
