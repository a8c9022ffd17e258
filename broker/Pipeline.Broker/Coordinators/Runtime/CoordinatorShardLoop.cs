using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Pipeline.Protocol;
using Pipeline.Protocol.Records;

namespace Pipeline.Broker.Coordinators.Runtime;

/// <summary>
/// One shard (the state of one partition of a coordinator's internal topic) and the loop that
/// owns it, as Kafka's CoordinatorRuntime does per partition.
/// <para>
/// Threads: everything that touches the shard, its timers and the queue of pending completions
/// runs on this loop, one event at a time: the load, write and read operations, timer expirations
/// and flush completions. <see cref="ScheduleWrite{TResponse}"/>, <see cref="ScheduleRead{TResponse}"/>
/// and timer callbacks may be called from any thread; they only post events. With
/// <c>runLoop: false</c> nothing runs until a test calls <see cref="RunPending"/> (deterministic).
/// </para>
/// <para>
/// Durability: a write operation's records are appended as one batch (pwrite) right after the
/// operation; its response, its append callback and the parked requests it completed are released
/// only once the log is fsynced past them (group commit). Reads are released the same way, so no
/// answer shows state that a crash could take back.
/// </para>
/// </summary>
internal sealed class CoordinatorShardLoop<TShard, TRecord> : ICoordinatorShardContext<TRecord>
    where TShard : class, ICoordinatorShard<TRecord>
    where TRecord : class
{
    private const int LoadChunkBytes = 1 << 20;

    private readonly Channel<Event> _events = Channel.CreateUnbounded<Event>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<ICoordinatorShardContext<TRecord>, TShard> _factory;
    private readonly ICoordinatorRecordSerde<TRecord> _serde;
    private readonly ICoordinatorLog _log;
    private readonly CoordinatorTimer<TRecord> _timer;
    private readonly Queue<PendingCompletion> _pending = new();
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private List<Action>? _operationCompletions;
    private TShard? _shard;
    private volatile CoordinatorShardState _state = CoordinatorShardState.Loading;
    private long _writtenOffset;
    private long _durableOffset;
    private bool _flushInFlight;
    private bool _inOperation;

    public CoordinatorShardLoop(
        int partitionIndex,
        ICoordinatorLog log,
        Func<ICoordinatorShardContext<TRecord>, TShard> factory,
        ICoordinatorRecordSerde<TRecord> serde,
        TimeProvider time,
        ILogger logger)
    {
        PartitionIndex = partitionIndex;
        _log = log;
        _factory = factory;
        _serde = serde;
        Time = time;
        _logger = logger;
        _timer = new CoordinatorTimer<TRecord>(time, entry => Post(new TimerEvent(this, entry)));
    }

    public int PartitionIndex { get; }

    public TimeProvider Time { get; }

    public ICoordinatorTimer<TRecord> Timer => _timer;

    public CoordinatorShardState State => _state;

    public ICoordinatorLog Log => _log;

    /// <summary>Completes when the load finished (Active), failed, or the shard was closed first.</summary>
    public Task Loaded => _loaded.Task;

    /// <summary>Completes when the loop has stopped after <see cref="Close"/>.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Test hook: the shard (touch it only from the test thread while pumping manually).</summary>
    internal TShard? Shard => _shard;

    /// <summary>Test hook: scheduled timers.</summary>
    internal int TimerCount => _timer.Count;

    /// <summary>Posts the load; with <paramref name="runLoop"/> the loop starts on the thread pool.</summary>
    public void Start(bool runLoop)
    {
        Post(new LoadEvent(this));
        if (runLoop)
        {
            _ = Task.Run(RunAsync);
        }
    }

    /// <summary>Unloads the shard after the events already queued; later operations get NOT_COORDINATOR.</summary>
    public Task Close()
    {
        // A closed channel means the unload already ran.
        _events.Writer.TryWrite(new UnloadEvent(this));
        return _closed.Task;
    }

    public Task<TResponse> ScheduleWrite<TResponse>(string name, Func<TShard, CoordinatorResult<TRecord, TResponse>> operation)
    {
        var ev = new WriteEvent<TResponse>(this, name, operation);
        Post(ev);
        return ev.Task;
    }

    public Task<TResponse> ScheduleRead<TResponse>(string name, Func<TShard, TResponse> operation)
    {
        var ev = new ReadEvent<TResponse>(this, name, operation);
        Post(ev);
        return ev.Task;
    }

    public void CompleteWhenDurable(Action completion)
    {
        if (_inOperation)
        {
            (_operationCompletions ??= []).Add(completion);
            return;
        }

        Release(new PendingCompletion { Offset = _writtenOffset, Completions = [completion] });
    }

    /// <summary>Test hook: runs every queued event on the calling thread; returns how many ran.</summary>
    internal int RunPending()
    {
        var n = 0;
        while (_events.Reader.TryRead(out var ev))
        {
            Process(ev);
            n++;
        }

        return n;
    }

    private void Post(Event ev)
    {
        var state = _state;
        if (state != CoordinatorShardState.Active && ev.NeedsActiveShard)
        {
            ev.Fail(NotAvailable(state));
            return;
        }

        if (!_events.Writer.TryWrite(ev))
        {
            ev.Fail(new CoordinatorException(ErrorCode.NotCoordinator, $"This broker no longer coordinates {_log.Name}."));
        }
    }

    private async Task RunAsync()
    {
        var reader = _events.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var ev))
            {
                Process(ev);
            }
        }
    }

    private void Process(Event ev)
    {
        try
        {
            if (ev.NeedsActiveShard && _state != CoordinatorShardState.Active)
            {
                ev.Fail(NotAvailable(_state));
                return;
            }

            ev.Run();
        }
        catch (Exception e)
        {
            CoordinatorRuntimeLog.OperationFailed(_logger, ev.Name, _log.Name, e);
            ev.Fail(e);
        }
    }

    private CoordinatorException NotAvailable(CoordinatorShardState state) => state switch
    {
        CoordinatorShardState.Loading => new CoordinatorException(ErrorCode.CoordinatorLoadInProgress, $"{_log.Name} is still loading."),
        CoordinatorShardState.Failed => new CoordinatorException(ErrorCode.CoordinatorNotAvailable, $"{_log.Name} failed to load."),
        _ => new CoordinatorException(ErrorCode.NotCoordinator, $"This broker no longer coordinates {_log.Name}."),
    };

    /// <summary>Runs an operation and queues what it releases behind its records' durability.</summary>
    private void RunOperation<TResponse>(Func<TShard, CoordinatorResult<TRecord, TResponse>> operation, Action<TResponse>? respond, Action<Exception>? fail)
    {
        CoordinatorResult<TRecord, TResponse> result;
        _inOperation = true;
        try
        {
            result = operation(_shard!);
        }
        catch (Exception e)
        {
            _inOperation = false;
            var completions = TakeOperationCompletions();
            if (e is not CoordinatorException)
            {
                CoordinatorRuntimeLog.OperationFailed(_logger, "operation", _log.Name, e);
            }

            fail?.Invoke(e);
            if (completions is not null)
            {
                Release(new PendingCompletion { Offset = _writtenOffset, Completions = completions });
            }

            return;
        }

        _inOperation = false;
        var released = TakeOperationCompletions();
        Action? respondAction = respond is null ? null : () => respond(result.Response);
        if (result.Records.Count > 0)
        {
            var append = Append(result.Records);
            if (append.Error != ErrorCode.None)
            {
                CoordinatorRuntimeLog.AppendFailed(_logger, _log.Name, ErrorCodes.Name(append.Error));
                var error = new CoordinatorException(append.Error, $"Writing to {_log.Name} failed ({ErrorCodes.Name(append.Error)}).");
                new PendingCompletion { Callback = result.AppendCallback, FailResponse = fail, Completions = released }.Complete(error, ReportCallbackError);
                return;
            }

            _writtenOffset = append.LastOffset + 1;
            if (result.ReplayRecords)
            {
                for (var i = 0; i < result.Records.Count; i++)
                {
                    _shard!.Replay(append.FirstOffset + i, -1, result.Records[i]);
                }
            }

            StartFlush();
        }

        Release(new PendingCompletion
        {
            Offset = _writtenOffset,
            Callback = result.AppendCallback,
            Respond = respondAction,
            FailResponse = fail,
            Completions = released,
        });
    }

    private List<Action>? TakeOperationCompletions()
    {
        var c = _operationCompletions;
        _operationCompletions = null;
        return c;
    }

    private CoordinatorAppendResult Append(IReadOnlyList<TRecord> records)
    {
        using var builder = new RecordBatchBuilder();
        var now = Time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var record in records)
        {
            var (key, value) = _serde.Serialize(record);
            builder.Append(now, key, value);
        }

        var batch = builder.ToArray();
        return _log.Append(batch);
    }

    private void Release(PendingCompletion pending)
    {
        if (pending.Offset <= _durableOffset)
        {
            pending.Complete(null, ReportCallbackError);
        }
        else
        {
            _pending.Enqueue(pending);
        }
    }

    private void StartFlush()
    {
        if (_flushInFlight || _writtenOffset <= _durableOffset)
        {
            return;
        }

        var upTo = _writtenOffset;
        ValueTask flush;
        try
        {
            flush = _log.FlushAsync(upTo);
        }
        catch (Exception e)
        {
            OnFlushed(upTo, e);
            return;
        }

        if (flush.IsCompletedSuccessfully)
        {
            OnFlushed(upTo, null);
            return;
        }

        _flushInFlight = true;
        _ = AwaitFlushAsync(flush, upTo);
    }

    private async Task AwaitFlushAsync(ValueTask flush, long upTo)
    {
        Exception? error = null;
        try
        {
            await flush.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            error = e;
        }

        _events.Writer.TryWrite(new FlushedEvent(this, upTo, error));
    }

    private void OnFlushed(long upTo, Exception? error)
    {
        _flushInFlight = false;
        if (error is not null)
        {
            CoordinatorRuntimeLog.FlushFailed(_logger, _log.Name, upTo, error);
        }

        // A failed fsync resolves what it covered with an error (as Kafka fails the writes of a
        // failed append); later writes try again.
        _durableOffset = Math.Max(_durableOffset, upTo);
        var failure = error is null ? null : new CoordinatorException(ErrorCode.KafkaStorageError, $"Flushing {_log.Name} failed: {error.Message}", error);
        while (_pending.TryPeek(out var p) && p.Offset <= _durableOffset)
        {
            _pending.Dequeue();
            p.Complete(failure, ReportCallbackError);
        }

        StartFlush();
    }

    private void ReportCallbackError(Exception e) => CoordinatorRuntimeLog.CallbackFailed(_logger, _log.Name, e);

    private void Load()
    {
        var watch = Stopwatch.StartNew();
        var shard = _factory(this);
        var offset = _log.LogStartOffset;
        var end = _log.LogEndOffset;
        long count = 0;
        using (var reader = new RecordBatchReader())
        {
            while (offset < end)
            {
                var chunk = _log.Read(offset, LoadChunkBytes);
                if (chunk.IsEmpty)
                {
                    break;
                }

                var next = ReplayChunk(shard, reader, chunk.Span, ref count);
                if (next <= offset)
                {
                    break;
                }

                offset = next;
            }
        }

        _shard = shard;
        _writtenOffset = end;
        _durableOffset = 0;
        shard.OnLoaded();
        _state = CoordinatorShardState.Active;
        if (end == 0)
        {
            // A new topic loads all its (empty) partitions at once: one line each would be noise.
            CoordinatorRuntimeLog.LoadedEmpty(_logger, _log.Name);
        }
        else
        {
            CoordinatorRuntimeLog.Loaded(_logger, _log.Name, count, end, watch.ElapsedMilliseconds);
        }

        // Loaded records may still be only in the page cache (after a kill -9): the first answers
        // wait for them to reach the disk.
        StartFlush();
    }

    /// <summary>Replays every record of the batches in <paramref name="chunk"/>; returns the offset after the last batch.</summary>
    private long ReplayChunk(TShard shard, RecordBatchReader reader, ReadOnlySpan<byte> chunk, ref long count)
    {
        long next = -1;
        while (chunk.Length >= RecordBatchHeader.Size)
        {
            var header = new RecordBatchHeader(chunk);
            var size = header.TotalSize;
            if (size > chunk.Length || size < RecordBatchHeader.Size)
            {
                break;
            }

            // Control batches (transaction markers) matter once transactional offset commits exist.
            if (!header.IsControl)
            {
                var producerId = header.ProducerId;
                foreach (var record in reader.Records(chunk[..size]))
                {
                    if (record.KeyIsNull)
                    {
                        continue;
                    }

                    var decoded = _serde.Deserialize(record.Key, record.Value, record.ValueIsNull);
                    if (decoded is not null)
                    {
                        shard.Replay(record.Offset, producerId, decoded);
                        count++;
                    }
                }
            }

            next = header.NextOffset;
            chunk = chunk[size..];
        }

        return next;
    }

    private void Unload()
    {
        _timer.CancelAll();
        var closed = new CoordinatorException(ErrorCode.NotCoordinator, $"This broker no longer coordinates {_log.Name}.");
        if (_shard is not null && _state == CoordinatorShardState.Active)
        {
            // The shard answers its parked requests (NOT_COORDINATOR) through CompleteWhenDurable;
            // they are released below with everything else still waiting for a flush.
            try
            {
                _shard.OnUnloaded();
            }
            catch (Exception e)
            {
                ReportCallbackError(e);
            }
        }

        _state = CoordinatorShardState.Closed;
        while (_pending.TryDequeue(out var p))
        {
            p.Complete(closed, ReportCallbackError);
        }

        _events.Writer.TryComplete();
        CoordinatorRuntimeLog.Unloaded(_logger, _log.Name);

        // Whatever was queued behind the unload is answered NOT_COORDINATOR.
        while (_events.Reader.TryRead(out var ev))
        {
            ev.Fail(closed);
        }

        _loaded.TrySetResult();
        _closed.TrySetResult();
    }

    private abstract class Event
    {
        protected Event(CoordinatorShardLoop<TShard, TRecord> loop, string name)
        {
            Loop = loop;
            Name = name;
        }

        public string Name { get; }

        public virtual bool NeedsActiveShard => true;

        protected CoordinatorShardLoop<TShard, TRecord> Loop { get; }

        public abstract void Run();

        public virtual void Fail(Exception error)
        {
        }
    }

    private sealed class WriteEvent<TResponse> : Event
    {
        private readonly Func<TShard, CoordinatorResult<TRecord, TResponse>> _operation;
        private readonly TaskCompletionSource<TResponse> _tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public WriteEvent(CoordinatorShardLoop<TShard, TRecord> loop, string name, Func<TShard, CoordinatorResult<TRecord, TResponse>> operation)
            : base(loop, name)
        {
            _operation = operation;
        }

        public Task<TResponse> Task => _tcs.Task;

        public override void Run() =>
            Loop.RunOperation(_operation, r => _tcs.TrySetResult(r), e => _tcs.TrySetException(e));

        public override void Fail(Exception error) => _tcs.TrySetException(error);
    }

    private sealed class ReadEvent<TResponse> : Event
    {
        private readonly Func<TShard, TResponse> _operation;
        private readonly TaskCompletionSource<TResponse> _tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ReadEvent(CoordinatorShardLoop<TShard, TRecord> loop, string name, Func<TShard, TResponse> operation)
            : base(loop, name)
        {
            _operation = operation;
        }

        public Task<TResponse> Task => _tcs.Task;

        public override void Run()
        {
            var response = _operation(Loop._shard!);
            Loop.Release(new PendingCompletion
            {
                Offset = Loop._writtenOffset,
                Respond = () => _tcs.TrySetResult(response),
                FailResponse = e => _tcs.TrySetException(e),
            });
        }

        public override void Fail(Exception error) => _tcs.TrySetException(error);
    }

    private sealed class TimerEvent : Event
    {
        private readonly CoordinatorTimer<TRecord>.Entry _entry;

        public TimerEvent(CoordinatorShardLoop<TShard, TRecord> loop, CoordinatorTimer<TRecord>.Entry entry)
            : base(loop, entry.Key)
        {
            _entry = entry;
        }

        public override void Run()
        {
            if (Loop._timer.TryTake(_entry))
            {
                Loop.RunOperation<NoResponse>(_ => _entry.Operation(), respond: null, fail: null);
            }
        }
    }

    private sealed class FlushedEvent : Event
    {
        private readonly long _upTo;
        private readonly Exception? _error;

        public FlushedEvent(CoordinatorShardLoop<TShard, TRecord> loop, long upTo, Exception? error)
            : base(loop, "flushed")
        {
            _upTo = upTo;
            _error = error;
        }

        public override bool NeedsActiveShard => false;

        public override void Run()
        {
            if (Loop._state != CoordinatorShardState.Closed)
            {
                Loop.OnFlushed(_upTo, _error);
            }
        }
    }

    private sealed class LoadEvent : Event
    {
        public LoadEvent(CoordinatorShardLoop<TShard, TRecord> loop)
            : base(loop, "load")
        {
        }

        public override bool NeedsActiveShard => false;

        public override void Run()
        {
            if (Loop._state != CoordinatorShardState.Loading)
            {
                return;
            }

            try
            {
                Loop.Load();
            }
            catch (Exception e)
            {
                CoordinatorRuntimeLog.LoadFailed(Loop._logger, Loop._log.Name, e);
                Loop._timer.CancelAll();
                Loop._shard = null;
                Loop._state = CoordinatorShardState.Failed;
            }
            finally
            {
                Loop._loaded.TrySetResult();
            }
        }
    }

    private sealed class UnloadEvent : Event
    {
        public UnloadEvent(CoordinatorShardLoop<TShard, TRecord> loop)
            : base(loop, "unload")
        {
        }

        public override bool NeedsActiveShard => false;

        public override void Run() => Loop.Unload();
    }
}
