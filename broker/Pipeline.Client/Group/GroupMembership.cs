using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Pipeline.Protocol;

namespace Pipeline.Client.Group;

/// <summary>
/// The state of a <see cref="GroupMember"/> and its transitions (Kafka's MemberState plus the
/// generation): who we are (member id, generation, protocol, leader), whether a rebalance is
/// wanted, the join round under way, the heartbeat and poll clocks, and a fatal error once there
/// is one. It does no I/O: the member's poller and the heartbeat loop ask it what to do and
/// report what happened.
/// <para>Threads: the poller, the heartbeat loop, join completions; every field is guarded by
/// <see cref="_gate"/> (the poll clock is written with Interlocked as well, for the fast path).</para>
/// </summary>
internal sealed class GroupMembership
{
    private readonly GroupMemberOptions _options;
    private readonly CoordinatorLink _coordinator;
    private readonly ILogger _log;
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

    public GroupMembership(GroupMemberOptions options, CoordinatorLink coordinator, ILogger log)
    {
        _options = options;
        _coordinator = coordinator;
        _log = log;
    }

    /// <summary>Called (outside the lock) when the poller has work: a rebalance began, the membership was lost or failed.</summary>
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

    public (string MemberId, string LeaderId, bool IsLeader) Identity
    {
        get
        {
            lock (_gate)
            {
                return (_memberId, _leaderId, _state == GroupMemberState.Stable && _memberId.Length > 0 && _leaderId == _memberId);
            }
        }
    }

    public long JoinNotBefore
    {
        get
        {
            lock (_gate)
            {
                return _joinNotBefore;
            }
        }
    }

    public void TouchPoll() => Interlocked.Exchange(ref _lastPoll, Stopwatch.GetTimestamp());

    /// <summary>Stable with nothing to do: records the poll and returns true (no allocation).</summary>
    public bool TryPollFast()
    {
        lock (_gate)
        {
            if (_join is not null || _state != GroupMemberState.Stable || _rejoinNeeded || _fatal is not null)
            {
                return false;
            }
        }

        TouchPoll();
        return true;
    }

    /// <summary>What the poller does next: nothing (stable), await the join under way, or prepare and start one. Throws a fatal error.</summary>
    public (bool Stable, Task<JoinOutcome>? Join, bool Prepare, GroupGeneration Previous) NextStep()
    {
        lock (_gate)
        {
            if (_fatal is not null)
            {
                throw _fatal;
            }

            return (_join is null && _state == GroupMemberState.Stable && !_rejoinNeeded, _join, _join is null && _needsJoinPrepare, GenerationLocked());
        }
    }

    public void PrepareDone()
    {
        lock (_gate)
        {
            _needsJoinPrepare = false;
        }
    }

    /// <summary>Starts a join round with <paramref name="start"/>(member id, reason) unless one is under way; returns the round.</summary>
    public Task<JoinOutcome> StartJoin(Func<string, string, Task<JoinOutcome>> start)
    {
        lock (_gate)
        {
            if (_fatal is not null)
            {
                throw _fatal;
            }

            if (_join is null)
            {
                _state = GroupMemberState.Joining;
                _rejoinNeeded = false;
                GroupLog.Joining(_log, _options.GroupId, _rejoinReason);
                _join = start(_memberId, _rejoinReason);
            }

            return _join;
        }
    }

    /// <summary>
    /// Takes in a finished round. False when it is stale (the membership was reset while it ran)
    /// or failed (then the state says what to do next); true with the new generation on success.
    /// </summary>
    public bool Complete(Task<JoinOutcome> join, JoinOutcome outcome, out GroupGeneration joined)
    {
        lock (_gate)
        {
            joined = default;
            if (_join != join)
            {
                return false;
            }

            _join = null;
            if (!ApplyLocked(outcome))
            {
                return false;
            }

            joined = GenerationLocked();
            return true;
        }
    }

    /// <summary>Asks for a rebalance at the next poll (the membership is kept); true when newly asked.</summary>
    public bool RequestRejoin(string reason)
    {
        lock (_gate)
        {
            if (_rejoinNeeded)
            {
                return false;
            }

            _rejoinNeeded = true;
            _rejoinReason = reason;
            return true;
        }
    }

    /// <summary>Forgets the generation (and the member id): whatever was owned is lost; returns the member id it had.</summary>
    public string Reset(bool resetMemberId, string reason)
    {
        lock (_gate)
        {
            var memberId = _memberId;
            ResetLocked(resetMemberId, reason);
            return memberId;
        }
    }

    public void Fail(KafkaException error)
    {
        lock (_gate)
        {
            _fatal ??= error;
        }
    }

    /// <summary>The heartbeat loop's next step, by the clocks: send, wait, leave (poll timeout) or drop the coordinator (session timeout).</summary>
    public HeartbeatPlan PlanHeartbeat(long now)
    {
        var interval = _options.HeartbeatInterval;
        lock (_gate)
        {
            if (_fatal is not null || _state != GroupMemberState.Stable)
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

    /// <summary>Applies a heartbeat's answer for <paramref name="generation"/> (ignored when the generation moved on); true when the poller should be woken.</summary>
    public bool OnHeartbeatAnswer(GroupGeneration generation, ErrorCode error)
    {
        lock (_gate)
        {
            _heartbeatInFlight = false;
            if (_state != GroupMemberState.Stable || generation.GenerationId != _generationId || generation.MemberId != _memberId)
            {
                return false;
            }

            var now = Stopwatch.GetTimestamp();
            switch (error)
            {
                case ErrorCode.None:
                    _lastHeartbeatOk = now;
                    return false;
                case ErrorCode.RebalanceInProgress:
                    _lastHeartbeatOk = now;
                    var wake = !_rejoinNeeded;
                    _rejoinNeeded = true;
                    _rejoinReason = "the group is rebalancing";
                    return wake;
                case ErrorCode.IllegalGeneration:
                    ResetLocked(resetMemberId: false, "the generation is stale (ILLEGAL_GENERATION)");
                    return true;
                case ErrorCode.UnknownMemberId:
                    ResetLocked(resetMemberId: true, "the coordinator no longer knows this member (UNKNOWN_MEMBER_ID)");
                    return true;
                case ErrorCode.FencedInstanceId:
                    _fatal ??= new KafkaException(error, $"group.instance.id {_options.GroupInstanceId} was taken over by another member");
                    return true;
                default:
                    // Coordinator moved, lost connection, ...: try again after retry.backoff.ms rather than a whole interval.
                    _lastHeartbeatSent = now - (long)((_options.HeartbeatInterval - _options.RetryBackoff).TotalSeconds * Stopwatch.Frequency);
                    return false;
            }
        }
    }

    /// <summary>The poll timeout fired: leaves the generation; false when the member was not stable any more.</summary>
    public bool TryExpirePoll(out string memberId)
    {
        lock (_gate)
        {
            memberId = _memberId;
            if (_state != GroupMemberState.Stable)
            {
                return false;
            }

            ResetLocked(resetMemberId: true, "the poll timeout (max.poll.interval.ms) expired");
            return true;
        }
    }

    /// <summary>True when never joined or already left (nothing to leave on close).</summary>
    public bool IsOut
    {
        get
        {
            lock (_gate)
            {
                return _memberId.Length == 0 && _state == GroupMemberState.Unjoined;
            }
        }
    }

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
            case ErrorCode.UnknownMemberId or ErrorCode.IllegalGeneration:
                // What was owned is lost: the next round's prepare says so.
                ResetLocked(resetMemberId: outcome.Error == ErrorCode.UnknownMemberId, _rejoinReason);
                backoff = false;
                break;
            case ErrorCode.FencedInstanceId or ErrorCode.InconsistentGroupProtocol or ErrorCode.InvalidSessionTimeout or ErrorCode.InvalidGroupId
                or ErrorCode.GroupAuthorizationFailed or ErrorCode.GroupMaxSizeReached or ErrorCode.UnsupportedVersion:
                _fatal = new KafkaException(outcome.Error, outcome.Message ?? $"JoinGroup/SyncGroup for group {_options.GroupId} failed");
                GroupLog.Fatal(_log, _options.GroupId, outcome.AsError.ToString());
                break;
            default:
                if (!_coordinator.HandleError(outcome.Error) && outcome.Error is ErrorCode.NetworkException or ErrorCode.RequestTimedOut)
                {
                    _coordinator.MarkUnknown(ErrorCodes.Name(outcome.Error));
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

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
