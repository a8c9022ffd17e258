using System.Buffers.Binary;
using Pipeline.Protocol;
using Pipeline.Testing.Storage;

namespace Pipeline.Storage.Tests.Log;

public sealed class RecoveryTests : IAsyncLifetime
{
    private readonly StorageTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _ctx.DisposeAsync().AsTask();

    [Fact]
    public async Task Recovery_TornTailAfterCrash_TruncatesToTheLastWholeBatch()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 1 << 20));
        _ctx.Append(log, batches: 6, recordsPerBatch: 2);
        var path = SegmentPath(0);
        var batches = BatchPositions(path);

        var recovered = await _ctx.RestartAsync(crash: true);
        using (var f = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite))
        {
            RandomAccess.SetLength(f, batches[^1].Position + 30);
        }

        recovered = await _ctx.RestartAsync(crash: true);

        Assert.Equal(10, recovered.LogEndOffset);
        Assert.Equal(batches[^1].Position, new FileInfo(path).Length);
        recovered.UpdateHighWatermark(recovered.LogEndOffset);
        Assert.Equal(10, StorageTestContext.ReadAll(recovered).Count);
        Assert.Equal(ErrorCode.None, recovered.AppendAsLeader(TestBatches.Simple(1, _ctx.NowMs), 0).Error);
        Assert.Equal(11, recovered.LogEndOffset);
    }

    [Fact]
    public async Task Recovery_GarbageAppended_IsTruncated()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 1 << 20));
        _ctx.Append(log, batches: 3, recordsPerBatch: 2);
        _ctx.Manager!.SimulateCrash();
        var path = SegmentPath(0);
        var size = new FileInfo(path).Length;
        using (var f = new FileStream(path, FileMode.Append))
        {
            f.Write(Enumerable.Range(0, 500).Select(i => (byte)(i * 7)).ToArray());
        }

        var manager = await _ctx.StartAsync();
        Assert.True(manager.TryGetLog(StorageTestContext.Tp, out var recovered));

        Assert.Equal(6, recovered.LogEndOffset);
        Assert.Equal(size, new FileInfo(path).Length);
    }

    [Fact]
    public async Task Recovery_CorruptBatchAfterTheRecoveryPoint_TruncatesThereAndDropsLaterSegments()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 700));
        _ctx.Append(log, batches: 12, recordsPerBatch: 2);
        Assert.True(log.SegmentCount >= 3);
        var second = _ctx.Manager!.TryGetLog(StorageTestContext.Tp, out _) ? Directory.GetFiles(_ctx.PartitionDir(), "*.log").Order().ToArray() : [];
        var segmentPath = second[1];
        var batches = BatchPositions(segmentPath);
        var victim = batches[1];
        _ctx.Manager.SimulateCrash();
        FlipByte(segmentPath, victim.Position + 40);

        var manager = await _ctx.StartAsync();
        Assert.True(manager.TryGetLog(StorageTestContext.Tp, out var recovered));

        Assert.Equal(victim.BaseOffset, recovered.LogEndOffset);
        Assert.Equal(2, recovered.SegmentCount);
        Assert.Equal(victim.Position, new FileInfo(segmentPath).Length);
        Assert.False(File.Exists(second[2]));
        recovered.UpdateHighWatermark(recovered.LogEndOffset);
        Assert.Equal(victim.BaseOffset, StorageTestContext.ReadAll(recovered).Count);
    }

    [Fact]
    public async Task Read_CorruptBatchBelowTheRecoveryPoint_ServesBatchesBeforeItThenReportsStorageError()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 1 << 20));
        _ctx.Append(log, batches: 8, recordsPerBatch: 2);
        var path = SegmentPath(0);
        var batches = BatchPositions(path);
        await _ctx.Manager!.DisposeAsync();
        FlipByte(path, batches[4].Position + 70);

        var manager = await _ctx.StartAsync();
        Assert.True(manager.TryGetLog(StorageTestContext.Tp, out var reopened));
        Assert.Equal(16, reopened.LogEndOffset);

        var first = reopened.Read(0, 1 << 20, reopened.HighWatermark, minOneBatch: true);
        var atCorrupt = reopened.Read(batches[4].BaseOffset, 1 << 20, reopened.HighWatermark, minOneBatch: true);
        var after = reopened.Read(batches[6].BaseOffset, 1 << 20, reopened.HighWatermark, minOneBatch: true);

        Assert.Equal([0L, 2, 4, 6], TestBatches.Summaries(first.ReadAndRelease()).Select(b => b.BaseOffset));
        Assert.Equal(ErrorCode.KafkaStorageError, atCorrupt.Error);
        Assert.Null(atCorrupt.Records);
        Assert.Equal(ErrorCode.KafkaStorageError, after.Error);
        Assert.Equal(ErrorCode.None, reopened.AppendAsLeader(TestBatches.Simple(2, _ctx.NowMs), 0).Error);
        Assert.Single(TestBatches.Summaries(reopened.Read(16, 1 << 20, long.MaxValue, true).ReadAndRelease()));
    }

    [Fact]
    public async Task Load_MissingOrDamagedIndexFiles_AreRebuilt()
    {
        _ctx.Configure = o => o with { DefaultConfig = StorageTestContext.SmallSegments(segmentBytes: 800, indexInterval: 0) };
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 800, indexInterval: 0));
        _ctx.Append(log, batches: 15, recordsPerBatch: 2);
        await _ctx.Manager!.DisposeAsync();
        var indexes = Directory.GetFiles(_ctx.PartitionDir(), "*.index").Order().ToArray();
        var sizes = indexes.Select(p => new FileInfo(p).Length).ToArray();
        File.Delete(indexes[0]);
        File.Delete(Path.ChangeExtension(indexes[0], ".timeindex"));
        File.WriteAllBytes(indexes[1], new byte[sizes[1]]);

        var manager = await _ctx.StartAsync();
        Assert.True(manager.TryGetLog(StorageTestContext.Tp, out var reopened));

        Assert.Equal(sizes[0], new FileInfo(indexes[0]).Length);
        Assert.True(File.Exists(Path.ChangeExtension(indexes[0], ".timeindex")));
        Assert.NotEqual(new byte[sizes[1]], File.ReadAllBytes(indexes[1]));
        for (long offset = 0; offset < 30; offset += 5)
        {
            var r = reopened.Read(offset, 100, long.MaxValue, minOneBatch: true);
            Assert.Equal(offset - (offset % 2), TestBatches.Summaries(r.ReadAndRelease())[0].BaseOffset);
        }
    }

    [Fact]
    public async Task Recovery_CleanShutdown_KeepsOffsetsHighWatermarkAndStartOffset()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 600));
        _ctx.Append(log, batches: 10, recordsPerBatch: 2);
        Assert.Equal(ErrorCode.None, log.DeleteRecordsBefore(3));

        var reopened = await _ctx.RestartAsync();

        Assert.Equal(20, reopened.LogEndOffset);
        Assert.Equal(20, reopened.HighWatermark);
        Assert.Equal(20, reopened.RecoveryPoint);
        Assert.Equal(3, reopened.LogStartOffset);
        Assert.Equal(_ctx.TopicId, reopened.TopicId);
        Assert.False(File.Exists(Path.Combine(_ctx.LogDir, ".kafka_cleanshutdown")));
        Assert.Equal(17, StorageTestContext.ReadAll(reopened).Count);
    }

    [Fact]
    public async Task Load_StrayDeletedAndCleanedFiles_AreRemoved()
    {
        var log = await _ctx.CreateLogAsync();
        _ctx.Append(log, batches: 2);
        await _ctx.Manager!.DisposeAsync();
        var dir = _ctx.PartitionDir();
        File.WriteAllText(Path.Combine(dir, "00000000000000000100.log.deleted"), "x");
        File.WriteAllText(Path.Combine(dir, "00000000000000000000.log.cleaned"), "x");
        File.WriteAllText(Path.Combine(dir, "00000000000000000300.index"), "x");

        await _ctx.StartAsync();

        Assert.Empty(Directory.GetFiles(dir, "*.deleted"));
        Assert.Empty(Directory.GetFiles(dir, "*.cleaned"));
        Assert.False(File.Exists(Path.Combine(dir, "00000000000000000300.index")));
    }

    private string SegmentPath(long baseOffset) => Path.Combine(_ctx.PartitionDir(), $"{baseOffset:D20}.log");

    internal static List<(long Position, int Size, long BaseOffset)> BatchPositions(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var result = new List<(long, int, long)>();
        var pos = 0;
        while (pos + 12 <= bytes.Length)
        {
            var size = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(pos + 8)) + 12;
            if (size < 61 || pos + size > bytes.Length)
            {
                break;
            }

            result.Add((pos, size, BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(pos))));
            pos += size;
        }

        return result;
    }

    internal static void FlipByte(string path, long position)
    {
        using var f = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
        var b = new byte[1];
        RandomAccess.Read(f, b, position);
        b[0] ^= 0xFF;
        RandomAccess.Write(f, b, position);
    }
}
