using Pipeline.Protocol;
using Pipeline.Testing.Storage;

namespace Pipeline.Storage.Tests.Log;

public sealed class TruncationTests : IAsyncLifetime
{
    private readonly StorageTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _ctx.DisposeAsync().AsTask();

    [Fact]
    public async Task TruncateTo_AcrossSegments_DropsLaterSegmentsAndAppendsContinue()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 600, indexInterval: 0));
        _ctx.Append(log, batches: 20, recordsPerBatch: 2);
        var segments = log.SegmentCount;
        await log.FlushAsync(log.LogEndOffset);

        log.TruncateTo(14);

        Assert.Equal(14, log.LogEndOffset);
        Assert.Equal(14, log.HighWatermark);
        Assert.Equal(14, log.RecoveryPoint);
        Assert.True(log.SegmentCount < segments);
        Assert.Equal(14, StorageTestContext.ReadAll(log).Count);
        Assert.Equal(ErrorCode.None, log.AppendAsLeader(TestBatches.Simple(2, _ctx.NowMs), 0).Error);
        log.UpdateHighWatermark(log.LogEndOffset);
        Assert.Equal(Enumerable.Range(0, 16).Select(i => (long)i), StorageTestContext.ReadAll(log).Select(r => r.Offset));
        var reopened = await _ctx.RestartAsync(crash: true);
        Assert.Equal(16, reopened.LogEndOffset);
    }

    [Fact]
    public async Task TruncateTo_BelowTheFirstSegment_RestartsTheLogThere()
    {
        var log = await _ctx.CreateLogAsync();
        _ctx.Append(log, batches: 3);

        log.TruncateTo(0);

        Assert.Equal(0, log.LogEndOffset);
        Assert.Equal(0, log.LogStartOffset);
        Assert.Equal(1, log.SegmentCount);
        Assert.Equal(0, log.SizeInBytes);
        Assert.Equal(0, log.AppendAsLeader(TestBatches.Simple(1, _ctx.NowMs), 0).FirstOffset);
    }

    [Fact]
    public async Task Preallocate_SegmentFilesStartAtSegmentBytesAndAreTrimmedOnRollAndRecovery()
    {
        var config = StorageTestContext.SmallSegments(segmentBytes: 4000) with { Preallocate = true };
        var log = await _ctx.CreateLogAsync(config);
        _ctx.Append(log, batches: 1);
        var first = Path.Combine(_ctx.PartitionDir(), "00000000000000000000.log");
        Assert.Equal(4000, new FileInfo(first).Length);

        log.Roll();
        Assert.Equal(log.Segments[0].Size, new FileInfo(first).Length);
        _ctx.Append(log, batches: 2);
        var reopened = await _ctx.RestartAsync(config, crash: true);

        Assert.Equal(9, reopened.LogEndOffset);
        Assert.Equal(reopened.Segments[^1].Size, new FileInfo(Path.Combine(_ctx.PartitionDir(), $"{3:D20}.log")).Length);
    }
}
