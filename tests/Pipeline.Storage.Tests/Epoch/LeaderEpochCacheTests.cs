using Pipeline.Storage.Epoch;
using Pipeline.Testing.IO;

namespace Pipeline.Storage.Tests.Epoch;

public sealed class LeaderEpochCacheTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly StorageTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _dir.Dispose();
        await _ctx.DisposeAsync();
    }

    [Fact]
    public void EndOffsetFor_FollowsKafkasOffsetForLeaderEpochAnswers()
    {
        var cache = new LeaderEpochCache(null, [new(2, 10), new(4, 30), new(5, 50)]);

        Assert.Equal(new EpochEndOffset(5, 77), cache.EndOffsetFor(5, logEndOffset: 77));
        Assert.Equal(new EpochEndOffset(4, 50), cache.EndOffsetFor(4, 77));
        Assert.Equal(new EpochEndOffset(2, 30), cache.EndOffsetFor(3, 77));
        Assert.Equal(new EpochEndOffset(1, 10), cache.EndOffsetFor(1, 77));
        Assert.Equal(new EpochEndOffset(-1, -1), cache.EndOffsetFor(6, 77));
        Assert.Equal(new EpochEndOffset(-1, -1), cache.EndOffsetFor(-1, 77));
    }

    [Fact]
    public void Assign_NewEpochRemovesConflictingEntriesAndPersists()
    {
        var path = _dir.Combine("leader-epoch-checkpoint");
        var cache = new LeaderEpochCache(path, []);
        cache.Assign(1, 0);
        cache.Assign(1, 5);
        cache.Assign(3, 20);
        cache.Assign(2, 15);

        Assert.Equal([new(1, 0), new(2, 15)], cache.Entries);
        Assert.Equal(["0", "2", "1 0", "2 15"], File.ReadAllLines(path));
        Assert.Equal(2, cache.EpochForOffset(16));
        Assert.Equal(-1, cache.EpochForOffset(-5));
    }

    [Fact]
    public void Truncation_FromEndAndStart()
    {
        var cache = new LeaderEpochCache(null, [new(1, 0), new(2, 10), new(3, 20)]);

        cache.TruncateFromEnd(20);
        Assert.Equal([new(1, 0), new(2, 10)], cache.Entries);
        cache.TruncateFromStart(12);
        Assert.Equal([new(2, 12)], cache.Entries);
    }

    [Fact]
    public async Task PartitionLog_TruncateTo_TruncatesTheCacheAndItSurvivesRestart()
    {
        var log = await _ctx.CreateLogAsync();
        _ctx.Append(log, batches: 2, recordsPerBatch: 2, leaderEpoch: 1);
        _ctx.Append(log, batches: 2, recordsPerBatch: 2, leaderEpoch: 3);
        _ctx.Append(log, batches: 1, recordsPerBatch: 2, leaderEpoch: 4);

        log.TruncateTo(6);

        Assert.Equal(6, log.LogEndOffset);
        Assert.Equal([new(1, 0), new(3, 4)], log.LeaderEpochs.Entries);
        Assert.Equal(new EpochEndOffset(3, 6), log.LeaderEpochs.EndOffsetFor(3, log.LogEndOffset));
        var reopened = await _ctx.RestartAsync();
        Assert.Equal([new(1, 0), new(3, 4)], reopened.LeaderEpochs.Entries);
        Assert.Equal(["0", "2", "1 0", "3 4"], File.ReadAllLines(Path.Combine(_ctx.PartitionDir(), "leader-epoch-checkpoint")));
    }
}
