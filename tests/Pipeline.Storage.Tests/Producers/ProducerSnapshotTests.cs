using System.Buffers.Binary;
using Pipeline.Protocol;
using Pipeline.Protocol.Records;
using Pipeline.Storage.Log;
using Pipeline.Storage.Producers;
using Pipeline.Testing.Storage;

namespace Pipeline.Storage.Tests.Producers;

public sealed class ProducerSnapshotTests : IAsyncLifetime
{
    private readonly StorageTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _ctx.DisposeAsync().AsTask();

    [Fact]
    public void SnapshotFile_RoundTripsEveryFieldAndAllRetainedBatches()
    {
        using var dir = new Pipeline.Testing.IO.TempDirectory("pipeline-snapshot");
        var a = new ProducerStateEntry(7);
        for (var i = 0; i < 6; i++)
        {
            a.AddBatch(2, (i * 3) + 2, (i * 10) + 2, 2, 100 + i);
        }

        var b = new ProducerStateEntry(8);
        b.AddBatch(0, 0, 70, 0, 5);
        b.BeginTransactionIfNone(70);
        var c = new ProducerStateEntry(9);
        c.ApplyEndTransactionMarker(4, 12, 99);
        var path = Path.Combine(dir.Path, "00000000000000000071.snapshot");

        ProducerSnapshotFile.Write(path, [a, b, c], sync: true);
        var read = ProducerSnapshotFile.TryRead(path, out var problem);

        Assert.Null(problem);
        Assert.NotNull(read);
        Assert.Equal(3, read.Count);
        var ra = read.Single(e => e.ProducerId == 7);
        Assert.Equal(2, ra.ProducerEpoch);
        Assert.Equal(5, ra.BatchCount);
        Assert.Equal(Enumerable.Range(0, 5).Select(a.BatchAt), Enumerable.Range(0, 5).Select(ra.BatchAt));
        Assert.Equal(105, ra.LastTimestamp);
        var rb = read.Single(e => e.ProducerId == 8);
        Assert.Equal(70, rb.CurrentTxnFirstOffset);
        var rc = read.Single(e => e.ProducerId == 9);
        Assert.Equal(12, rc.CoordinatorEpoch);
        Assert.Equal(4, rc.ProducerEpoch);
        Assert.True(rc.IsEmpty);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
    }

    [Fact]
    public void SnapshotFile_WithAFlippedByte_IsRejected()
    {
        using var dir = new Pipeline.Testing.IO.TempDirectory("pipeline-snapshot");
        var e = new ProducerStateEntry(7);
        e.AddBatch(0, 4, 4, 4, 1);
        var path = Path.Combine(dir.Path, "00000000000000000005.snapshot");
        ProducerSnapshotFile.Write(path, [e], sync: false);
        var bytes = File.ReadAllBytes(path);
        bytes[20] ^= 0x10;
        File.WriteAllBytes(path, bytes);

        Assert.Null(ProducerSnapshotFile.TryRead(path, out var problem));
        Assert.Contains("CRC", problem);
    }

    [Fact]
    public void SnapshotFile_InKafkasVersion1Layout_IsRead()
    {
        using var dir = new Pipeline.Testing.IO.TempDirectory("pipeline-snapshot");
        var bytes = new byte[10 + 46];
        var s = bytes.AsSpan();
        BinaryPrimitives.WriteInt16BigEndian(s, 1);
        BinaryPrimitives.WriteInt32BigEndian(s[6..], 1);
        var entry = s[10..];
        BinaryPrimitives.WriteInt64BigEndian(entry, 4242);
        BinaryPrimitives.WriteInt16BigEndian(entry[8..], 3);
        BinaryPrimitives.WriteInt32BigEndian(entry[10..], 19);
        BinaryPrimitives.WriteInt64BigEndian(entry[14..], 1009);
        BinaryPrimitives.WriteInt32BigEndian(entry[22..], 9);
        BinaryPrimitives.WriteInt64BigEndian(entry[26..], 777);
        BinaryPrimitives.WriteInt32BigEndian(entry[34..], -1);
        BinaryPrimitives.WriteInt64BigEndian(entry[38..], -1);
        BinaryPrimitives.WriteUInt32BigEndian(s[2..], Crc32C.Compute(s[6..]));
        var path = Path.Combine(dir.Path, "00000000000000001010.snapshot");
        File.WriteAllBytes(path, bytes);

        var read = ProducerSnapshotFile.TryRead(path, out var problem);

        Assert.Null(problem);
        var e = Assert.Single(read!);
        Assert.Equal(4242, e.ProducerId);
        Assert.Equal(3, e.ProducerEpoch);
        Assert.Equal(10, e.FirstSeq);
        Assert.Equal(19, e.LastSeq);
        Assert.Equal(1000, e.FirstDataOffset);
        Assert.Equal(777, e.LastTimestamp);
    }

    [Fact]
    public async Task Roll_WritesASnapshotNamedAfterTheNewSegmentsBaseOffset()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 1 << 20));
        log.AppendOk(ProducerBatches.Idempotent(5, 0, 0, count: 3));

        log.Roll();

        Assert.True(File.Exists(LogFileNames.PathOf(_ctx.PartitionDir(), 3, LogFileNames.ProducerSnapshotSuffix)));
        var entries = ProducerSnapshotFile.TryRead(LogFileNames.PathOf(_ctx.PartitionDir(), 3, LogFileNames.ProducerSnapshotSuffix), out _);
        Assert.Equal(2, Assert.Single(entries!).LastSeq);
    }

    [Fact]
    public async Task RollBySize_WritesASnapshotPerNewSegment()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 400));
        for (var i = 0; i < 12; i++)
        {
            log.AppendOk(ProducerBatches.Idempotent(5, 0, i * 2));
        }

        var bases = LogLoader.SegmentBaseOffsets(_ctx.PartitionDir()).Skip(1).ToList();
        Assert.NotEmpty(bases);
        Assert.Equal(bases, SnapshotOffsets());
    }

    [Fact]
    public async Task CleanShutdown_WritesASnapshotAtTheLogEnd()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 1 << 20));
        log.AppendOk(ProducerBatches.Idempotent(5, 0, 0, count: 3));
        log.AppendOk(TestBatches.Simple(2, _ctx.NowMs));

        await _ctx.RestartAsync();

        Assert.Equal([5L], SnapshotOffsets());
    }

    [Fact]
    public async Task Load_DeletesStraySnapshotsButKeepsSegmentBasesAndTheLatest()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 1 << 20));
        log.AppendOk(ProducerBatches.Idempotent(5, 0, 0));
        log = await _ctx.RestartAsync();
        log.AppendOk(ProducerBatches.Idempotent(5, 0, 2));
        log.Roll();
        log.AppendOk(ProducerBatches.Idempotent(5, 0, 4));
        Assert.Equal([2L, 4L], SnapshotOffsets());

        await _ctx.RestartAsync();

        Assert.Equal([4L, 6L], SnapshotOffsets());
    }

    [Fact]
    public async Task CleanRestart_TheLastFiveBatchesAreStillRecognisedAsDuplicates()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 1 << 20));
        var sent = new List<(byte[] Batch, long First)>();
        for (var i = 0; i < 6; i++)
        {
            var batch = ProducerBatches.Idempotent(5, 0, i * 2);
            sent.Add((batch, log.AppendOk((byte[])batch.Clone()).FirstOffset));
        }

        var restarted = await _ctx.RestartAsync();

        for (var i = 1; i < 6; i++)
        {
            var retry = restarted.AppendAsLeader(sent[i].Batch, 0);
            Assert.True(retry.IsDuplicate, $"batch {i} after restart: {retry.Error}");
            Assert.Equal(sent[i].First, retry.FirstOffset);
        }

        Assert.Equal(ErrorCode.OutOfOrderSequenceNumber, restarted.AppendAsLeader(sent[0].Batch, 0).Error);
        Assert.Equal(ErrorCode.None, restarted.AppendAsLeader(ProducerBatches.Idempotent(5, 0, 12), 0).Error);
    }

    private List<long> SnapshotOffsets() =>
        [.. Directory.GetFiles(_ctx.PartitionDir(), "*.snapshot").Select(p => LogFileNames.TryParseBaseOffset(Path.GetFileName(p), out var o) ? o : -1).Order()];
}
