using Pipeline.Protocol;
using Pipeline.Testing.Storage;

namespace Pipeline.Storage.Tests.Log;

public sealed class AllocationTests : IAsyncLifetime
{
    private readonly StorageTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _ctx.DisposeAsync().AsTask();

    [Fact]
    public async Task AppendAndRead_Uncompressed_AllocateNothingPerBatchAfterWarmUp()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 64 << 20, indexInterval: 4096));
        var batch = TestBatches.Simple(5, _ctx.NowMs, valueSize: 100);

        for (var i = 0; i < 200; i++)
        {
            AppendAndRead(log, batch);
        }

        // Tests run in parallel and share the lease pool: leave it spare regions.
        var held = Enumerable.Range(0, 64).Select(_ => log.Read(0, 1000, long.MaxValue, true).Records!).ToList();
        held.ForEach(r => r.Release());

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 2000; i++)
        {
            AppendAndRead(log, batch);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    private static void AppendAndRead(Pipeline.Storage.Log.PartitionLog log, byte[] batch)
    {
        var info = log.AppendAsLeader(batch, 0);
        if (info.Error != ErrorCode.None)
        {
            throw new InvalidOperationException(info.Error.ToString());
        }

        log.UpdateHighWatermark(info.LastOffset + 1);
        var r = log.Read(info.FirstOffset, 1 << 20, log.HighWatermark, minOneBatch: true);
        r.Records!.Release();
    }
}
