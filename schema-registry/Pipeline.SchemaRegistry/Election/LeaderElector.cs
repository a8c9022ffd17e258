using Microsoft.Extensions.Logging;
using Pipeline.Client;
using Pipeline.Client.Group;
using Pipeline.SchemaRegistry.Store;

namespace Pipeline.SchemaRegistry.Election;

/// <summary>
/// Elects one primary among the registry instances through Kafka group membership (Confluent's
/// KafkaGroupLeaderElector): every instance joins <c>schema.registry.group.id</c> with the "sr"
/// protocol and learns the primary from the assignment. Runs a poll loop on its own task; the
/// status properties are read by request threads (volatile snapshot of one immutable record).
/// When this instance becomes primary the store forgets its last written offset, so the first
/// write catches up with a NOOP before deciding anything.
/// </summary>
public sealed class LeaderElector : ILeaderStatus, IAsyncDisposable
{
    private readonly SchemaRegistryOptions _options;
    private readonly KafkaStore _store;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private int _disposed;
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private volatile Snapshot _current = new(null, false);
    private GroupMember? _member;
    private Task? _loop;
    private SchemaRegistryIdentity? _self;

    public LeaderElector(SchemaRegistryOptions options, KafkaStore store, ILoggerFactory loggers)
    {
        _options = options;
        _store = store;
        _loggers = loggers;
        _log = loggers.CreateLogger("Pipeline.SchemaRegistry.Election");
    }

    public bool IsLeader => _current.IsLeader;

    public SchemaRegistryIdentity? Leader => _current.Leader;

    /// <summary>This instance's identity (known once <see cref="Start"/> ran).</summary>
    public SchemaRegistryIdentity? Self => _self;

    /// <summary>Raised on the election task after each completed rebalance.</summary>
    public event Action? Changed;

    public void Start(SchemaRegistryIdentity self)
    {
        _self = self;
        var memberOptions = GroupMemberOptions.Default with
        {
            BootstrapServers = _options.BootstrapServers,
            ClientId = "schema-registry-election",
            GroupId = _options.GroupId,
            SessionTimeout = _options.GroupSessionTimeout,
            HeartbeatInterval = _options.GroupHeartbeatInterval,
            RebalanceTimeout = TimeSpan.FromSeconds(30),
        };
        _member = new GroupMember(memberOptions, new SchemaRegistryProtocol(self, OnAssigned), _loggers)
        {
            Wakeup = () => _wake.Release(),
        };
        _loop = Task.Run(() => RunAsync(_member, _stop.Token));
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        if (_member is not null)
        {
            try
            {
                using var leave = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                await _member.LeaveAsync("the schema registry is shutting down", leave.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is KafkaException or OperationCanceledException or TimeoutException)
            {
            }

            await _member.DisposeAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task RunAsync(GroupMember member, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await member.PollAsync(TimeSpan.FromSeconds(1), stop).ConfigureAwait(false);
                await _wake.WaitAsync(TimeSpan.FromMilliseconds(250), stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is KafkaException or InvalidOperationException or TimeoutException)
            {
                SchemaRegistryLog.ElectionFailed(_log, e);
                try
                {
                    await Task.Delay(500, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void OnAssigned(SchemaRegistryAssignment? assignment, string memberId)
    {
        var before = _current;
        Snapshot next;
        if (assignment is null)
        {
            next = new Snapshot(null, false);
        }
        else if (assignment.Error == SchemaRegistryAssignment.DuplicateUrls)
        {
            SchemaRegistryLog.DuplicateUrls(_log);
            next = new Snapshot(null, false);
        }
        else
        {
            next = new Snapshot(assignment.LeaderIdentity, assignment.LeaderMemberId is not null && assignment.LeaderMemberId == memberId);
            if (assignment.LeaderIdentity is null)
            {
                SchemaRegistryLog.NoLeader(_log);
            }
        }

        if (next.IsLeader && !before.IsLeader)
        {
            _store.MarkLastWrittenOffsetInvalid();
        }

        _current = next;
        if (assignment is not null && next.Leader is { } leader)
        {
            SchemaRegistryLog.LeaderChanged(_log, leader.Url, _self?.Url ?? "?", next.IsLeader);
        }

        Changed?.Invoke();
    }

    private sealed record Snapshot(SchemaRegistryIdentity? Leader, bool IsLeader);
}
