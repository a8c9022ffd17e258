using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Broker.Coordinators.Runtime;
using Pipeline.Protocol;
using Pipeline.Testing.Time;
using Xunit;

namespace Pipeline.Broker.Tests.Coordinators.Runtime;

/// <summary>The coordinator runtime with a manual pump, an in-memory log and a manual clock.</summary>
public sealed class CoordinatorRuntimeTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly InMemoryCoordinatorLog _log = new();
    private readonly CoordinatorRuntime<KeyValueShard, KeyValueRecord> _runtime;

    public CoordinatorRuntimeTests()
    {
        _runtime = NewRuntime();
    }

    private CoordinatorRuntime<KeyValueShard, KeyValueRecord> NewRuntime() =>
        new(context => new KeyValueShard(context), new KeyValueSerde(), _time, NullLogger.Instance, runLoops: false);

    private KeyValueShard Shard => _runtime.LoopOf(0)!.Shard!;

    private void Load()
    {
        _runtime.ScheduleLoad(0, _log);
        _runtime.RunPending();
    }

    [Fact]
    public async Task Write_ResponseIsReleasedOnlyAfterTheFlush()
    {
        Load();
        _log.AutoFlush = false;

        var put = _runtime.ScheduleWriteAsync(0, "put", s => s.Put("a", "1"));
        _runtime.RunPending();

        Assert.Equal(1, _log.AppendCount);
        Assert.False(put.IsCompleted, "answered before the fsync");
        Assert.Equal("1", Shard.State["a"]);

        _log.CompleteFlushes();
        SpinUntil(() => _runtime.RunPending() > 0 || put.IsCompleted);
        _runtime.RunPending();
        Assert.Equal("put a", await put);
    }

    [Fact]
    public async Task Read_AfterAnUnflushedWrite_WaitsForThatWriteToBeDurable()
    {
        Load();
        _log.AutoFlush = false;
        _ = _runtime.ScheduleWriteAsync(0, "put", s => s.Put("a", "1"));
        var read = _runtime.ScheduleReadAsync(0, "get", s => s.State.GetValueOrDefault("a"));
        _runtime.RunPending();
        Assert.False(read.IsCompleted);

        _log.CompleteFlushes();
        SpinUntil(() => _runtime.RunPending() > 0);
        Assert.Equal("1", await read);
    }

    [Fact]
    public void Load_ReplaysEveryRecordIntoANewShard_SkippingUnknownKinds()
    {
        Load();
        _runtime.ScheduleWriteAsync(0, "put", s => s.Put("a", "1"));
        _runtime.ScheduleWriteAsync(0, "put", s => s.Put("?future", "x"));
        _runtime.ScheduleWriteAsync(0, "put", s => s.Put("b", "2"));
        _runtime.ScheduleWriteAsync(0, "delete", s => s.Put("a", null));
        _runtime.RunPending();

        var restarted = NewRuntime();
        restarted.ScheduleLoad(0, _log);
        restarted.RunPending();

        var shard = restarted.LoopOf(0)!.Shard!;
        Assert.True(shard.Loaded);
        Assert.Equal(new Dictionary<string, string> { ["b"] = "2" }, shard.State);
        Assert.Equal([0L, 2L, 3L], shard.ReplayedOffsets);
        Assert.Equal(CoordinatorShardState.Active, restarted.StateOf(0));
    }

    [Fact]
    public async Task Write_BeforeTheLoadRan_IsLoadInProgress()
    {
        _runtime.ScheduleLoad(0, _log);

        var early = _runtime.ScheduleWriteAsync(0, "put", s => s.Put("a", "1"));

        var e = await Assert.ThrowsAsync<CoordinatorException>(() => early);
        Assert.Equal(ErrorCode.CoordinatorLoadInProgress, e.Error);
    }

    [Fact]
    public async Task Write_ToAPartitionThatIsNotHere_IsNotCoordinator()
    {
        Load();

        var e = await Assert.ThrowsAsync<CoordinatorException>(() => _runtime.ScheduleWriteAsync(7, "put", s => s.Put("a", "1")));

        Assert.Equal(ErrorCode.NotCoordinator, e.Error);
    }

    [Fact]
    public async Task Load_OfACorruptRecord_FailsTheShard_CoordinatorNotAvailable()
    {
        Load();
        _ = _runtime.ScheduleWriteAsync(0, "put", s => s.Put("!", "x"));
        _runtime.RunPending();
        var restarted = NewRuntime();
        restarted.ScheduleLoad(0, _log);
        restarted.RunPending();

        Assert.Equal(CoordinatorShardState.Failed, restarted.StateOf(0));
        var e = await Assert.ThrowsAsync<CoordinatorException>(() => restarted.ScheduleWriteAsync(0, "put", s => s.Put("a", "1")));
        Assert.Equal(ErrorCode.CoordinatorNotAvailable, CoordinatorException.ToClientError(e));
    }

    [Fact]
    public async Task AppendFailure_FailsTheOperation_AndNothingIsReplayed()
    {
        Load();
        _log.FailNextAppend = ErrorCode.KafkaStorageError;

        var put = _runtime.ScheduleWriteAsync(0, "put", s => s.Put("a", "1"));
        _runtime.RunPending();

        var e = await Assert.ThrowsAsync<CoordinatorException>(() => put);
        Assert.Equal(ErrorCode.NotCoordinator, CoordinatorException.ToClientError(e));
        Assert.Empty(Shard.State);
    }

    [Fact]
    public async Task FlushFailure_FailsTheOperationsItCovered()
    {
        Load();
        _log.FailNextFlush = new IOException("disk gone");

        var put = _runtime.ScheduleWriteAsync(0, "put", s => s.Put("a", "1"));
        _runtime.RunPending();

        var e = await Assert.ThrowsAsync<CoordinatorException>(() => put);
        Assert.Equal(ErrorCode.KafkaStorageError, e.Error);
    }

    [Fact]
    public void OperationThrowingACoordinatorException_AnswersIt_AndWritesNothing()
    {
        Load();

        var failing = _runtime.ScheduleWriteAsync<string>(0, "bad", _ => throw new CoordinatorException(ErrorCode.IllegalGeneration));
        _runtime.RunPending();

        Assert.Equal(ErrorCode.IllegalGeneration, ((CoordinatorException)failing.Exception!.InnerException!).Error);
        Assert.Equal(0, _log.AppendCount);
    }

    [Fact]
    public void Timer_RunsItsOperationOnTheLoop_WhenTheClockPassesIt()
    {
        Load();
        _runtime.ScheduleWriteAsync(0, "schedule", s =>
        {
            s.Context.Timer.Schedule("t", TimeSpan.FromSeconds(5), () => CoordinatorResults.Records([new KeyValueRecord("timer", "fired")]));
            return new CoordinatorResult<KeyValueRecord, string>([], "ok");
        });
        _runtime.RunPending();

        _time.Advance(TimeSpan.FromSeconds(4));
        _runtime.RunPending();
        Assert.False(Shard.State.ContainsKey("timer"));

        _time.Advance(TimeSpan.FromSeconds(1));
        _runtime.RunPending();
        Assert.Equal("fired", Shard.State["timer"]);
    }

    [Fact]
    public void Timer_RescheduledOrCancelled_NeverRunsTheOldOperation()
    {
        Load();
        _runtime.ScheduleWriteAsync(0, "schedule", s =>
        {
            s.Context.Timer.Schedule("t", TimeSpan.FromSeconds(1), () => CoordinatorResults.Records([new KeyValueRecord("old", "x")]));
            s.Context.Timer.Schedule("t", TimeSpan.FromSeconds(3), () => CoordinatorResults.Records([new KeyValueRecord("new", "x")]));
            s.Context.Timer.Schedule("c", TimeSpan.FromSeconds(1), () => CoordinatorResults.Records([new KeyValueRecord("cancelled", "x")]));
            s.Context.Timer.Cancel("c");
            return new CoordinatorResult<KeyValueRecord, string>([], "ok");
        });
        _runtime.RunPending();

        _time.Advance(TimeSpan.FromSeconds(10));
        _runtime.RunPending();

        Assert.Equal(["new"], Shard.State.Keys);
    }

    [Fact]
    public async Task CompleteWhenDurable_DuringAnOperation_WaitsForItsRecords()
    {
        Load();
        _log.AutoFlush = false;
        var parked = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = _runtime.ScheduleWriteAsync(0, "put", s =>
        {
            s.Context.CompleteWhenDurable(() => parked.SetResult("released"));
            return s.Put("a", "1");
        });
        _runtime.RunPending();
        Assert.False(parked.Task.IsCompleted);

        _log.CompleteFlushes();
        SpinUntil(() => _runtime.RunPending() > 0);
        Assert.Equal("released", await parked.Task);
    }

    [Fact]
    public async Task Unload_AnswersPendingWork_NotCoordinator_AndTellsTheShard()
    {
        Load();
        var shard = Shard;
        _log.AutoFlush = false;
        var put = _runtime.ScheduleWriteAsync(0, "put", s => s.Put("a", "1"));
        _runtime.RunPending();

        var loop = _runtime.LoopOf(0)!;
        var closed = _runtime.ScheduleUnloadAsync(0);
        loop.RunPending();

        await closed;
        Assert.True(shard.Unloaded);
        var e = await Assert.ThrowsAsync<CoordinatorException>(() => put);
        Assert.Equal(ErrorCode.NotCoordinator, e.Error);
        Assert.Null(_runtime.StateOf(0));
    }

    [Fact]
    public async Task Runtime_WithRealLoops_AnswersConcurrentWritesInOrder()
    {
        await using var runtime = new CoordinatorRuntime<KeyValueShard, KeyValueRecord>(c => new KeyValueShard(c), new KeyValueSerde(), TimeProvider.System, NullLogger.Instance);
        var log = new InMemoryCoordinatorLog();
        runtime.ScheduleLoad(0, log);
        await runtime.WaitForLoadAsync(0);

        var writes = Enumerable.Range(0, 50).Select(i => runtime.ScheduleWriteAsync(0, "put", s => s.Put($"k{i}", $"{i}"))).ToList();
        var answers = await Task.WhenAll(writes);

        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"put k{i}"), answers);
        var count = await runtime.ScheduleReadAsync(0, "count", s => s.State.Count);
        Assert.Equal(50, count);
    }

    /// <summary>Flush completions arrive on another thread (a continuation) and post an event: wait for it.</summary>
    private static void SpinUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the loop never got the flush completion");
            }

            Thread.Sleep(1);
        }
    }
}
