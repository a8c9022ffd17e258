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
/// the group if polls stop for longer than the rebalance timeout.
/// </para>
/// <para>Threads: one poller at a time (PollAsync, LeaveAsync); the heartbeat loop; the join task.
/// Every field below <see cref="_gate"/> is guarded by it.</para>
/// </summary>
public sealed class GroupMember : IAsyncDisposable
{
    private readonly GroupMemberOptions _options;
    private readonly IGroupProtocol _protocol;
    private readonly ConnectionManager _connections;
    private readonly bool _ownsConnections;
    private readonly ILogger _log;
    private readonly GroupJoiner _joiner;
    private readonly HeartbeatLoop _heartbeat;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();

    private GroupMemberState _state;
    private int _generationId = -1;
    private string _memberId = "";
    private string? _protocolName;
    private string _leaderId = "";
    private bool _rejoinNeeded = true;
    private string _rejoinReason = "initial join";
    private bool _needsJoinPrepare = true;
    private Task<JoinOutcome>? _join;
    private KafkaException? _fatal;
    private long _lastPoll = Stopwatch.GetTimestamp();
    private long _lastHeartbeatSent;
    private long _lastHeartbeatOk;
    private bool _heartbeatInFlight;
    private int _failures;
    private long _joinNotBefore;
    private bool _closed;

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
        _heartbeat = new HeartbeatLoop(this, options, Coordinator, log);
        _heartbeat.Start(_stop.Token);
    }

    public string GroupId => _options.GroupId;

    public string? GroupInstanceId => _options.GroupInstanceId;

    /// <summary>Called from the heartbeat loop when <see cref="PollAsync"/> has work (a rebalance began, the membership was lost or failed).</summary>
    public Action? Wakeup { get; set; }

    public GroupMemberState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>The current generation (<see cref="GroupGeneration.None"/> when not a member).</summary>
    public GroupGeneration Generation
    {
        get
        {
            lock (_gate)
            {
                return GenerationLocked();
            }
        }
    }

    public string MemberId
    {
        get
        {
            lock (_gate)
            {
                return _memberId;
            }
        }
    }

    public string LeaderId
    {
        get
        {
            lock (_gate)
            {
                return _leaderId;
            }
        }
    }

    public bool IsLeader
    {
        get
        {
            lock (_gate)
            {
                return _state == GroupMemberState.Stable && _memberId.Length > 0 && _leaderId == _memberId;
            }
        }
    }

    internal CoordinatorLink Coordinator { get; }

    /// <summary>
    /// Joins or rejoins the group when needed and waits up to <paramref name="timeout"/> for it;
    /// true when the member is stable with a current assignment. The join keeps going in the
    /// background when the timeout passes first; the next call picks it up. Throws the member's
    /// fatal error (FENCED_INSTANCE_ID, INCONSISTENT_GROUP_PROTOCOL, ...) once it has one.
    /// </summary>
    public async Task<bool> PollAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = Deadline.After(timeout);
        Interlocked.Exchange(ref _lastPoll, Stopwatch.GetTimestamp());
        while (true)
        {
            Task<JoinOutcome>? join;
            bool prepare;
            bool stable;
            GroupGeneration previous;
            lock (_gate)
            {
                ThrowIfFailedLocked();
                join = _join;
                stable = join is null && _state == GroupMemberState.Stable && !_rejoinNeeded;
                prepare = join is null && _needsJoinPrepare;
                previous = GenerationLocked();
            }

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
                    lock (_gate)
                    {
                        _needsJoinPrepare = false;
                    }
                }

                if (!await WaitOutBackoffAsync(deadline, cancellationToken).ConfigureAwait(false))
                {
                    return false;
                }

                join = StartJoin();
            }

            if (!await deadline.WaitAsync(join, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            var outcome = join.IsCompletedSuccessfully
                ? join.Result
                : new JoinOutcome(ErrorCode.UnknownServerError, join.Exception?.InnerException?.Message ?? "the join was cancelled", "", -1, null, "", []);
            GroupGeneration joined;
            lock (_gate)
            {
                if (_join != join)
                {
                    // The membership was reset (left, fenced) while this round ran: its outcome is stale.
                    continue;
                }

                _join = null;
                if (!ApplyLocked(outcome))
                {
                    continue;
                }

                joined = GenerationLocked();
            }

            _heartbeat.Wake();
            await _protocol.OnJoinCompleteAsync(joined, outcome.Assignment, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The poll of a member that is stable with nothing to do: records the poll and returns true
    /// without allocating; false when <see cref="PollAsync"/> has work.
    /// </summary>
    internal bool TryPollFast()
    {
        lock (_gate)
        {
            if (_join is not null || _state != GroupMemberState.Stable || _rejoinNeeded || _fatal is not null)
            {
                return false;
            }
        }

        Interlocked.Exchange(ref _lastPoll, Stopwatch.GetTimestamp());
        return true;
    }

    /// <summary>Asks for a rebalance at the next <see cref="PollAsync"/> (the membership is kept).</summary>
    public void RequestRejoin(string reason)
    {
        lock (_gate)
        {
            if (!_rejoinNeeded)
            {
                _rejoinNeeded = true;
                _rejoinReason = reason;
            }
        }

        Wakeup?.Invoke();
    }

    /// <summary>
    /// Leaves the group on purpose: <see cref="IGroupProtocol.OnLeavePrepareAsync"/>, then
    /// LeaveGroup (dynamic members only: a static member's partitions wait for it until its
    /// session times out, KIP-345). A later <see cref="PollAsync"/> joins afresh.
    /// </summary>
    public async Task LeaveAsync(string reason, CancellationToken cancellationToken = default)
    {
        GroupGeneration generation;
        lock (_gate)
        {
            generation = GenerationLocked();
        }

        await _protocol.OnLeavePrepareAsync(generation, cancellationToken).ConfigureAwait(false);
        string memberId;
        lock (_gate)
        {
            memberId = _memberId;
            ResetLocked(resetMemberId: true, reason);
        }

        if (_options.GroupInstanceId is null && memberId.Length > 0 && Coordinator.IsKnown)
        {
            await SendLeaveGroupAsync(memberId, reason).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        bool left;
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            left = _memberId.Length == 0 && _state == GroupMemberState.Unjoined;
        }

        if (!left)
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

    /// <summary>
    /// Forgets the generation (and the member id) after a coordinator said it is stale
    /// (ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID on a commit): what was owned is lost, and the next
    /// poll rejoins.
    /// </summary>
    internal void ResetGeneration(bool resetMemberId, string reason)
    {
        lock (_gate)
        {
            ResetLocked(resetMemberId, reason);
        }

        Wakeup?.Invoke();
    }

    /// <summary>Marks the member as failed for good (FENCED_INSTANCE_ID from a commit).</summary>
    internal void Fail(KafkaException error)
    {
        lock (_gate)
        {
            _fatal ??= error;
        }

        GroupLog.Fatal(_log, _options.GroupId, error.Message);
        Wakeup?.Invoke();
    }

    internal HeartbeatPlan PlanHeartbeat(long now)
    {
        var interval = _options.HeartbeatInterval;
        lock (_gate)
        {
            if (_closed || _fatal is not null || _state != GroupMemberState.Stable)
            {
                return new HeartbeatPlan(HeartbeatAction.Wait, interval, default, default);
            }

            var sincePoll = Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastPoll), now);
            if (sincePoll > _options.RebalanceTimeout)
            {
                return new HeartbeatPlan(HeartbeatAction.PollExpired, TimeSpan.Zero, GenerationLocked(), sincePoll);
            }

            var sinceOk = Stopwatch.GetElapsedTime(_lastHeartbeatOk, now);
            if (sinceOk > _options.SessionTimeout)
            {
                _lastHeartbeatOk = now;
                return new HeartbeatPlan(HeartbeatAction.SessionExpired, _options.RetryBackoff, default, sincePoll);
            }

            var untilPollExpiry = _options.RebalanceTimeout - sincePoll + TimeSpan.FromMilliseconds(1);
            var sinceSent = Stopwatch.GetElapsedTime(_lastHeartbeatSent, now);
            if (!_heartbeatInFlight && sinceSent >= interval)
            {
                _heartbeatInFlight = true;
                _lastHeartbeatSent = now;
                return new HeartbeatPlan(HeartbeatAction.Send, Min(interval, untilPollExpiry), GenerationLocked(), sincePoll);
            }

            var untilNext = _heartbeatInFlight ? interval : interval - sinceSent;
            return new HeartbeatPlan(HeartbeatAction.Wait, Min(Min(untilNext, untilPollExpiry), _options.SessionTimeout - sinceOk), default, sincePoll);
        }
    }

    internal void OnHeartbeatAnswer(GroupGeneration generation, ErrorCode error)
    {
        var wake = false;
        lock (_gate)
        {
            _heartbeatInFlight = false;
            if (_state != GroupMemberState.Stable || generation.GenerationId != _generationId || generation.MemberId != _memberId)
            {
                return;
            }

            var now = Stopwatch.GetTimestamp();
            switch (error)
            {
                case ErrorCode.None:
                    _lastHeartbeatOk = now;
                    break;
                case ErrorCode.RebalanceInProgress:
                    _lastHeartbeatOk = now;
                    wake = !_rejoinNeeded;
                    _rejoinNeeded = true;
                    _rejoinReason = "the group is rebalancing";
                    break;
                case ErrorCode.IllegalGeneration:
                    ResetLocked(resetMemberId: false, "the generation is stale (ILLEGAL_GENERATION)");
                    wake = true;
                    break;
                case ErrorCode.UnknownMemberId:
                    ResetLocked(resetMemberId: true, "the coordinator no longer knows this member (UNKNOWN_MEMBER_ID)");
                    wake = true;
                    break;
                case ErrorCode.FencedInstanceId:
                    _fatal ??= new KafkaException(error, $"group.instance.id {_options.GroupInstanceId} was taken over by another member");
                    wake = true;
                    break;
                default:
                    // Coordinator moved, lost connection, ...: try again after retry.backoff.ms rather than a whole interval.
                    _lastHeartbeatSent = now - (long)((_options.HeartbeatInterval - _options.RetryBackoff).TotalSeconds * Stopwatch.Frequency);
                    break;
            }
        }

        if (wake)
        {
            Wakeup?.Invoke();
        }
    }

    internal async Task OnPollTimeoutAsync(TimeSpan sincePoll)
    {
        string memberId;
        lock (_gate)
        {
            if (_state != GroupMemberState.Stable)
            {
                return;
            }

            memberId = _memberId;
            ResetLocked(resetMemberId: true, "the poll timeout (max.poll.interval.ms) expired");
        }

        GroupLog.PollTimeout(_log, _options.GroupId, (long)sincePoll.TotalMilliseconds);
        if (_options.GroupInstanceId is null)
        {
            await SendLeaveGroupAsync(memberId, "consumer poll timeout has expired").ConfigureAwait(false);
        }

        Wakeup?.Invoke();
    }

    private Task<JoinOutcome> StartJoin()
    {
        lock (_gate)
        {
            ThrowIfFailedLocked();
            if (_join is null)
            {
                _state = GroupMemberState.Joining;
                _rejoinNeeded = false;
                GroupLog.Joining(_log, _options.GroupId, _rejoinReason);
                _join = _joiner.RunAsync(_memberId, _rejoinReason, _stop.Token);
            }

            return _join;
        }
    }

    private async Task<bool> WaitOutBackoffAsync(Deadline deadline, CancellationToken cancellationToken)
    {
        long notBefore;
        lock (_gate)
        {
            notBefore = _joinNotBefore;
        }

        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), notBefore);
        if (wait <= TimeSpan.Zero)
        {
            return true;
        }

        var remaining = deadline.Remaining;
        var enough = remaining == Timeout.InfiniteTimeSpan || remaining >= wait;
        await Task.Delay(enough ? wait : remaining, cancellationToken).ConfigureAwait(false);
        return enough;
    }

    /// <summary>Takes in a finished round; true when the member is now stable.</summary>
    private bool ApplyLocked(JoinOutcome outcome)
    {
        if (outcome.Succeeded)
        {
            var now = Stopwatch.GetTimestamp();
            (_memberId, _generationId, _protocolName, _leaderId) = (outcome.MemberId, outcome.GenerationId, outcome.ProtocolName, outcome.LeaderId);
            _state = GroupMemberState.Stable;
            _needsJoinPrepare = true;
            _failures = 0;
            _lastHeartbeatOk = now;
            _lastHeartbeatSent = now;
            GroupLog.Joined(_log, _options.GroupId, _generationId, _memberId, _leaderId, _protocolName);
            return true;
        }

        GroupLog.JoinFailed(_log, _options.GroupId, outcome.AsError.ToString());
        _state = GroupMemberState.Unjoined;
        _rejoinNeeded = true;
        _rejoinReason = "rejoining after " + ErrorCodes.Name(outcome.Error);
        var backoff = true;
        switch (outcome.Error)
        {
            case ErrorCode.MemberIdRequired or ErrorCode.RebalanceInProgress:
                _memberId = outcome.MemberId;
                backoff = false;
                break;
            case ErrorCode.UnknownMemberId:
                ResetLocked(resetMemberId: true, _rejoinReason);
                backoff = false;
                break;
            case ErrorCode.IllegalGeneration:
                ResetLocked(resetMemberId: false, _rejoinReason);
                backoff = false;
                break;
            case ErrorCode.FencedInstanceId or ErrorCode.InconsistentGroupProtocol or ErrorCode.InvalidSessionTimeout or ErrorCode.InvalidGroupId
                or ErrorCode.GroupAuthorizationFailed or ErrorCode.GroupMaxSizeReached or ErrorCode.UnsupportedVersion:
                _fatal = new KafkaException(outcome.Error, outcome.Message ?? $"JoinGroup/SyncGroup for group {_options.GroupId} failed");
                GroupLog.Fatal(_log, _options.GroupId, outcome.AsError.ToString());
                break;
            default:
                Coordinator.HandleError(outcome.Error);
                if (outcome.Error is ErrorCode.NetworkException or ErrorCode.RequestTimedOut)
                {
                    Coordinator.MarkUnknown(ErrorCodes.Name(outcome.Error));
                }

                _memberId = outcome.MemberId.Length > 0 ? outcome.MemberId : _memberId;
                break;
        }

        if (backoff)
        {
            _failures++;
            var ms = Math.Min(_options.RetryBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(_failures - 1, 10)), Math.Max(_options.RetryBackoff.TotalMilliseconds, _options.RetryBackoffMax.TotalMilliseconds));
            _joinNotBefore = Stopwatch.GetTimestamp() + (long)(ms / 1000 * Stopwatch.Frequency);
        }

        return false;
    }

    private void ResetLocked(bool resetMemberId, string reason)
    {
        _generationId = -1;
        _protocolName = null;
        _leaderId = "";
        if (resetMemberId)
        {
            _memberId = "";
        }

        _state = GroupMemberState.Unjoined;
        _join = null;
        _rejoinNeeded = true;
        _rejoinReason = reason;
        _needsJoinPrepare = true;
    }

    private GroupGeneration GenerationLocked() =>
        _generationId >= 0 ? new GroupGeneration(_generationId, _memberId, _protocolName) : GroupGeneration.None;

    private void ThrowIfFailedLocked()
    {
        if (_fatal is not null)
        {
            throw _fatal;
        }

        ObjectDisposedException.ThrowIf(_closed && _stop.IsCancellationRequested, this);
    }

    private async Task SendLeaveGroupAsync(string memberId, string reason)
    {
        GroupLog.Leaving(_log, _options.GroupId, memberId, reason);
        try
        {
            using var timeout = new CancellationTokenSource(_options.RequestTimeout);
            var (response, version) = await Coordinator.SendAsync<LeaveGroupResponse>(ApiKey.LeaveGroup, v =>
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

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
