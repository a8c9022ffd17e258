using Pipeline.Protocol;
using Pipeline.Testing.Storage;

namespace Pipeline.Storage.Tests.Log;

public sealed class FlushTests : IAsyncLifetime
{
    private readonly StorageTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _ctx.DisposeAsync().AsTask();

    [Fact]
    public async Task FlushAsync_ManyConcurrentCallers_ShareFarFewerSyncs()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 1 << 20));
        using var gate = new ManualResetEventSlim(false);
        log.BeforeSyncHook = () => gate.Wait(TimeSpan.FromSeconds(10));
        var before = log.FsyncCount;

        var waits = new List<Task>();
        for (var i = 0; i < 50; i++)
        {
            var info = log.AppendAsLeader(TestBatches.Simple(1, _ctx.NowMs), 0);
            waits.Add(log.FlushAsync(info.LastOffset + 1).AsTask());
        }

        gate.Set();
        await Task.WhenAll(waits).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.InRange(log.FsyncCount - before, 1, 2);
        Assert.Equal(50, log.RecoveryPoint);
    }

    [Fact]
    public async Task FlushAsync_AlreadyFlushed_CompletesSynchronously()
    {
        var log = await _ctx.CreateLogAsync();
        _ctx.Append(log, batches: 2);
        await log.FlushAsync(log.LogEndOffset);
        var count = log.FsyncCount;

        var again = log.FlushAsync(3);

        Assert.True(again.IsCompletedSuccessfully);
        Assert.Equal(count, log.FsyncCount);
    }

    [Fact]
    public async Task FlushAsync_Canceled_ThrowsWithoutBlockingOthers()
    {
        var log = await _ctx.CreateLogAsync();
        using var gate = new ManualResetEventSlim(false);
        log.BeforeSyncHook = () => gate.Wait(TimeSpan.FromSeconds(10));
        _ctx.Append(log, batches: 1);
        using var cts = new CancellationTokenSource();

        var canceled = log.FlushAsync(log.LogEndOffset, cts.Token).AsTask();
        var other = log.FlushAsync(log.LogEndOffset).AsTask();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => canceled);
        gate.Set();
        await other.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(log.LogEndOffset, log.RecoveryPoint);
    }

    [Fact]
    public async Task Append_FlushMessagesOne_IsDurableOnReturn()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments() with { FlushMessages = 1 });

        var info = log.AppendAsLeader(TestBatches.Simple(3, _ctx.NowMs), 0);

        Assert.Equal(ErrorCode.None, info.Error);
        Assert.Equal(3, log.RecoveryPoint);
    }

    [Fact]
    public async Task FlushScheduler_FlushMsElapsed_FlushesInTheBackground()
    {
        _ctx.Configure = o => o with { FlushSchedulerIntervalMs = 1000 };
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 1 << 20) with { FlushMs = 5000 });
        _ctx.Append(log, batches: 3);
        Assert.Equal(0, log.RecoveryPoint);

        _ctx.Time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(0, log.RecoveryPoint);
        _ctx.Time.Advance(TimeSpan.FromSeconds(3));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (log.RecoveryPoint != log.LogEndOffset && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        Assert.Equal(log.LogEndOffset, log.RecoveryPoint);
    }
}
