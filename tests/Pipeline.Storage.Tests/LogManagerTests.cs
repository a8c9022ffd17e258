using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Protocol;
using Pipeline.Protocol.Primitives;
using Pipeline.Storage.Log;
using Pipeline.Testing.Storage;

namespace Pipeline.Storage.Tests;

public sealed class LogManagerTests : IAsyncLifetime
{
    private readonly StorageTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _ctx.DisposeAsync().AsTask();

    [Fact]
    public async Task GetOrCreateLog_CreatesKafkaLayoutAndReturnsTheSameLogAgain()
    {
        var manager = await _ctx.StartAsync();

        var log = manager.GetOrCreateLog(StorageTestContext.Tp, StorageTestContext.SmallSegments(), _ctx.TopicId);
        var again = manager.GetOrCreateLog(StorageTestContext.Tp, StorageTestContext.SmallSegments() with { RetentionMs = 5 }, _ctx.TopicId);

        Assert.Same(log, again);
        Assert.Equal(5, log.Config.RetentionMs);
        var dir = _ctx.PartitionDir();
        Assert.True(File.Exists(Path.Combine(dir, "00000000000000000000.log")));
        Assert.Equal(["version: 0", $"topic_id: {_ctx.TopicId}"], File.ReadAllLines(Path.Combine(dir, "partition.metadata")));
        Assert.True(manager.TryGetLog(StorageTestContext.Tp, out var found));
        Assert.Same(log, found);
        Assert.Single(manager.Logs);
        Assert.Throws<InconsistentTopicIdException>(() => manager.GetOrCreateLog(StorageTestContext.Tp, log.Config, Uuid.NewRandom()));
    }

    [Fact]
    public async Task Dispose_WritesCheckpointsInKafkasFormatAndTheCleanShutdownMarker()
    {
        var a = await _ctx.CreateLogAsync();
        var b = await _ctx.CreateLogAsync(tp: new TopicPartition("orders", 1));
        _ctx.Append(a, batches: 3, recordsPerBatch: 2);
        _ctx.Append(b, batches: 1, recordsPerBatch: 4);
        b.UpdateHighWatermark(2);

        await _ctx.Manager!.DisposeAsync();

        Assert.True(File.Exists(Path.Combine(_ctx.LogDir, ".kafka_cleanshutdown")));
        var rp = File.ReadAllLines(Path.Combine(_ctx.LogDir, "recovery-point-offset-checkpoint"));
        Assert.Equal(["0", "2"], rp[..2]);
        Assert.Equal(["orders 0 6", "orders 1 4"], rp[2..].Order());
        var hw = File.ReadAllLines(Path.Combine(_ctx.LogDir, "replication-offset-checkpoint"));
        Assert.Equal(["orders 0 6", "orders 1 2"], hw[2..].Order());
        Assert.True(File.Exists(Path.Combine(_ctx.LogDir, "log-start-offset-checkpoint")));
    }

    [Fact]
    public async Task Start_SecondManagerOnTheSameDir_FailsOnTheLock()
    {
        await _ctx.StartAsync();
        await using var other = new LogManager(new LogManagerOptions { LogDirs = [_ctx.LogDir] }, _ctx.Time, NullLoggerFactory.Instance);

        await Assert.ThrowsAsync<IOException>(() => other.StartAsync(CancellationToken.None));
    }

    [Fact]
    public async Task DeleteLog_RenamesToDeleteDirThenRemovesAfterTheDelay()
    {
        _ctx.Configure = o => o with { FileDeleteDelayMs = 30_000 };
        var log = await _ctx.CreateLogAsync();
        _ctx.Append(log, batches: 2);
        var lease = log.Read(0, 1000, long.MaxValue, true);

        await _ctx.Manager!.DeleteLogAsync(StorageTestContext.Tp);

        Assert.False(_ctx.Manager.TryGetLog(StorageTestContext.Tp, out _));
        Assert.False(Directory.Exists(_ctx.PartitionDir()));
        var deleted = Assert.Single(Directory.GetDirectories(_ctx.LogDir));
        Assert.Matches(@"^orders-0\.[0-9a-f]{32}-delete$", Path.GetFileName(deleted));
        Assert.NotEmpty(TestBatches.Summaries(lease.ReadAndRelease()));
        Assert.Equal(ErrorCode.UnknownTopicOrPartition, log.AppendAsLeader(TestBatches.Simple(1, 0), 0).Error);
        _ctx.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.False(Directory.Exists(deleted));
        var recreated = _ctx.Manager.GetOrCreateLog(StorageTestContext.Tp, StorageTestContext.SmallSegments(), Uuid.NewRandom());
        Assert.Equal(0, recreated.LogEndOffset);
    }

    [Fact]
    public async Task Start_LeftoverDeleteDirs_AreRemoved()
    {
        Directory.CreateDirectory(Path.Combine(_ctx.LogDir, "orders-3.0123456789abcdef0123456789abcdef-delete"));

        await _ctx.StartAsync();

        Assert.Empty(Directory.GetDirectories(_ctx.LogDir));
    }

    [Fact]
    public async Task GetOrCreateLog_SeveralLogDirs_PlacesOnTheLeastLoaded()
    {
        var second = _ctx.Dir.Combine("logs2");
        _ctx.Configure = o => o with { LogDirs = [_ctx.LogDir, second] };
        var manager = await _ctx.StartAsync();

        var logs = Enumerable.Range(0, 4).Select(p => manager.GetOrCreateLog(new TopicPartition("t", p), StorageTestContext.SmallSegments(), _ctx.TopicId)).ToList();

        Assert.Equal(2, logs.Count(l => l.Dir.StartsWith(second, StringComparison.Ordinal)));
        await manager.DisposeAsync();
        Assert.True(File.Exists(Path.Combine(second, "recovery-point-offset-checkpoint")));
        Assert.True(File.Exists(Path.Combine(second, ".kafka_cleanshutdown")));
    }

    [Fact]
    public async Task CheckpointJobs_WriteRecoveryPointsPeriodically()
    {
        _ctx.Configure = o => o with { FlushOffsetCheckpointIntervalMs = 10_000 };
        var log = await _ctx.CreateLogAsync();
        _ctx.Append(log, batches: 2, recordsPerBatch: 2);
        await log.FlushAsync(log.LogEndOffset);

        _ctx.Time.Advance(TimeSpan.FromSeconds(11));

        Assert.Contains("orders 0 4", File.ReadAllLines(Path.Combine(_ctx.LogDir, "recovery-point-offset-checkpoint")));
    }

    [Fact]
    public void Options_FromBrokerProperties_ReadsKafkaKeys()
    {
        var options = LogManagerOptions.FromBrokerProperties(new Dictionary<string, string>
        {
            ["log.dirs"] = "/a, /b",
            ["log.retention.check.interval.ms"] = "1000",
            ["log.cleaner.enable"] = "false",
            ["log.segment.bytes"] = "4096",
        });

        Assert.Equal(["/a", "/b"], options.LogDirs);
        Assert.Equal(1000, options.RetentionCheckIntervalMs);
        Assert.False(options.LogCleanerEnable);
        Assert.Equal(4096, options.DefaultConfig.SegmentBytes);
    }

    [Fact]
    public async Task Restart_ManyPartitions_AllComeBack()
    {
        var manager = await _ctx.StartAsync();
        for (var p = 0; p < 5; p++)
        {
            var log = manager.GetOrCreateLog(new TopicPartition("many", p), StorageTestContext.SmallSegments(), _ctx.TopicId);
            _ctx.Append(log, batches: p + 1, recordsPerBatch: 1);
        }

        await manager.DisposeAsync();
        manager = await _ctx.StartAsync();

        Assert.Equal(5, manager.Logs.Count);
        for (var p = 0; p < 5; p++)
        {
            Assert.True(manager.TryGetLog(new TopicPartition("many", p), out PartitionLog? log));
            Assert.Equal(p + 1, log.LogEndOffset);
            Assert.Equal(_ctx.TopicId, log.TopicId);
        }
    }
}
