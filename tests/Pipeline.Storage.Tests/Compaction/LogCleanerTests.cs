using System.Text;
using Pipeline.Protocol;
using Pipeline.Protocol.Records;
using Pipeline.Storage.Config;
using Pipeline.Storage.Log;
using Pipeline.Testing.Storage;

namespace Pipeline.Storage.Tests.Compaction;

public sealed class LogCleanerTests : IAsyncLifetime
{
    private readonly StorageTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _ctx.DisposeAsync().AsTask();

    private static LogConfig Compacted(string policy = "compact") => StorageTestContext.SmallSegments(segmentBytes: 700) with
    {
        CleanupPolicy = policy.Split(','),
        MinCleanableDirtyRatio = 0.0,
        DeleteRetentionMs = 3_600_000,
    };

    [Fact]
    public async Task Clean_KeepsTheLatestRecordPerKeyInOffsetOrder()
    {
        var log = await _ctx.CreateLogAsync(Compacted());
        for (var i = 0; i < 60; i++)
        {
            Append(log, TestBatches.KeyValue($"k{i % 5}", $"v{i}", _ctx.NowMs));
        }

        log.Roll();
        var segmentsBefore = log.SegmentCount;

        Assert.Equal(1, await _ctx.Manager!.RunCleanerPassAsync());

        var records = StorageTestContext.ReadAll(log);
        Assert.Equal([55L, 56, 57, 58, 59], records.Select(r => r.Offset));
        Assert.Equal(["v55", "v56", "v57", "v58", "v59"], records.Select(r => r.ValueString));
        Assert.True(log.SizeInBytes < 700);
        Assert.Equal(segmentsBefore, log.SegmentCount);
        Assert.Equal(60, log.LogEndOffset);
        Assert.Equal(["0", "1", "orders 0 60"], File.ReadAllLines(Path.Combine(_ctx.LogDir, "cleaner-offset-checkpoint")));
        Assert.Empty(Directory.GetFiles(_ctx.PartitionDir(), "*.cleaned"));
        Assert.Empty(Directory.GetFiles(_ctx.PartitionDir(), "*.swap"));
    }

    [Fact]
    public async Task Clean_PartlyKeptBatch_KeepsItsOffsetSpanAndStaysValid()
    {
        var log = await _ctx.CreateLogAsync(Compacted());
        Append(log, TestBatches.Build([Rec("a", "1"), Rec("b", "1"), Rec("c", "1"), Rec("d", "1")]));
        Append(log, TestBatches.Build([Rec("a", "2"), Rec("d", "2")]));
        log.Roll();

        await _ctx.Manager!.RunCleanerPassAsync();

        var bytes = log.Read(0, 1 << 20, log.HighWatermark, true).ReadAndRelease();
        var batches = TestBatches.Summaries(bytes);
        Assert.Equal(0, batches[0].BaseOffset);
        Assert.Equal(3, batches[0].LastOffset);
        Assert.Equal(2, batches[0].Count);
        Assert.All(batches, b => Assert.True(b.CrcValid));
        Assert.Equal([(1L, "b"), (2, "c"), (4, "a"), (5, "d")], TestBatches.Records(bytes).Select(r => (r.Offset, r.KeyString!)));
    }

    [Fact]
    public async Task Clean_Tombstone_IsKeptUntilDeleteRetentionThenRemoved()
    {
        var log = await _ctx.CreateLogAsync(Compacted());
        Append(log, TestBatches.KeyValue("gone", "v1", _ctx.NowMs));
        Append(log, TestBatches.KeyValue("kept", "v2", _ctx.NowMs));
        Append(log, TestBatches.KeyValue("gone", null, _ctx.NowMs));
        log.Roll();

        await _ctx.Manager!.RunCleanerPassAsync();
        var first = log.Read(0, 1 << 20, log.HighWatermark, true).ReadAndRelease();
        var tombstoneBatch = TestBatches.Summaries(first).Single(b => b.BaseOffset == 2);
        Assert.Equal([(1L, "kept", "v2"), (2, "gone", null)], TestBatches.Records(first).Select(r => (r.Offset, r.KeyString!, r.ValueString)));
        Assert.NotEqual(0, tombstoneBatch.Attributes & RecordBatchHeader.DeleteHorizonFlag);
        Assert.Equal(_ctx.NowMs + 3_600_000, tombstoneBatch.BaseTimestamp);

        _ctx.Time.Advance(TimeSpan.FromMinutes(59));
        await _ctx.Manager.RunCleanerPassAsync();
        Assert.Equal(2, StorageTestContext.ReadAll(log).Count);

        _ctx.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await _ctx.Manager.RunCleanerPassAsync());
        var after = StorageTestContext.ReadAll(log);
        Assert.Equal([(1L, "kept")], after.Select(r => (r.Offset, r.KeyString!)));
    }

    [Fact]
    public async Task Clean_IdempotentBatchFullyRemoved_LeavesAnEmptyBatchWithItsProducerMetadata()
    {
        var log = await _ctx.CreateLogAsync(Compacted());
        Append(log, TestBatches.Build([Rec("x", "1"), Rec("y", "1"), Rec("z", "1")], producerId: 7, producerEpoch: 2, baseSequence: 10));
        Append(log, TestBatches.Build([Rec("x", "2"), Rec("y", "2"), Rec("z", "2")]));
        log.Roll();

        await _ctx.Manager!.RunCleanerPassAsync();

        var batches = TestBatches.Summaries(log.Read(0, 1 << 20, log.HighWatermark, true).ReadAndRelease());
        var empty = batches[0];
        Assert.Equal(0, empty.BaseOffset);
        Assert.Equal(2, empty.LastOffset);
        Assert.Equal(0, empty.Count);
        Assert.Equal(7, empty.ProducerId);
        Assert.Equal(10, empty.BaseSequence);
        Assert.True(empty.CrcValid);
        Assert.Equal(3, StorageTestContext.ReadAll(log).Count);
    }

    [Fact]
    public async Task Clean_CompressedBatch_IsReencodedWithItsCodec()
    {
        var log = await _ctx.CreateLogAsync(Compacted() with { SegmentBytes = 1 << 20 });
        using var builder = new RecordBatchBuilder { Compression = CompressionType.Gzip };
        foreach (var k in new[] { "a", "b", "c" })
        {
            builder.Append(_ctx.NowMs, Encoding.UTF8.GetBytes(k), Encoding.UTF8.GetBytes("old-" + k));
        }

        Append(log, builder.ToArray());
        Append(log, TestBatches.KeyValue("b", "new", _ctx.NowMs));
        log.Roll();

        await _ctx.Manager!.RunCleanerPassAsync();

        var bytes = log.Read(0, 1 << 20, log.HighWatermark, true).ReadAndRelease();
        var first = new RecordBatchHeader(bytes);
        Assert.Equal(CompressionType.Gzip, first.Compression);
        Assert.Equal(2, first.RecordsCount);
        Assert.True(RecordBatchHeader.IsCrcValid(bytes.AsSpan(0, first.TotalSize)));
        using var reader = new RecordBatchReader();
        var keys = new List<string>();
        foreach (var r in reader.Records(bytes))
        {
            keys.Add(Encoding.UTF8.GetString(r.Key));
        }

        Assert.Equal(["a", "c"], keys);
    }

    [Fact]
    public async Task Clean_DirtyRatioBelowMinimum_DoesNothing()
    {
        var log = await _ctx.CreateLogAsync(Compacted() with { MinCleanableDirtyRatio = 0.9 });
        for (var i = 0; i < 20; i++)
        {
            Append(log, TestBatches.KeyValue($"k{i % 2}", $"v{i}", _ctx.NowMs));
        }

        log.Roll();
        Assert.Equal(1, await _ctx.Manager!.RunCleanerPassAsync());
        for (var i = 0; i < 3; i++)
        {
            Append(log, TestBatches.KeyValue($"k{i % 2}", $"w{i}", _ctx.NowMs));
        }

        log.Roll();

        Assert.Equal(0, await _ctx.Manager.RunCleanerPassAsync());
        Assert.Equal(5, StorageTestContext.ReadAll(log).Count);
    }

    [Fact]
    public async Task Clean_MaxCompactionLagPassed_CleansWhateverTheDirtyRatio()
    {
        var log = await _ctx.CreateLogAsync(Compacted() with { MinCleanableDirtyRatio = 0.99, MaxCompactionLagMs = 60_000 });
        for (var i = 0; i < 6; i++)
        {
            Append(log, TestBatches.KeyValue("k", $"v{i}", _ctx.NowMs - 120_000));
        }

        log.Roll();
        Append(log, TestBatches.KeyValue("other", "x", _ctx.NowMs));
        log.Roll();
        _ctx.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, await _ctx.Manager!.RunCleanerPassAsync());
        Assert.Equal(["v5", "x"], StorageTestContext.ReadAll(log).Select(r => r.ValueString));
    }

    [Fact]
    public async Task Clean_MinCompactionLag_LeavesRecentSegmentsAlone()
    {
        var log = await _ctx.CreateLogAsync(Compacted() with { MinCompactionLagMs = 60_000 });
        Append(log, TestBatches.KeyValue("k", "old", _ctx.NowMs - 120_000));
        Append(log, TestBatches.KeyValue("k", "older-but-newer", _ctx.NowMs - 110_000));
        log.Roll();
        Append(log, TestBatches.KeyValue("k", "recent", _ctx.NowMs));
        log.Roll();

        await _ctx.Manager!.RunCleanerPassAsync();

        Assert.Equal(["older-but-newer", "recent"], StorageTestContext.ReadAll(log).Select(r => r.ValueString));
    }

    [Fact]
    public async Task CompactDelete_RetentionAndCompactionBothApply()
    {
        var log = await _ctx.CreateLogAsync(Compacted("compact,delete") with { RetentionMs = 60_000 });
        Append(log, TestBatches.KeyValue("a", "ancient", _ctx.NowMs - 600_000));
        log.Roll();
        Append(log, TestBatches.KeyValue("b", "1", _ctx.NowMs));
        Append(log, TestBatches.KeyValue("b", "2", _ctx.NowMs));
        log.Roll();

        Assert.Equal(1, log.DeleteOldSegments());
        await _ctx.Manager!.RunCleanerPassAsync();

        Assert.Equal([(2L, "2")], StorageTestContext.ReadAll(log).Select(r => (r.Offset, r.ValueString!)));
        Assert.Equal(1, log.LogStartOffset);
    }

    [Theory]
    [InlineData("swap")]
    [InlineData("deleted")]
    [InlineData("renamed")]
    public async Task CrashDuringSwap_RestartLeavesAValidLogWithTheSameLatestValues(string step)
    {
        var log = await _ctx.CreateLogAsync(Compacted());
        for (var i = 0; i < 40; i++)
        {
            Append(log, TestBatches.KeyValue($"k{i % 4}", $"v{i}", _ctx.NowMs));
        }

        log.Roll();
        _ctx.Manager!.Cleaner.SwapStepHook = s =>
        {
            if (s == step)
            {
                throw new IOException("simulated crash at " + s);
            }
        };

        await Assert.ThrowsAsync<IOException>(() => _ctx.Manager.RunCleanerPassAsync());
        var reopened = await _ctx.RestartAsync(Compacted(), crash: true);
        reopened.UpdateHighWatermark(reopened.LogEndOffset);

        Assert.Equal(40, reopened.LogEndOffset);
        var records = StorageTestContext.ReadAll(reopened);
        var latest = records.GroupBy(r => r.KeyString).ToDictionary(g => g.Key!, g => g.Last().ValueString);
        Assert.Equal(new Dictionary<string, string?> { ["k0"] = "v36", ["k1"] = "v37", ["k2"] = "v38", ["k3"] = "v39" }, latest);
        Assert.Equal(records.Select(r => r.Offset).Order(), records.Select(r => r.Offset));
        Assert.Empty(Directory.GetFiles(_ctx.PartitionDir(), "*.swap"));
        Assert.Empty(Directory.GetFiles(_ctx.PartitionDir(), "*.cleaned"));
        Assert.Empty(Directory.GetFiles(_ctx.PartitionDir(), "*.deleted"));
        await _ctx.Manager!.RunCleanerPassAsync();
        Assert.Equal(4, StorageTestContext.ReadAll(reopened).Count);
    }

    [Fact]
    public async Task CleanerCheckpoint_SurvivesRestart_SoCleanDataIsNotCleanedAgain()
    {
        var log = await _ctx.CreateLogAsync(Compacted() with { MinCleanableDirtyRatio = 0.5 });
        for (var i = 0; i < 30; i++)
        {
            Append(log, TestBatches.KeyValue($"k{i % 3}", $"v{i}", _ctx.NowMs));
        }

        log.Roll();
        Assert.Equal(1, await _ctx.Manager!.RunCleanerPassAsync());

        var reopened = await _ctx.RestartAsync(Compacted() with { MinCleanableDirtyRatio = 0.5 });

        Assert.Equal(0, await _ctx.Manager!.RunCleanerPassAsync());
        Assert.Equal(3, StorageTestContext.ReadAll(reopened).Count);
    }

    [Fact]
    public async Task CleanerJob_RunsEveryBackoffInterval()
    {
        _ctx.Configure = o => o with { LogCleanerEnable = true, LogCleanerBackoffMs = 15_000 };
        var log = await _ctx.CreateLogAsync(Compacted());
        for (var i = 0; i < 10; i++)
        {
            Append(log, TestBatches.KeyValue("same", $"v{i}", _ctx.NowMs));
        }

        log.Roll();
        _ctx.Time.Advance(TimeSpan.FromSeconds(16));

        Assert.Equal([(9L, "v9")], StorageTestContext.ReadAll(log).Select(r => (r.Offset, r.ValueString!)));
    }

    private void Append(PartitionLog log, byte[] batch)
    {
        Assert.Equal(ErrorCode.None, log.AppendAsLeader(batch, 0).Error);
        log.UpdateHighWatermark(log.LogEndOffset);
    }

    private TestRecord Rec(string key, string value) => new(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(value), _ctx.NowMs);
}
