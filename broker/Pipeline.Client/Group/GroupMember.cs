using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Client.Network;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Client.Group;

/// <summary>
/// A member of a group under the classic protocol, for any protocol type (Kafka's
/// AbstractCoordinator): the consumer runs it with "consumer", Connect with "connect", the schema
/// registry for its primary election. What the group is for comes from an <see cref="IGroupProtocol"/>.
/// <para>
/// The application drives rebalances by calling <see cref="PollAsync"/> regularly, as it would
/// call a Kafka consumer's poll: that is where the member (re)joins and where the protocol's
/// callbacks run. A <see cref="HeartbeatLoop"/> keeps the membership alive in between and leaves
/// the group if polls stop for longer than the rebalance timeout. The state lives in
/// <see cref="GroupMembership"/>; a join round is a <see cref="GroupJoiner"/> run.
/// </para>
/// <para>Threads: one poller at a time (PollAsync, LeaveAsync); the heartbeat loop; the join task.</para>
/// </summary>
public sealed class GroupMember : IAsyncDisposable
{
    private readonly GroupMemberOptions _options;
    private readonly IGroupProtocol _protocol;
    private readonly ConnectionManager _connections;
    private readonly bool _ownsConnections;
    private readonly ILogger _log;
    private readonly GroupJoiner _joiner;
    private readonly GroupMembership _membership;
    private readonly HeartbeatLoop _heartbeat;
    private readonly CancellationTokenSource _stop = new();
    private int _closed;

    public GroupMember(GroupMemberOptions options, IGroupProtocol protocol, ILoggerFactory? loggerFactory = null)
        : this(options, protocol, null, null, (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Pipeline.Client.Group"))
    {
    }

    /// <summary>A member sharing a client's connections (and its coordinator link, for commits).</summary>
    internal GroupMember(GroupMemberOptions options, IGroupProtocol protocol, ConnectionManager? connections, CoordinatorLink? coordinator, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(protocol);
        options.Validate();
        _options = options;
        _protocol = protocol;
        _log = log;
        _ownsConnections = connections is null;
        _connections = connections ?? new ConnectionManager(options.BootstrapAddresses, ConnectionSettings.From(options), log);
        Coordinator = coordinator ?? new CoordinatorLink(_connections, options.GroupId, options.RetryBackoff, log);
        _joiner = new GroupJoiner(options, protocol, Coordinator, log);
        _membership = new GroupMembership(options, Coordinator, log);
        _heartbeat = new HeartbeatLoop(this, _membership, options, Coordinator, log);
        _heartbeat.Start(_stop.Token);
    }

    public string GroupId => _options.GroupId;

    public string? GroupInstanceId => _options.GroupInstanceId;

    /// <summary>Called from the heartbeat loop when <see cref="PollAsync"/> has work (a rebalance began, the membership was lost or failed).</summary>
    public Action? Wakeup
    {
        get => _membership.Wakeup;
        set => _membership.Wakeup = value;
    }

    public GroupMemberState State => _membership.State;

    /// <summary>The current generation (<see cref="GroupGeneration.None"/> when not a member).</summary>
    public GroupGeneration Generation => _membership.Generation;

    public string MemberId => _membership.Identity.MemberId;

    public string LeaderId => _membership.Identity.LeaderId;

    public bool IsLeader => _membership.Identity.IsLeader;

    internal CoordinatorLink Coordinator { get; }

    /// <summary>
    /// Joins or rejoins the group when needed and waits up to <paramref name="timeout"/> for it;
    /// true when the member is stable with a current assignment. The join keeps going in the
    /// background when the timeout passes first; the next call picks it up. Throws the member's
    /// fatal error (FENCED_INSTANCE_ID, INCONSISTENT_GROUP_PROTOCOL, ...) once it has one.
    /// </summary>
    public async Task<bool> PollAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
        var deadline = Deadline.After(timeout);
        _membership.TouchPoll();
        while (true)
        {
            var (stable, join, prepare, previous) = _membership.NextStep();
            if (stable)
            {
                if (!_protocol.RejoinNeeded)
                {
                    return true;
                }

                RequestRejoin("the group's subscription or metadata changed");
                continue;
            }

            if (join is null)
            {
                if (!await Coordinator.EnsureKnownAsync(deadline, cancellationToken).ConfigureAwait(false))
                {
                    return false;
                }

                if (prepare)
                {
                    await _protocol.OnJoinPrepareAsync(previous, cancellationToken).ConfigureAwait(false);
                    _membership.PrepareDone();
                }

                if (!await WaitOutBackoffAsync(deadline, cancellationToken).ConfigureAwait(false))
                {
                    return false;
                }

                join = _membership.StartJoin((memberId, reason) => _joiner.RunAsync(memberId, reason, _stop.Token));
            }

            if (!await deadline.WaitAsync(join, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            var outcome = join.IsCompletedSuccessfully
                ? join.Result
                : new JoinOutcome(ErrorCode.UnknownServerError, join.Exception?.InnerException?.Message ?? "the join was cancelled", "", -1, null, "", []);
            if (_membership.Complete(join, outcome, out var joined))
            {
                _heartbeat.Wake();
                await _protocol.OnJoinCompleteAsync(joined, outcome.Assignment, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Asks for a rebalance at the next <see cref="PollAsync"/> (the membership is kept).</summary>
    public void RequestRejoin(string reason)
    {
        _membership.RequestRejoin(reason);
        Wakeup?.Invoke();
    }

    /// <summary>
    /// Leaves the group on purpose: <see cref="IGroupProtocol.OnLeavePrepareAsync"/>, then
    /// LeaveGroup (dynamic members only: a static member's partitions wait for it until its
    /// session times out, KIP-345). A later <see cref="PollAsync"/> joins afresh.
    /// </summary>
    public async Task LeaveAsync(string reason, CancellationToken cancellationToken = default)
    {
        await _protocol.OnLeavePrepareAsync(_membership.Generation, cancellationToken).ConfigureAwait(false);
        var memberId = _membership.Reset(resetMemberId: true, reason);
        if (_options.GroupInstanceId is null && memberId.Length > 0 && Coordinator.IsKnown)
        {
            await SendLeaveGroupAsync(memberId, reason).ConfigureAwait(false);
        }
    }

    /// <summary>Leaves the group (as <see cref="LeaveAsync"/>, unless never joined or already left) and stops the heartbeats.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        if (!_membership.IsOut)
        {
            try
            {
                using var timeout = new CancellationTokenSource(_options.RequestTimeout);
                await LeaveAsync("the member is closing", timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is KafkaException or OperationCanceledException)
            {
                // Best effort: the coordinator drops the member after its session timeout anyway.
            }
        }

        _stop.Cancel();
        await _heartbeat.StopAsync().ConfigureAwait(false);
        if (_ownsConnections)
        {
            await _connections.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The poll of a member that is stable with nothing to do: records the poll and returns true without allocating.</summary>
    internal bool TryPollFast() => _membership.TryPollFast();

    /// <summary>
    /// Forgets the generation (and the member id) after a coordinator said it is stale
    /// (ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID on a commit): what was owned is lost, and the next
    /// poll rejoins.
    /// </summary>
    internal void ResetGeneration(bool resetMemberId, string reason)
    {
        _membership.Reset(resetMemberId, reason);
        Wakeup?.Invoke();
    }

    /// <summary>Marks the member as failed for good (FENCED_INSTANCE_ID from a commit).</summary>
    internal void Fail(KafkaException error)
    {
        _membership.Fail(error);
        GroupLog.Fatal(_log, _options.GroupId, error.Message);
        Wakeup?.Invoke();
    }

    /// <summary>The heartbeat loop saw no poll for the rebalance timeout: leave (dynamic members) so the partitions move on.</summary>
    internal async Task OnPollTimeoutAsync(TimeSpan sincePoll)
    {
        if (!_membership.TryExpirePoll(out var memberId))
        {
            return;
        }

        GroupLog.PollTimeout(_log, _options.GroupId, (long)sincePoll.TotalMilliseconds);
        if (_options.GroupInstanceId is null)
        {
            await SendLeaveGroupAsync(memberId, "consumer poll timeout has expired").ConfigureAwait(false);
        }

        Wakeup?.Invoke();
    }

    private async Task<bool> WaitOutBackoffAsync(Deadline deadline, CancellationToken cancellationToken)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), _membership.JoinNotBefore);
        if (wait <= TimeSpan.Zero)
        {
            return true;
        }

        var remaining = deadline.Remaining;
        var enough = remaining == Timeout.InfiniteTimeSpan || remaining >= wait;
        await Task.Delay(enough ? wait : remaining, cancellationToken).ConfigureAwait(false);
        return enough;
    }

    private async Task SendLeaveGroupAsync(string memberId, string reason)
    {
        GroupLog.Leaving(_log, _options.GroupId, memberId, reason);
        try
        {
            using var timeout = new CancellationTokenSource(_options.RequestTimeout);
            var (response, _) = await Coordinator.SendAsync<LeaveGroupResponse>(ApiKey.LeaveGroup, v =>
            {
                var request = new LeaveGroupRequest { GroupId = _options.GroupId, MemberId = memberId };
                if (v >= 3)
                {
                    request.Members.Add(new LeaveGroupRequest.MemberIdentity { MemberId = memberId, GroupInstanceId = _options.GroupInstanceId, Reason = reason });
                }

                return request;
            }, null, timeout.Token).ConfigureAwait(false);
            Coordinator.HandleError((ErrorCode)response.ErrorCode);
        }
        catch (Exception e) when (e is KafkaException or OperationCanceledException)
        {
            // Best effort: the session timeout removes the member otherwise.
        }
    }
}
