using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Pipeline.Protocol;

namespace Pipeline.Broker.Coordinators.Runtime;

/// <summary>
/// A small generic coordinator runtime (Kafka's coordinator-common): one shard per partition of
/// the coordinator's internal topic that this broker leads, each owned by its own
/// <see cref="CoordinatorShardLoop{TShard, TRecord}"/>. Operations are routed to the loop of their
/// partition; a partition that is not here answers NOT_COORDINATOR, one still loading
/// COORDINATOR_LOAD_IN_PROGRESS.
/// Threads: any thread schedules; the map of shards is concurrent; each shard's work runs on its loop.
/// </summary>
internal sealed class CoordinatorRuntime<TShard, TRecord> : IAsyncDisposable
    where TShard : class, ICoordinatorShard<TRecord>
    where TRecord : class
{
    private readonly ConcurrentDictionary<int, CoordinatorShardLoop<TShard, TRecord>> _shards = new();

    // Loops being closed; only the manual pump needs them (real loops drain by themselves).
    private readonly ConcurrentDictionary<CoordinatorShardLoop<TShard, TRecord>, bool> _closing = new();
    private readonly Func<ICoordinatorShardContext<TRecord>, TShard> _factory;
    private readonly ICoordinatorRecordSerde<TRecord> _serde;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly bool _runLoops;

    /// <param name="runLoops">False for deterministic tests: nothing runs until <see cref="RunPending"/>.</param>
    public CoordinatorRuntime(
        Func<ICoordinatorShardContext<TRecord>, TShard> factory,
        ICoordinatorRecordSerde<TRecord> serde,
        TimeProvider time,
        ILogger logger,
        bool runLoops = true)
    {
        _factory = factory;
        _serde = serde;
        _time = time;
        _logger = logger;
        _runLoops = runLoops;
    }

    public IEnumerable<int> Partitions => _shards.Keys;

    public CoordinatorShardState? StateOf(int partition) => _shards.TryGetValue(partition, out var s) ? s.State : null;

    /// <summary>This broker now leads <paramref name="partition"/>: load its shard from <paramref name="log"/>.
    /// A shard already loaded from the same log is kept.</summary>
    public void ScheduleLoad(int partition, ICoordinatorLog log)
    {
        while (true)
        {
            if (_shards.TryGetValue(partition, out var existing))
            {
                if (ReferenceEquals(existing.Log, log) && existing.State != CoordinatorShardState.Closed)
                {
                    return;
                }

                if (_shards.TryRemove(new KeyValuePair<int, CoordinatorShardLoop<TShard, TRecord>>(partition, existing)))
                {
                    _ = CloseLoop(existing);
                }

                continue;
            }

            var loop = new CoordinatorShardLoop<TShard, TRecord>(partition, log, _factory, _serde, _time, _logger);
            if (_shards.TryAdd(partition, loop))
            {
                loop.Start(_runLoops);
                return;
            }
        }
    }

    /// <summary>Completes when the shard of <paramref name="partition"/> finished loading (or is not here).</summary>
    public Task WaitForLoadAsync(int partition) => _shards.TryGetValue(partition, out var loop) ? loop.Loaded : Task.CompletedTask;

    /// <summary>This broker no longer leads <paramref name="partition"/> (deleted, stopping).</summary>
    public Task ScheduleUnloadAsync(int partition) =>
        _shards.TryRemove(partition, out var loop) ? CloseLoop(loop) : Task.CompletedTask;

    private Task CloseLoop(CoordinatorShardLoop<TShard, TRecord> loop)
    {
        if (!_runLoops)
        {
            _closing[loop] = true;
        }

        return loop.Close();
    }

    public Task<TResponse> ScheduleWriteAsync<TResponse>(int partition, string name, Func<TShard, CoordinatorResult<TRecord, TResponse>> operation) =>
        _shards.TryGetValue(partition, out var loop)
            ? loop.ScheduleWrite(name, operation)
            : Task.FromException<TResponse>(NotCoordinator(partition));

    public Task<TResponse> ScheduleReadAsync<TResponse>(int partition, string name, Func<TShard, TResponse> operation) =>
        _shards.TryGetValue(partition, out var loop)
            ? loop.ScheduleRead(name, operation)
            : Task.FromException<TResponse>(NotCoordinator(partition));

    /// <summary>Test hook: runs every queued event of every shard until all are idle.</summary>
    internal int RunPending()
    {
        var total = 0;
        int ran;
        do
        {
            ran = 0;
            foreach (var loop in _shards.Values)
            {
                ran += loop.RunPending();
            }

            foreach (var loop in _closing.Keys)
            {
                ran += loop.RunPending();
                if (loop.Closed.IsCompleted)
                {
                    _closing.TryRemove(loop, out _);
                }
            }

            total += ran;
        }
        while (ran > 0);

        return total;
    }

    /// <summary>Test hook: the loop of a partition.</summary>
    internal CoordinatorShardLoop<TShard, TRecord>? LoopOf(int partition) => _shards.TryGetValue(partition, out var l) ? l : null;

    public async ValueTask DisposeAsync()
    {
        var closing = new List<Task>();
        foreach (var partition in _shards.Keys.ToArray())
        {
            closing.Add(ScheduleUnloadAsync(partition));
        }

        if (_runLoops)
        {
            await Task.WhenAll(closing).ConfigureAwait(false);
        }
    }

    private static CoordinatorException NotCoordinator(int partition) =>
        new(ErrorCode.NotCoordinator, $"This broker does not coordinate partition {partition}.");
}
