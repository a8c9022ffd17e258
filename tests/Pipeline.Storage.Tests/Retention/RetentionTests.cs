using Pipeline.Protocol;
using Pipeline.Testing.Storage;

namespace Pipeline.Storage.Tests.Retention;

public sealed class RetentionTests : IAsyncLifetime
{
    private readonly StorageTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _ctx.DisposeAsync().AsTask();

    [Fact]
    public async Task RetentionMs_SegmentsWhoseNewestRecordIsTooOld_AreDeleted()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 600) with { RetentionMs = 3_600_000 });
        var old = _ctx.NowMs - 7_200_000;
        _ctx.Append(log, batches: 6, timestamp: old);
        var oldEnd = log.LogEndOffset;
        log.Roll();
        _ctx.Append(log, batches: 2);
        var segmentsBefore = log.SegmentCount;

        var deleted = log.DeleteOldSegments();

        Assert.Equal(segmentsBefore - 1, deleted);
        Assert.Equal(oldEnd, log.LogStartOffset);
        Assert.Equal(ErrorCode.OffsetOutOfRange, log.Read(0, 1000, long.MaxValue, true).Error);
        Assert.Single(Directory.GetFiles(_ctx.PartitionDir(), "*.log"));
    }

    [Fact]
    public async Task RetentionBytes_OldestSegmentsGoUntilThePartitionFits()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 600) with { RetentionBytes = 1500 });
        _ctx.Append(log, batches: 20);
        var sizes = log.SizeInBytes;

        log.DeleteOldSegments();

        // Kafka's rule: a segment goes only if the partition stays at or above retention.bytes without it.
        Assert.True(log.SizeInBytes < sizes);
        Assert.True(log.SizeInBytes >= 1500);
        Assert.True(log.SizeInBytes - log.Segments[0].Size < 1500);
        Assert.Equal(log.LogStartOffset, StorageTestContext.ReadAll(log)[0].Offset);
    }

    [Fact]
    public async Task RetentionMs_ExpiredActiveSegment_RollsAndDeletesEverything()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 1 << 20) with { RetentionMs = 1000 });
        _ctx.Append(log, batches: 3, timestamp: _ctx.NowMs - 10_000);

        log.DeleteOldSegments();

        Assert.Equal(1, log.SegmentCount);
        Assert.Equal(9, log.LogStartOffset);
        Assert.Equal(9, log.LogEndOffset);
        Assert.Equal(0, log.SizeInBytes);
        Assert.True(File.Exists(Path.Combine(_ctx.PartitionDir(), $"{9:D20}.log")));
    }

    [Fact]
    public async Task Retention_NeverDeletesPastTheHighWatermark()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 600) with { RetentionMs = 1000 });
        _ctx.Append(log, batches: 8, timestamp: _ctx.NowMs - 10_000);
        log.UpdateHighWatermark(0);

        Assert.Equal(0, log.DeleteOldSegments());
        Assert.Equal(0, log.LogStartOffset);
    }

    [Fact]
    public async Task CompactOnlyPolicy_IgnoresRetentionMs()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 600) with { RetentionMs = 1000, CleanupPolicy = ["compact"] });
        _ctx.Append(log, batches: 8, timestamp: _ctx.NowMs - 10_000);

        Assert.Equal(0, log.DeleteOldSegments());
    }

    [Fact]
    public async Task DeleteRecordsBefore_AdvancesStartOffsetDropsWholeSegmentsAndCheckpoints()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 600));
        _ctx.Append(log, batches: 12);
        var segments = log.SegmentCount;

        Assert.Equal(ErrorCode.OffsetOutOfRange, log.DeleteRecordsBefore(log.HighWatermark + 1));
        Assert.Equal(ErrorCode.None, log.DeleteRecordsBefore(20));

        Assert.Equal(20, log.LogStartOffset);
        Assert.True(log.SegmentCount < segments);
        Assert.Equal(ErrorCode.OffsetOutOfRange, log.Read(19, 1000, long.MaxValue, true).Error);
        var records = StorageTestContext.ReadAll(log);
        Assert.Equal(20, records[0].Offset);
        var checkpoint = File.ReadAllLines(Path.Combine(_ctx.LogDir, "log-start-offset-checkpoint"));
        Assert.Equal(["0", "1", "orders 0 20"], checkpoint);
    }

    [Fact]
    public async Task FileDeleteDelay_FilesRenamedThenRemovedLater_AndLeasesStayReadable()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 600) with { FileDeleteDelayMs = 60_000 });
        _ctx.Append(log, batches: 8);
        var lease = log.Read(0, 1 << 20, long.MaxValue, true);

        Assert.Equal(ErrorCode.None, log.DeleteRecordsBefore(log.HighWatermark));

        Assert.NotEmpty(Directory.GetFiles(_ctx.PartitionDir(), "*.log.deleted"));
        Assert.Equal(0, TestBatches.Summaries(lease.ReadAndRelease())[0].BaseOffset);
        _ctx.Time.Advance(TimeSpan.FromSeconds(61));
        Assert.Empty(Directory.GetFiles(_ctx.PartitionDir(), "*.deleted"));
    }

    [Fact]
    public async Task RetentionJob_RunsEveryCheckInterval()
    {
        _ctx.Configure = o => o with { RetentionCheckIntervalMs = 10_000 };
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 600) with { RetentionMs = 60_000 });
        _ctx.Append(log, batches: 8);
        var start = log.LogStartOffset;

        _ctx.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(start, log.LogStartOffset);
        _ctx.Time.Advance(TimeSpan.FromSeconds(40));

        Assert.Equal(log.LogEndOffset, log.LogStartOffset);
    }
}
