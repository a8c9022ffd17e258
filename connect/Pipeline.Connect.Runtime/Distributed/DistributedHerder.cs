using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Client;
using Pipeline.Client.Admin;
using Pipeline.Client.Group;
using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>
/// The herder of a Connect cluster (Kafka's DistributedHerder): workers join one group with the
/// "connect" protocol; the leader assigns connectors and tasks incrementally; each worker catches
/// up with the config topic before acting on an assignment, runs what it is given through its
/// worker, and writes states to the status topic. Writes that change the config topic's contents
/// (connectors, task configs, restarts, stop, offsets) are the leader's; a follower refuses them
/// with <see cref="NotLeaderException"/> and the REST layer forwards them. Pause and resume are
/// target-state records any worker may write; every worker reacts to what it reads.
/// <para>Threads: one herder loop owns the group member, the worker and the owned sets (rebalance
/// callbacks and config events run on it); the stores' reader tasks only queue events; REST
/// calls read immutable snapshots and write through the stores.</para>
/// </summary>
public sealed partial class DistributedHerder : IHerder, IConfigUpdateListener, IWorkerRebalanceListener
{
    private static readonly TimeSpan MaxIdle = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ReconfigureBackoff = TimeSpan.FromMilliseconds(250);

    private readonly DistributedHerderOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly ITaskConfigForwarder _forwarder;
    private readonly KafkaConfigBackingStore _configs;
    private readonly KafkaStatusBackingStore _statuses;
    private readonly KafkaOffsetBackingStore _offsets;
    private readonly IDistributedWorker _worker;
    private readonly ConnectGroupProtocol _protocol;
    private readonly GroupMember _member;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private readonly ConcurrentQueue<ConfigEvent> _events = new();
    private readonly ConcurrentQueue<string> _reconfigureRequests = new();
    private readonly ConcurrentQueue<Func<CancellationToken, Task>> _requests = new();

    // Loop-owned.
    private readonly HashSet<string> _ownedConnectors = new(StringComparer.Ordinal);
    private readonly HashSet<ConnectorTaskId> _ownedTasks = [];
    private readonly HashSet<string> _reconfigure = new(StringComparer.Ordinal);
    private DateTimeOffset _reconfigureNotBefore;
    private DateTimeOffset? _rejoinAt;

    private volatile Leadership? _leadership;
    private volatile int _generation = -1;
    private volatile bool _abandoned;
    private Task? _loop;
    private IAdminClient? _admin;
    private string _clusterId = "";
    private int _disposed;

    public DistributedHerder(
        DistributedHerderOptions options,
        Func<DistributedHerderContext, IDistributedWorker> workerFactory,
        ITaskConfigForwarder? forwarder = null,
        ILoggerFactory? loggers = null,
        TimeProvider? time = null)
    {
        _options = options;
        _loggers = loggers ?? NullLoggerFactory.Instance;
        _log = _loggers.CreateLogger("Pipeline.Connect.Distributed.Herder");
        _time = time ?? TimeProvider.System;
        _forwarder = forwarder ?? new HttpTaskConfigForwarder(new HttpClient { Timeout = TimeSpan.FromSeconds(30) });
        _configs = new KafkaConfigBackingStore(options.LogOptions(options.ConfigTopic, 1, options.ConfigReplicationFactor, "configs"), _loggers) { Listener = this };
        _statuses = new KafkaStatusBackingStore(options.LogOptions(options.StatusTopic, options.StatusPartitions, options.StatusReplicationFactor, "statuses"), _loggers);
        _offsets = new KafkaOffsetBackingStore(options.LogOptions(options.OffsetTopic, options.OffsetPartitions, options.OffsetReplicationFactor, "offsets"), _loggers);
        _worker = workerFactory(new DistributedHerderContext(options.WorkerId, new HerderStatusListener(this), _offsets, RequestTaskReconfiguration));
        _protocol = new ConnectGroupProtocol(options.Url, options.Protocol, _configs, new IncrementalCooperativeAssignor(options.ScheduledRebalanceMaxDelay, _time), this);
        _member = new GroupMember(
            GroupMemberOptions.Default with
            {
                BootstrapServers = options.BootstrapServers,
                ClientId = $"connect-{options.GroupId}-member-{options.WorkerId}",
                GroupId = options.GroupId,
                SessionTimeout = options.SessionTimeout,
                HeartbeatInterval = options.HeartbeatInterval,
                RebalanceTimeout = options.RebalanceTimeout,
            },
            new AbandonableProtocol(_protocol, () => _abandoned),
            _loggers)
        {
            Wakeup = Wake,
        };
    }

    public string WorkerId => _options.WorkerId;

    public string KafkaClusterId => _clusterId;

    /// <summary>True while this worker leads the group (per its latest assignment).</summary>
    public bool IsLeader => _leadership is { IsSelf: true };

    /// <summary>The leader's URL per the latest assignment (null before one).</summary>
    public string? LeaderUrl => _leadership?.Url;

    /// <summary>The generation of the latest assignment (-1 before one).</summary>
    public int Generation => _generation;

    /// <summary>The source offset store on offset.storage.topic (shared with the worker).</summary>
    public KafkaOffsetBackingStore OffsetStore => _offsets;

    /// <summary>The config store (snapshots for tests and tools).</summary>
    public KafkaConfigBackingStore ConfigStore => _configs;

    /// <summary>The status store.</summary>
    public KafkaStatusBackingStore StatusStore => _statuses;

    /// <summary>What this worker runs according to its latest assignment (a snapshot).</summary>
    public ConnectorsAndTasks Assignment => _protocol.Held is { } held ? new ConnectorsAndTasks(held.Connectors, held.Tasks) : ConnectorsAndTasks.Empty;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _admin = new AdminClient(_options.AdminConfig());
        var cluster = await _admin.DescribeClusterAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        _clusterId = cluster.ClusterId ?? "";
        await Task.WhenAll(
            _offsets.StartAsync(cancellationToken),
            _statuses.StartAsync(cancellationToken),
            _configs.StartAsync(cancellationToken)).ConfigureAwait(false);
        _loop = Task.Factory.StartNew(() => RunAsync(_stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>
    /// Stops as a crashed worker would look to the others: the loop and the heartbeats stop and
    /// the connectors and tasks are halted, but the group is not told (no LeaveGroup), so the
    /// coordinator drops the member only after session.timeout.ms.
    /// </summary>
    public async ValueTask AbandonAsync()
    {
        _abandoned = true;
        await DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await StopAllAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or KafkaException)
        {
            DistributedLog.LogTickFailed(_log, _options.WorkerId, e);
        }

        await _member.DisposeAsync().ConfigureAwait(false);
        if (_worker is IAsyncDisposable worker)
        {
            await worker.DisposeAsync().ConfigureAwait(false);
        }

        await _configs.DisposeAsync().ConfigureAwait(false);
        await _statuses.DisposeAsync().ConfigureAwait(false);
        await _offsets.DisposeAsync().ConfigureAwait(false);
        if (_admin is IAsyncDisposable admin)
        {
            await admin.DisposeAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private void Wake() => _wake.Release();

    private void RequestTaskReconfiguration(string connector)
    {
        _reconfigureRequests.Enqueue(connector);
        Wake();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var stable = await _member.PollAsync(TimeSpan.FromMilliseconds(500), stop).ConfigureAwait(false);
                if (_rejoinAt is { } at && _time.GetUtcNow() >= at)
                {
                    _rejoinAt = null;
                    _member.RequestRejoin("the leader scheduled a rebalance");
                    continue;
                }

                if (stable && _leadership is not null)
                {
                    await ProcessConfigEventsAsync(stop).ConfigureAwait(false);
                    await ProcessRequestsAsync(stop).ConfigureAwait(false);
                    await ReconfigureConnectorsAsync(stop).ConfigureAwait(false);
                }

                await _wake.WaitAsync(NextWait(), stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                DistributedLog.LogTickFailed(_log, _options.WorkerId, e);
                try
                {
                    await Task.Delay(250, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private TimeSpan NextWait()
    {
        var wait = MaxIdle;
        var now = _time.GetUtcNow();
        if (_rejoinAt is { } at)
        {
            wait = TimeSpan.FromTicks(Math.Max(0, Math.Min(wait.Ticks, (at - now).Ticks)));
        }

        if (_reconfigure.Count > 0)
        {
            wait = TimeSpan.FromTicks(Math.Max(0, Math.Min(wait.Ticks, (_reconfigureNotBefore - now).Ticks)));
        }

        return wait;
    }

    /// <summary>Runs <paramref name="work"/> on the herder loop and waits for it.</summary>
    private Task RunOnLoopAsync(Func<CancellationToken, Task> work)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests.Enqueue(async ct =>
        {
            try
            {
                await work(ct).ConfigureAwait(false);
                done.TrySetResult();
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
        });
        Wake();
        return done.Task;
    }

    private async Task ProcessRequestsAsync(CancellationToken stop)
    {
        while (_requests.TryDequeue(out var request))
        {
            await request(stop).ConfigureAwait(false);
        }
    }

    private sealed record Leadership(string LeaderId, string Url, bool IsSelf);
}
