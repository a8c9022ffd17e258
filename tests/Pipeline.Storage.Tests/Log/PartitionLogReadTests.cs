using Pipeline.Protocol;
using Pipeline.Testing.Storage;

namespace Pipeline.Storage.Tests.Log;

public sealed class PartitionLogReadTests : IAsyncLifetime
{
    private readonly StorageTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _ctx.DisposeAsync().AsTask();

    [Fact]
    public async Task AppendAndRead_ManySegments_RoundTripsEveryRecordInOrder()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 600));
        var infos = _ctx.Append(log, batches: 60, recordsPerBatch: 3);

        Assert.True(log.SegmentCount > 10);
        Assert.Equal(0, infos[0].FirstOffset);
        Assert.Equal(2, infos[0].LastOffset);
        Assert.Equal(177, infos[^1].FirstOffset);
        Assert.Equal(180, log.LogEndOffset);
        var records = StorageTestContext.ReadAll(log);
        Assert.Equal(Enumerable.Range(0, 180).Select(i => (long)i), records.Select(r => r.Offset));
        Assert.Equal("b59-2", records[^1].KeyString);
    }

    [Fact]
    public async Task Read_OffsetInTheMiddleOfABatch_ReturnsThatWholeBatch()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 1 << 20));
        _ctx.Append(log, batches: 4, recordsPerBatch: 5);

        var r = log.Read(7, 1 << 20, log.HighWatermark, minOneBatch: false);

        Assert.Equal(ErrorCode.None, r.Error);
        Assert.Equal(5, r.FirstOffset);
        Assert.Equal(1, log.SegmentCount);
        var batches = TestBatches.Summaries(r.ReadAndRelease());
        Assert.Equal([5L, 10, 15], batches.Select(b => b.BaseOffset));
        Assert.All(batches, b => Assert.True(b.CrcValid));
    }

    [Fact]
    public async Task Read_MaxBytes_ReturnsOnlyWholeBatchesThatFit()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 1 << 20));
        _ctx.Append(log, batches: 10, recordsPerBatch: 2);
        var all = log.Read(0, 1 << 20, long.MaxValue, false).ReadAndRelease();
        Assert.Equal(10, TestBatches.Summaries(all).Count);
        var batchSize = all.Length / 10;

        var r = log.Read(0, (batchSize * 3) + (batchSize / 2), long.MaxValue, minOneBatch: false);

        Assert.Equal(batchSize * 3, r.ReadAndRelease().Length);
    }

    [Fact]
    public async Task Read_FirstBatchLargerThanMaxBytes_MinOneBatchReturnsItWhole()
    {
        var log = await _ctx.CreateLogAsync();
        _ctx.Append(log, batches: 3, recordsPerBatch: 4, valueSize: 100);

        var without = log.Read(0, 10, long.MaxValue, minOneBatch: false);
        var with = log.Read(0, 10, long.MaxValue, minOneBatch: true);

        Assert.Equal(ErrorCode.None, without.Error);
        Assert.Null(without.Records);
        var batches = TestBatches.Summaries(with.ReadAndRelease());
        Assert.Single(batches);
        Assert.Equal(3, batches[0].LastOffset);
    }

    [Fact]
    public async Task Read_HighWatermarkLimit_ExcludesBatchesAtOrAboveIt()
    {
        var log = await _ctx.CreateLogAsync();
        _ctx.Append(log, batches: 5, recordsPerBatch: 2);
        log.UpdateHighWatermark(6);

        var r = log.Read(0, 1 << 20, log.HighWatermark, minOneBatch: true);
        var atHw = log.Read(6, 1 << 20, log.HighWatermark, minOneBatch: true);

        Assert.Equal([0L, 2, 4], TestBatches.Summaries(r.ReadAndRelease()).Select(b => b.BaseOffset));
        Assert.Equal(ErrorCode.None, atHw.Error);
        Assert.Null(atHw.Records);
        Assert.Equal(6, atHw.HighWatermark);
    }

    [Fact]
    public async Task Read_OutsideTheLog_IsOffsetOutOfRange()
    {
        var log = await _ctx.CreateLogAsync();
        _ctx.Append(log, batches: 2, recordsPerBatch: 2);

        Assert.Equal(ErrorCode.OffsetOutOfRange, log.Read(5, 1000, long.MaxValue, true).Error);
        Assert.Equal(ErrorCode.OffsetOutOfRange, log.Read(-1, 1000, long.MaxValue, true).Error);
        var atEnd = log.Read(4, 1000, long.MaxValue, true);
        Assert.Equal(ErrorCode.None, atEnd.Error);
        Assert.Null(atEnd.Records);
        Assert.Equal(4, atEnd.LogEndOffset);
    }

    [Fact]
    public async Task Read_EachOffsetAcrossSegments_StartsWithTheBatchHoldingIt()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 700, indexInterval: 0));
        _ctx.Append(log, batches: 40, recordsPerBatch: 3);

        for (long offset = 0; offset < log.LogEndOffset; offset++)
        {
            var r = log.Read(offset, 200, long.MaxValue, minOneBatch: true);
            var batches = TestBatches.Summaries(r.ReadAndRelease());
            Assert.Equal(offset - (offset % 3), batches[0].BaseOffset);
        }
    }

    [Fact]
    public async Task AppendAsLeader_StampsOffsetsAndEpochWithoutChangingTheCrc()
    {
        var log = await _ctx.CreateLogAsync();
        _ctx.Append(log, batches: 1, leaderEpoch: 0);
        var batch = TestBatches.Simple(2, _ctx.NowMs);
        var crc = new Pipeline.Protocol.Records.RecordBatchHeader(batch).Crc;

        var info = log.AppendAsLeader(batch, leaderEpoch: 7);

        Assert.Equal(3, info.FirstOffset);
        Assert.Equal(4, info.LastOffset);
        Assert.Equal(-1, info.LogAppendTime);
        var h = new Pipeline.Protocol.Records.RecordBatchHeader(batch);
        Assert.Equal(3, h.BaseOffset);
        Assert.Equal(7, h.PartitionLeaderEpoch);
        Assert.Equal(crc, h.Crc);
        Assert.Equal(new Pipeline.Storage.Epoch.EpochEntry(7, 3), log.LeaderEpochs.Latest);
    }

    [Fact]
    public async Task AppendAsLeader_InvalidOrOversizedBatches_ReturnErrorsAndWriteNothing()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 500) with { MaxMessageBytes = 400 });
        var big = TestBatches.Simple(1, _ctx.NowMs, valueSize: 450);
        var tooBigForSegment = TestBatches.Simple(1, _ctx.NowMs, valueSize: 450);

        Assert.Equal(ErrorCode.CorruptMessage, log.AppendAsLeader(new byte[20], 0).Error);
        Assert.Equal(ErrorCode.MessageTooLarge, log.AppendAsLeader(big, 0).Error);
        log.UpdateConfig(log.Config with { MaxMessageBytes = 100_000 });
        Assert.Equal(ErrorCode.RecordListTooLarge, log.AppendAsLeader(tooBigForSegment, 0).Error);
        Assert.Equal(0, log.LogEndOffset);
    }

    [Fact]
    public async Task AppendAsFollower_ContiguousBatches_KeepsTheirOffsetsAndRejectsOverlap()
    {
        var log = await _ctx.CreateLogAsync();
        var a = TestBatches.Build([new TestRecord([1], [1], 1), new TestRecord([2], [2], 2)], baseOffset: 0, leaderEpoch: 3);
        var b = TestBatches.Build([new TestRecord([3], [3], 3)], baseOffset: 5, leaderEpoch: 4);

        var info = log.AppendAsFollower([.. a, .. b]);
        var overlap = log.AppendAsFollower(TestBatches.Build([new TestRecord([9], [9], 9)], baseOffset: 2));

        Assert.Equal(ErrorCode.None, info.Error);
        Assert.Equal(0, info.FirstOffset);
        Assert.Equal(5, info.LastOffset);
        Assert.Equal(6, log.LogEndOffset);
        Assert.Equal(ErrorCode.OffsetOutOfRange, overlap.Error);
        Assert.Equal([new(3, 0), new(4, 5)], log.LeaderEpochs.Entries);
    }
}
