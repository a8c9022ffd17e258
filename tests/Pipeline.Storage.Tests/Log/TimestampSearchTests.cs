using System.Text;
using Pipeline.Protocol;
using Pipeline.Protocol.Records;
using Pipeline.Testing.Storage;

namespace Pipeline.Storage.Tests.Log;

public sealed class TimestampSearchTests : IAsyncLifetime
{
    private readonly StorageTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _ctx.DisposeAsync().AsTask();

    [Fact]
    public async Task FindOffsetByTimestamp_FindsTheFirstRecordAtOrAfterTheTimestampInsideBatches()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 500, indexInterval: 0));
        for (var b = 0; b < 20; b++)
        {
            // Batch b holds timestamps 1000*b + 0, 100, 200, 300.
            var records = Enumerable.Range(0, 4).Select(i => new TestRecord([(byte)i], [1, 2, 3], (1000L * b) + (100 * i))).ToList();
            Assert.Equal(ErrorCode.None, log.AppendAsLeader(TestBatches.Build(records), leaderEpoch: 3).Error);
        }

        Assert.True(log.SegmentCount > 3);
        Assert.Equal(new Pipeline.Storage.Log.OffsetAndTimestamp(0, 0, 3), log.FindOffsetByTimestamp(-5));
        Assert.Equal(new Pipeline.Storage.Log.OffsetAndTimestamp(30, 7200, 3), log.FindOffsetByTimestamp(7150));
        Assert.Equal(new Pipeline.Storage.Log.OffsetAndTimestamp(32, 8000, 3), log.FindOffsetByTimestamp(7301));
        Assert.Equal(new Pipeline.Storage.Log.OffsetAndTimestamp(79, 19300, 3), log.FindOffsetByTimestamp(19300));
        Assert.Null(log.FindOffsetByTimestamp(19301));
    }

    [Fact]
    public async Task FindOffsetByTimestamp_OutOfOrderTimestamps_ReturnsTheEarliestOffsetThatQualifies()
    {
        var log = await _ctx.CreateLogAsync();
        log.AppendAsLeader(TestBatches.Build([new TestRecord([1], [1], 1000)]), 0);
        log.AppendAsLeader(TestBatches.Build([new TestRecord([2], [2], 5000)]), 0);
        log.AppendAsLeader(TestBatches.Build([new TestRecord([3], [3], 3000)]), 0);

        Assert.Equal(0, log.FindOffsetByTimestamp(900)!.Value.Offset);
        Assert.Equal(1, log.FindOffsetByTimestamp(2000)!.Value.Offset);
        Assert.Equal(1, log.FindOffsetByTimestamp(4000)!.Value.Offset);
        Assert.Null(log.FindOffsetByTimestamp(5001));
    }

    [Fact]
    public async Task FindOffsetByTimestamp_NeverAnswersBelowTheLogStartOffset()
    {
        var log = await _ctx.CreateLogAsync();
        _ctx.Append(log, batches: 3, recordsPerBatch: 3, timestamp: 100);
        log.DeleteRecordsBefore(4);

        Assert.Equal(4, log.FindOffsetByTimestamp(0)!.Value.Offset);
    }

    [Fact]
    public async Task OffsetOfMaxTimestamp_ReturnsTheFirstRecordWithTheLargestTimestamp()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 300));
        log.AppendAsLeader(TestBatches.Build([new TestRecord([1], [1], 10), new TestRecord([2], [2], 20)]), 1);
        log.AppendAsLeader(TestBatches.Build([new TestRecord([3], [3], 50), new TestRecord([4], [4], 90), new TestRecord([5], [5], 30)]), 2);
        log.AppendAsLeader(TestBatches.Build([new TestRecord([6], [6], 90)]), 2);
        log.AppendAsLeader(TestBatches.Build([new TestRecord([7], [7], 40)]), 2);

        Assert.Equal(new Pipeline.Storage.Log.OffsetAndTimestamp(3, 90, 2), log.OffsetOfMaxTimestamp());
    }

    [Fact]
    public async Task FindOffsetByTimestamp_CompressedBatch_LooksInsideIt()
    {
        var log = await _ctx.CreateLogAsync();
        using var builder = new RecordBatchBuilder { Compression = CompressionType.Gzip };
        for (var i = 0; i < 5; i++)
        {
            builder.Append(1000 + (i * 10), Encoding.UTF8.GetBytes("k" + i), [1]);
        }

        log.AppendAsLeader(builder.ToArray(), 0);

        Assert.Equal(new Pipeline.Storage.Log.OffsetAndTimestamp(3, 1030, 0), log.FindOffsetByTimestamp(1025));
    }

    [Fact]
    public async Task Timestamps_SurviveRestartAndIndexRebuild()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 400, indexInterval: 0));
        for (var b = 0; b < 10; b++)
        {
            log.AppendAsLeader(TestBatches.Build([new TestRecord([1], [1], 100 * b)]), 0);
        }

        await _ctx.Manager!.DisposeAsync();
        foreach (var f in Directory.GetFiles(_ctx.PartitionDir(), "*.timeindex"))
        {
            File.Delete(f);
        }

        var manager = await _ctx.StartAsync();
        Assert.True(manager.TryGetLog(StorageTestContext.Tp, out var reopened));

        Assert.Equal(7, reopened.FindOffsetByTimestamp(650)!.Value.Offset);
        Assert.Equal(9, reopened.OffsetOfMaxTimestamp()!.Value.Offset);
    }
}
