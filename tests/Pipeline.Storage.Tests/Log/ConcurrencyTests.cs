using System.Collections.Concurrent;
using Pipeline.Protocol;
using Pipeline.Testing.Storage;

namespace Pipeline.Storage.Tests.Log;

public sealed class ConcurrencyTests : IAsyncLifetime
{
    private readonly StorageTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _ctx.DisposeAsync().AsTask();

    [Fact]
    public async Task ConcurrentAppendersAndReaders_SeeContiguousValidBatchesAndLoseNothing()
    {
        var log = await _ctx.CreateLogAsync(StorageTestContext.SmallSegments(segmentBytes: 4096, indexInterval: 256));
        const int Writers = 4;
        const int BatchesPerWriter = 250;
        var done = 0;
        var errors = new ConcurrentQueue<string>();

        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < BatchesPerWriter; i++)
            {
                var info = log.AppendAsLeader(TestBatches.Simple(2, 1000 + i, valueSize: 20, keyPrefix: $"w{w}-{i}-"), 0);
                if (info.Error != ErrorCode.None)
                {
                    errors.Enqueue($"append {info.Error}");
                }

                lock (log)
                {
                    log.UpdateHighWatermark(Math.Max(log.HighWatermark, info.LastOffset + 1));
                }

                if (i % 50 == 0)
                {
                    await log.FlushAsync(info.LastOffset + 1);
                }
            }

            Interlocked.Increment(ref done);
        })).ToList();

        // Readers get their own threads so that their polling never starves the thread pool the
        // writers' flush continuations run on.
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(() =>
        {
            // Consumers that follow the tail, restarting from the beginning now and then.
            long offset = 0;
            var passes = 0;
            while (Volatile.Read(ref done) < Writers)
            {
                if (++passes % 20 == 0)
                {
                    offset = 0;
                }

                Thread.Sleep(1);
                var hw = log.HighWatermark;
                while (offset < hw)
                {
                    var r = log.Read(offset, 1500, hw, minOneBatch: true);
                    if (r.Error != ErrorCode.None || r.Records is null)
                    {
                        errors.Enqueue($"read at {offset}: {r.Error}");
                        break;
                    }

                    var batches = TestBatches.Summaries(r.ReadAndRelease());
                    foreach (var b in batches)
                    {
                        if (!b.CrcValid || b.BaseOffset > offset)
                        {
                            errors.Enqueue($"bad batch at {b.BaseOffset} (expected {offset})");
                        }

                        offset = b.LastOffset + 1;
                    }
                }
            }
        }, TaskCreationOptions.LongRunning)).ToList();

        await Task.WhenAll(writers.Concat(readers)).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Empty(errors);
        Assert.Equal(Writers * BatchesPerWriter * 2, log.LogEndOffset);
        var records = StorageTestContext.ReadAll(log);
        Assert.Equal(Enumerable.Range(0, Writers * BatchesPerWriter * 2).Select(i => (long)i), records.Select(r => r.Offset));
        Assert.Equal(records.Count, records.Select(r => r.KeyString).Distinct().Count());
        Assert.True(log.SegmentCount > 10);
    }
}
