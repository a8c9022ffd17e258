using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Pipeline.Protocol;

namespace Pipeline.Client.Network;

/// <summary>
/// One connection per broker node, plus connections to the bootstrap addresses (negative ids, as
/// Kafka's client numbers them) used until metadata names the nodes, and again whenever no known
/// node can be reached. Failed attempts back off exponentially with jitter
/// (reconnect.backoff.ms .. reconnect.backoff.max.ms). Thread-safe.
/// </summary>
internal sealed class ConnectionManager : IAsyncDisposable
{
    private readonly ConnectionSettings _settings;
    private readonly ILogger _log;
    private readonly Dictionary<int, NodeSlot> _slots = [];
    private readonly List<int> _bootstrapIds = [];
    private readonly CancellationTokenSource _disposed = new();
    private int _roundRobin;

    public ConnectionManager(IReadOnlyList<BrokerAddress> bootstrap, ConnectionSettings settings, ILogger log)
    {
        _settings = settings;
        _log = log;
        for (var i = 0; i < bootstrap.Count; i++)
        {
            var id = -(i + 1);
            _slots[id] = new NodeSlot(id, bootstrap[i]);
            _bootstrapIds.Add(id);
        }
    }

    public ConnectionSettings Settings => _settings;

    /// <summary>Called (on a pool thread) whenever a connection attempt ends, either way, so waiting loops look again at once.</summary>
    public Action? StateChanged { get; set; }

    /// <summary>Adds or moves the nodes named by metadata; a moved node's connection is closed.</summary>
    public void UpdateNodes(IEnumerable<(int NodeId, BrokerAddress Address)> nodes)
    {
        List<KafkaConnection>? stale = null;
        lock (_slots)
        {
            foreach (var (id, address) in nodes)
            {
                if (!_slots.TryGetValue(id, out var slot))
                {
                    _slots[id] = new NodeSlot(id, address);
                }
                else if (slot.Address != address)
                {
                    slot.Address = address;
                    if (slot.Connection is { } c)
                    {
                        (stale ??= []).Add(c);
                        slot.Connection = null;
                    }
                }
            }
        }

        foreach (var c in stale ?? [])
        {
            c.Close(new KafkaException(ErrorCode.NetworkException, $"node {c.NodeId} moved to a new address"));
        }
    }

    public bool IsKnown(int nodeId)
    {
        lock (_slots)
        {
            return _slots.ContainsKey(nodeId);
        }
    }

    /// <summary>
    /// The open connection to <paramref name="nodeId"/>, without waiting: when there is none, an
    /// attempt is started in the background (unless backing off) and false is returned.
    /// </summary>
    public bool TryGetReady(int nodeId, out KafkaConnection connection)
    {
        lock (_slots)
        {
            if (_slots.TryGetValue(nodeId, out var slot))
            {
                if (slot.Connection is { IsClosed: false } c)
                {
                    connection = c;
                    return true;
                }

                StartConnectLocked(slot);
            }
        }

        connection = null!;
        return false;
    }

    /// <summary>Time until <paramref name="nodeId"/> may be tried again (zero when it may be now).</summary>
    public TimeSpan BackoffRemaining(int nodeId)
    {
        lock (_slots)
        {
            if (!_slots.TryGetValue(nodeId, out var slot))
            {
                return TimeSpan.Zero;
            }

            var ticks = slot.NotBefore - Stopwatch.GetTimestamp();
            return ticks <= 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(0, ticks);
        }
    }

    /// <summary>Connects to <paramref name="nodeId"/> (waiting out its backoff) and returns the connection.</summary>
    public async Task<KafkaConnection> GetAsync(int nodeId, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task<KafkaConnection>? connecting;
            TimeSpan wait;
            lock (_slots)
            {
                if (!_slots.TryGetValue(nodeId, out var slot))
                {
                    throw new KafkaException(ErrorCode.BrokerNotAvailable, $"node {nodeId} is not in the cluster metadata");
                }

                if (slot.Connection is { IsClosed: false } ready)
                {
                    return ready;
                }

                connecting = StartConnectLocked(slot);
                wait = connecting is null ? Stopwatch.GetElapsedTime(0, Math.Max(0, slot.NotBefore - Stopwatch.GetTimestamp())) : TimeSpan.Zero;
            }

            if (connecting is not null)
            {
                return await connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A connection to any node, preferring the connected one with the fewest requests in flight
    /// (Kafka's least-loaded node), then any node not backing off, then the bootstrap addresses.
    /// Tries candidates one after another until one connects or <paramref name="cancellationToken"/> fires.
    /// </summary>
    public async Task<KafkaConnection> GetAnyAsync(CancellationToken cancellationToken)
    {
        Exception? last = null;
        while (true)
        {
            var candidates = Candidates(out var best);
            if (best is not null)
            {
                return best;
            }

            foreach (var id in candidates)
            {
                if (BackoffRemaining(id) > TimeSpan.Zero)
                {
                    continue;
                }

                try
                {
                    return await GetAsync(id, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is KafkaException && !cancellationToken.IsCancellationRequested)
                {
                    last = e;
                }
            }

            var wait = TimeSpan.MaxValue;
            foreach (var id in candidates)
            {
                var r = BackoffRemaining(id);
                wait = r < wait ? r : wait;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException($"no broker reachable: {last?.Message}", last, cancellationToken);
            }

            await Task.Delay(wait == TimeSpan.MaxValue ? _settings.ReconnectBackoff : wait + TimeSpan.FromMilliseconds(1), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Closes the connection to a node (after a timeout or a protocol error); it reconnects on next use.</summary>
    public void Disconnect(int nodeId, Exception reason)
    {
        KafkaConnection? c;
        lock (_slots)
        {
            c = _slots.TryGetValue(nodeId, out var slot) ? slot.Connection : null;
        }

        c?.Close(reason);
    }

    public async ValueTask DisposeAsync()
    {
        _disposed.Cancel();
        List<KafkaConnection> open = [];
        lock (_slots)
        {
            foreach (var slot in _slots.Values)
            {
                if (slot.Connection is { } c)
                {
                    open.Add(c);
                }
            }
        }

        foreach (var c in open)
        {
            await c.DisposeAsync().ConfigureAwait(false);
        }

        _disposed.Dispose();
    }

    private List<int> Candidates(out KafkaConnection? best)
    {
        best = null;
        var nodes = new List<int>();
        lock (_slots)
        {
            foreach (var slot in _slots.Values)
            {
                if (slot.NodeId >= 0)
                {
                    nodes.Add(slot.NodeId);
                }
            }

            // Bootstrap addresses come last, and only matter when no known node answers (KIP-899 style re-bootstrap).
            var ordered = Rotate(nodes);
            ordered.AddRange(Rotate(_bootstrapIds));
            var bestLoad = int.MaxValue;
            foreach (var id in ordered)
            {
                if (_slots[id].Connection is { IsClosed: false } c && c.InFlightCount < bestLoad)
                {
                    best = c;
                    bestLoad = c.InFlightCount;
                }
            }

            return ordered;
        }
    }

    private List<int> Rotate(List<int> ids)
    {
        var result = new List<int>(ids.Count);
        if (ids.Count == 0)
        {
            return result;
        }

        var start = (int)((uint)Interlocked.Increment(ref _roundRobin) % (uint)ids.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            result.Add(ids[(start + i) % ids.Count]);
        }

        return result;
    }

    /// <summary>Starts (or returns the running) attempt for a slot; null while it backs off. Caller holds the lock.</summary>
    private Task<KafkaConnection>? StartConnectLocked(NodeSlot slot)
    {
        if (slot.Connecting is { } running)
        {
            return running;
        }

        if (slot.NotBefore > Stopwatch.GetTimestamp() || _disposed.IsCancellationRequested)
        {
            return null;
        }

        var task = ConnectAsync(slot);
        slot.Connecting = task;
        return task;
    }

    private async Task<KafkaConnection> ConnectAsync(NodeSlot slot)
    {
        await Task.Yield();
        var address = slot.Address;
        try
        {
            var connection = await KafkaConnection.ConnectAsync(slot.NodeId, address, _settings, _log, _disposed.Token).ConfigureAwait(false);
            lock (_slots)
            {
                slot.Connection = connection;
                slot.Connecting = null;
                slot.Failures = 0;
                slot.LastError = null;
            }

            _ = connection.Closed.ContinueWith(_ => OnClosed(slot, connection), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            StateChanged?.Invoke();
            return connection;
        }
        catch (Exception e)
        {
            ClientLog.ConnectFailed(_log, slot.NodeId, address.ToString(), e.Message);
            lock (_slots)
            {
                slot.Connecting = null;
                slot.LastError = e;
                slot.Failures++;
                slot.NotBefore = Stopwatch.GetTimestamp() + Backoff(slot.Failures);
            }

            StateChanged?.Invoke();
            throw e as KafkaException ?? new KafkaException(ErrorCode.NetworkException, $"cannot connect to node {slot.NodeId} ({address}): {e.Message}", e);
        }
    }

    private void OnClosed(NodeSlot slot, KafkaConnection connection)
    {
        lock (_slots)
        {
            if (slot.Connection == connection)
            {
                slot.Connection = null;
                slot.Failures++;
                slot.NotBefore = Stopwatch.GetTimestamp() + Backoff(1);
            }
        }
    }

    /// <summary>reconnect.backoff.ms * 2^(failures-1), capped, with +-20% jitter; in stopwatch ticks.</summary>
    private long Backoff(int failures)
    {
        var baseMs = _settings.ReconnectBackoff.TotalMilliseconds;
        var ms = Math.Min(baseMs * Math.Pow(2, Math.Min(failures - 1, 20)), Math.Max(baseMs, _settings.ReconnectBackoffMax.TotalMilliseconds));
        ms *= 0.8 + (Random.Shared.NextDouble() * 0.4);
        return (long)(ms / 1000.0 * Stopwatch.Frequency);
    }
}
