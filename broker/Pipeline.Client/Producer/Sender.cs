using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Pipeline.Client.Config;
using Pipeline.Client.Metadata;
using Pipeline.Client.Network;
using Pipeline.Client.Threading;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Client.Producer;

/// <summary>
/// The producer's I/O loop (Kafka's Sender). Each turn: take in returned produce responses
/// (retry, complete or fail their batches), make sure an idempotent producer has an id (and bump
/// its epoch when a sequence broke), ask the accumulator which leaders have sendable batches,
/// drain and send one request per ready node (at most max.in.flight.requests.per.connection per
/// node), expire batches past delivery.timeout.ms, then sleep until woken (new or full batch,
/// response, connection, metadata) or the next linger/backoff deadline.
/// <para>Threads: everything here runs on the loop, except <see cref="Wake"/>, flush and close
/// bookkeeping, and the response continuations, which only enqueue and wake.</para>
/// </summary>
internal sealed class Sender
{
    private static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(1);

    private readonly ProducerOptions _options;
    private readonly RecordAccumulator _accumulator;
    private readonly MetadataManager _metadata;
    private readonly ConnectionManager _connections;
    private readonly IdempotenceState _idempotence;
    private readonly BatchDrainer _drainer;
    private readonly ProducerIdManager _producerIds;
    private readonly BatchCompleter _completer;
    private readonly ILogger _log;
    private readonly AsyncSignal _wake = new();
    private readonly ConcurrentQueue<InFlightProduce> _returned = new();
    private readonly Dictionary<int, int> _inFlightByNode = [];
    private readonly HashSet<ProducerBatch> _inFlight = [];
    private readonly ProgressSignal _progress = new();
    private readonly CancellationTokenSource _stop = new();
    private int _flushing;
    private volatile bool _closing;
    private Task? _loop;

    public Sender(ProducerOptions options, RecordAccumulator accumulator, MetadataManager metadata, ConnectionManager connections,
        IDeliveryHandler delivery, ILogger log)
    {
        _options = options;
        _accumulator = accumulator;
        _metadata = metadata;
        _connections = connections;
        _log = log;
        _idempotence = new IdempotenceState(options.EnableIdempotence);
        _drainer = new BatchDrainer(accumulator, options, _idempotence);
        _producerIds = new ProducerIdManager(_idempotence, connections, options, log);
        _completer = new BatchCompleter(options, accumulator, metadata, _idempotence, _drainer, delivery, log);
    }

    /// <summary>Completes at the next completion of batches (Flush waits on it).</summary>
    public Task Progress => _progress.Next;

    /// <summary>Set when the producer can no longer send (e.g. the broker lacks InitProducerId); new sends throw it.</summary>
    public KafkaException? FatalError => _producerIds.FatalError;

    public void Start() => _loop = Task.Run(RunAsync);

    public void Wake() => _wake.Set();

    public void BeginFlush()
    {
        Interlocked.Increment(ref _flushing);
        _wake.Set();
    }

    public void EndFlush() => Interlocked.Decrement(ref _flushing);

    /// <summary>Sends what is buffered and stops; after <paramref name="timeout"/> whatever is left fails.</summary>
    public async Task CloseAsync(TimeSpan timeout)
    {
        _closing = true;
        _accumulator.Close();
        _wake.Set();
        if (_loop is not null)
        {
            var finished = await Task.WhenAny(_loop, Task.Delay(timeout)).ConfigureAwait(false) == _loop;
            if (!finished)
            {
                _stop.Cancel();
                await _loop.ConfigureAwait(false);
            }
        }

        // Forced: fail what is still queued or in flight; late responses are ignored.
        var closed = new KafkaError(ErrorCode.UnknownServerError, "the producer was closed before the record was acknowledged");
        foreach (var b in _drainer.Expire(Clock.Now, all: true))
        {
            _completer.Fail(b, closed, PersistenceStatus.NotPersisted);
        }

        foreach (var b in _inFlight)
        {
            _completer.Fail(b, closed, PersistenceStatus.PossiblyPersisted);
        }

        _inFlight.Clear();
        _progress.Signal();
    }

    private async Task RunAsync()
    {
        var token = _stop.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                var now = Clock.Now;
                var progressed = TakeReturned(now);
                if (FatalError is { } fatal)
                {
                    progressed |= FailQueued(fatal.Error);
                }

                if (_closing && _accumulator.IncompleteBatches == 0)
                {
                    break;
                }

                var wait = MaxSleep;
                if (_idempotence.Enabled && FatalError is null && !_producerIds.IsReady(_inFlight.Count))
                {
                    var retryIn = await _producerIds.EnsureAsync(_inFlight.Count, token).ConfigureAwait(false);
                    if (retryIn == Timeout.InfiniteTimeSpan)
                    {
                        // An epoch bump waits for the requests in flight; their responses wake us.
                    }
                    else if (retryIn > TimeSpan.Zero)
                    {
                        wait = retryIn < wait ? retryIn : wait;
                    }
                    else if (_producerIds.IsReady(_inFlight.Count))
                    {
                        _drainer.ClearQueuedSequences();
                    }
                }

                if (!_idempotence.Enabled || _producerIds.IsReady(_inFlight.Count))
                {
                    wait = Min(wait, await SendReadyAsync(Clock.Now).ConfigureAwait(false));
                }

                foreach (var b in _drainer.Expire(Clock.Now))
                {
                    progressed = true;
                    if (b.HasSequence)
                    {
                        _idempotence.RequestEpochBump();
                    }

                    var ms = (long)_options.DeliveryTimeout.TotalMilliseconds;
                    _completer.Fail(b, new KafkaError(ErrorCode.RequestTimedOut,
                        $"Expiring {b.RecordCount} record(s) for {b.TopicPartition}:{ms} ms has passed since batch creation"),
                        b.EverSent ? PersistenceStatus.PossiblyPersisted : PersistenceStatus.NotPersisted);
                }

                if (progressed)
                {
                    _progress.Signal();
                }

                if (_returned.IsEmpty)
                {
                    await _wake.WaitAsync(wait, token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Forced close.
        }
        catch (Exception e)
        {
            ClientLog.SenderFailed(_log, e);
            _producerIds.SetFatal(new KafkaException(ErrorCode.UnknownServerError, "the producer's sender loop failed: " + e.Message, e));
            FailQueued(FatalError!.Error);
        }
        finally
        {
            _progress.Signal();
        }
    }

    /// <summary>Drains and sends to every ready node; returns how long to sleep at most.</summary>
    private async Task<TimeSpan> SendReadyAsync(long now)
    {
        var metadata = _metadata.Current;
        var check = _drainer.Ready(metadata, now, sendAll: _closing || Volatile.Read(ref _flushing) > 0);
        if (check.UnknownLeaders)
        {
            _metadata.RequestUpdate();
        }

        var wait = check.NextCheck == Timeout.InfiniteTimeSpan ? MaxSleep : Min(check.NextCheck, MaxSleep);
        foreach (var node in check.ReadyNodes)
        {
            if (InFlight(node) >= _options.MaxInFlightRequestsPerConnection)
            {
                continue;
            }

            if (!_connections.TryGetReady(node, out var connection))
            {
                var backoff = _connections.BackoffRemaining(node);
                if (backoff > TimeSpan.Zero)
                {
                    wait = Min(wait, backoff);
                }

                continue;
            }

            var batches = _drainer.Drain(metadata, node, _options.MaxRequestSize, now);
            if (batches.Count > 0)
            {
                await SendAsync(node, connection, batches).ConfigureAwait(false);
            }
        }

        return wait;
    }

    private async Task SendAsync(int node, KafkaConnection connection, List<ProducerBatch> batches)
    {
        foreach (var b in batches)
        {
            _inFlight.Add(b);
        }

        _inFlightByNode[node] = InFlight(node) + 1;
        var version = connection.Versions.Pick(ApiKey.Produce, ProduceRequests.MinVersion(_options.CompressionType));
        if (version < 0)
        {
            var unsupported = new KafkaException(ErrorCode.UnsupportedVersion,
                $"node {node} does not support Produce v{ProduceRequests.MinVersion(_options.CompressionType)}+ (record batch v2{(_options.CompressionType == Protocol.Records.CompressionType.Zstd ? ", zstd" : "")})");
            _returned.Enqueue(new InFlightProduce(node, batches, null, unsupported));
            return;
        }

        var request = ProduceRequests.Build(batches, _options);
        try
        {
            if (_options.Acks == Acks.None)
            {
                await connection.SendWithoutResponseAsync(request, version).ConfigureAwait(false);
                _returned.Enqueue(new InFlightProduce(node, batches, null, null));
                return;
            }

            var response = await connection.WriteRequestAsync<ProduceResponse>(request, version).ConfigureAwait(false);
            _ = AwaitResponseAsync(node, batches, response);
        }
        catch (Exception e)
        {
            _returned.Enqueue(new InFlightProduce(node, batches, null, e));
        }
    }

    private async Task AwaitResponseAsync(int node, List<ProducerBatch> batches, Task<ProduceResponse> response)
    {
        InFlightProduce done;
        try
        {
            done = new InFlightProduce(node, batches, await response.ConfigureAwait(false), null);
        }
        catch (Exception e)
        {
            done = new InFlightProduce(node, batches, null, e);
        }

        _returned.Enqueue(done);
        _wake.Set();
    }

    private bool TakeReturned(long now)
    {
        var any = false;
        while (_returned.TryDequeue(out var r))
        {
            any = true;
            _inFlightByNode[r.Node] = InFlight(r.Node) - 1;
            var byPartition = r.Response is null ? null : ProduceRequests.Index(r.Response);
            foreach (var b in r.Batches)
            {
                if (!_inFlight.Remove(b))
                {
                    continue;
                }

                b.InFlight = false;
                _idempotence.For(b.TopicPartition).InFlight--;
                if (r.Error is not null)
                {
                    var error = r.Error is KafkaException k ? k.Error : new KafkaError(ErrorCode.NetworkException, r.Error.Message);
                    _completer.Handle(b, error, -1, -1, now);
                }
                else if (byPartition is null)
                {
                    _completer.Handle(b, KafkaError.None, -1, -1, now);
                }
                else if (byPartition.TryGetValue(b.TopicPartition, out var p))
                {
                    _completer.Handle(b, ProduceRequests.ErrorOf(p), p.BaseOffset, p.LogAppendTimeMs, now);
                }
                else
                {
                    _completer.Handle(b, new KafkaError(ErrorCode.UnknownServerError, $"the produce response did not mention {b.TopicPartition}"), -1, -1, now);
                }
            }
        }

        return any;
    }

    private bool FailQueued(KafkaError error)
    {
        var any = false;
        foreach (var b in _drainer.Expire(Clock.Now, all: true))
        {
            any = true;
            _completer.Fail(b, error, PersistenceStatus.NotPersisted);
        }

        return any;
    }

    private int InFlight(int node) => _inFlightByNode.TryGetValue(node, out var n) ? n : 0;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
