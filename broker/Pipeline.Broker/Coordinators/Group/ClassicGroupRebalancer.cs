using Microsoft.Extensions.Logging;
using Pipeline.Broker.Coordinators.Group.Records;
using Pipeline.Broker.Coordinators.Runtime;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using GroupResult = Pipeline.Broker.Coordinators.Runtime.CoordinatorResult<Pipeline.Broker.Coordinators.Group.Records.GroupCoordinatorRecord, Pipeline.Broker.Coordinators.Runtime.NoResponse>;

namespace Pipeline.Broker.Coordinators.Group;

/// <summary>
/// The rebalance of classic groups and its timers, as Kafka's GroupMetadataManager runs them:
/// <list type="bullet">
/// <item>join phase: PreparingRebalance until every member rejoined or the rebalance timeout (the
/// largest of the members') expired; an empty group first waits
/// <c>group.initial.rebalance.delay.ms</c>, extended while new members keep arriving;</item>
/// <item>completion: members that did not rejoin are removed (static ones stay), the leader is
/// kept if it rejoined, the generation moves on and every parked JoinGroup is answered;</item>
/// <item>sync phase: members that do not send SyncGroup within the rebalance timeout are removed
/// and a new rebalance starts;</item>
/// <item>sessions: a member without heartbeat (or join/sync) within its session timeout is removed.</item>
/// </list>
/// Runs on the shard's loop; timer keys are Kafka's (<c>heartbeat-G-M</c>, <c>join-G</c>, <c>sync-G</c>).
/// </summary>
public sealed class ClassicGroupRebalancer
{
    private static readonly GroupResult EmptyResult = new([], default);

    private readonly GroupMetadataManager _groups;
    private readonly ICoordinatorShardContext<GroupCoordinatorRecord> _context;
    private readonly GroupCoordinatorConfig _config;
    private readonly ILogger _logger;

    public ClassicGroupRebalancer(GroupMetadataManager groups, ICoordinatorShardContext<GroupCoordinatorRecord> context, GroupCoordinatorConfig config, ILogger logger)
    {
        _groups = groups;
        _context = context;
        _config = config;
        _logger = logger;
    }

    public static GroupResult Empty => EmptyResult;

    private ICoordinatorTimer<GroupCoordinatorRecord> Timer => _context.Timer;

    public static string HeartbeatKey(string groupId, string memberId) => $"heartbeat-{groupId}-{memberId}";

    public static string JoinKey(string groupId) => $"join-{groupId}";

    public static string SyncKey(string groupId) => $"sync-{groupId}";

    public GroupResult MaybePrepareRebalanceOrCompleteJoin(ClassicGroup group, string reason) =>
        group.CanRebalance ? PrepareRebalance(group, reason) : MaybeCompleteJoinPhase(group);

    public GroupResult PrepareRebalance(ClassicGroup group, string reason)
    {
        // Members waiting for their assignment are told to rejoin.
        if (group.IsInState(ClassicGroupState.CompletingRebalance))
        {
            ResetAndPropagateAssignmentWithError(group, ErrorCode.RebalanceInProgress);
        }

        RemoveSyncExpiration(group);
        var initial = group.IsInState(ClassicGroupState.Empty);
        if (initial)
        {
            var delay = _config.InitialRebalanceDelayMs;
            var remaining = Math.Max(group.RebalanceTimeoutMs - delay, 0);
            ScheduleInitialRebalance(group.GroupId, delay, remaining);
        }

        GroupCoordinatorLog.PreparingRebalance(_logger, group.GroupId, ClassicGroupStates.Name(group.State), group.GenerationId, reason);
        group.TransitionTo(ClassicGroupState.PreparingRebalance);
        return initial ? EmptyResult : MaybeCompleteJoinElseSchedule(group);
    }

    /// <summary>Completes the join phase when everyone rejoined (not during the initial delay).</summary>
    public GroupResult MaybeCompleteJoinPhase(ClassicGroup group)
    {
        if (!group.IsInState(ClassicGroupState.PreparingRebalance)
            || group.PreviousState == ClassicGroupState.Empty
            || !group.HasAllMembersJoined)
        {
            return EmptyResult;
        }

        return CompleteJoin(group);
    }

    public GroupResult CompleteJoin(ClassicGroup group)
    {
        Timer.Cancel(JoinKey(group.GroupId));
        var removed = new List<string>();
        foreach (var m in group.NotYetRejoinedMembers())
        {
            if (!m.IsStatic)
            {
                group.Remove(m.MemberId);
                Timer.Cancel(HeartbeatKey(group.GroupId, m.MemberId));
                removed.Add(m.MemberId);
            }
        }

        if (removed.Count > 0)
        {
            GroupCoordinatorLog.RemovedNotRejoined(_logger, group.GroupId, string.Join(", ", removed));
        }

        if (group.IsInState(ClassicGroupState.Dead) || !group.IsInState(ClassicGroupState.PreparingRebalance))
        {
            return EmptyResult;
        }

        if (!group.MaybeElectNewJoinedLeader() && group.MemberCount > 0)
        {
            // Only static members that did not rejoin are left: wait another rebalance timeout
            // (their sessions may expire meanwhile).
            var groupId = group.GroupId;
            Timer.Schedule(JoinKey(groupId), TimeSpan.FromMilliseconds(group.RebalanceTimeoutMs), () => CompleteJoin(groupId));
            return EmptyResult;
        }

        group.InitNextGeneration();
        if (group.IsEmpty)
        {
            GroupCoordinatorLog.NowEmpty(_logger, group.GroupId, group.GenerationId);
            var record = GroupRecords.GroupMetadata(group, new Dictionary<string, byte[]>());
            return new GroupResult([record], default, replayRecords: false, appendCallback: e => LogStoreFailure(group, e));
        }

        GroupCoordinatorLog.Stabilized(_logger, group.GroupId, group.GenerationId, group.MemberCount);
        foreach (var member in group.Members.ToList())
        {
            var response = new JoinGroupResponse
            {
                MemberId = member.MemberId,
                GenerationId = group.GenerationId,
                ProtocolName = group.ProtocolName,
                ProtocolType = group.ProtocolType,
                Leader = group.LeaderId ?? string.Empty,
                SkipAssignment = false,
                Members = group.IsLeader(member.MemberId) ? group.CurrentMembersForLeader() : [],
            };
            group.CompleteJoin(member, response);
            RescheduleHeartbeat(group, member);
            member.IsNew = false;
            group.AddPendingSyncMember(member.MemberId);
        }

        SchedulePendingSync(group);
        return EmptyResult;
    }

    public void RescheduleHeartbeat(ClassicGroup group, ClassicGroupMember member) => RescheduleHeartbeat(group, member, member.SessionTimeoutMs);

    public void RescheduleHeartbeat(ClassicGroup group, ClassicGroupMember member, int timeoutMs)
    {
        var groupId = group.GroupId;
        var memberId = member.MemberId;
        Timer.Schedule(HeartbeatKey(groupId, memberId), TimeSpan.FromMilliseconds(timeoutMs), () => ExpireHeartbeat(groupId, memberId));
    }

    /// <summary>Schedules the session of a member that still has to join with its new id (MEMBER_ID_REQUIRED).</summary>
    public void SchedulePendingMemberExpiration(string groupId, string memberId, int sessionTimeoutMs) =>
        Timer.Schedule(HeartbeatKey(groupId, memberId), TimeSpan.FromMilliseconds(sessionTimeoutMs), () => ExpireHeartbeat(groupId, memberId));

    public void CancelHeartbeat(string groupId, string memberId) => Timer.Cancel(HeartbeatKey(groupId, memberId));

    /// <summary>Removes a member (its parked JoinGroup gets UNKNOWN_MEMBER_ID) and moves the rebalance on.</summary>
    public GroupResult RemoveMemberAndUpdateGroup(ClassicGroup group, ClassicGroupMember member, string reason)
    {
        group.CompleteJoin(member, JoinError(ErrorCode.UnknownMemberId, string.Empty));
        group.Remove(member.MemberId);
        if (group.IsInState(ClassicGroupState.Stable) || group.IsInState(ClassicGroupState.CompletingRebalance))
        {
            return MaybePrepareRebalanceOrCompleteJoin(group, reason);
        }

        if (group.IsInState(ClassicGroupState.PreparingRebalance) && group.HasAllMembersJoined)
        {
            return CompleteJoin(group);
        }

        return EmptyResult;
    }

    public void ResetAndPropagateAssignmentWithError(ClassicGroup group, ErrorCode error)
    {
        foreach (var m in group.Members)
        {
            m.Assignment = [];
        }

        PropagateAssignment(group, error);
    }

    public void SetAndPropagateAssignment(ClassicGroup group, IReadOnlyDictionary<string, byte[]> assignment)
    {
        foreach (var m in group.Members)
        {
            m.Assignment = assignment.TryGetValue(m.MemberId, out var a) ? a : [];
        }

        PropagateAssignment(group, ErrorCode.None);
    }

    /// <summary>Answers every parked SyncGroup; a member answered starts a fresh session.</summary>
    private void PropagateAssignment(ClassicGroup group, ErrorCode error)
    {
        foreach (var m in group.Members)
        {
            var response = new SyncGroupResponse
            {
                ErrorCode = (short)error,
                ProtocolType = error == ErrorCode.None ? group.ProtocolType : null,
                ProtocolName = error == ErrorCode.None ? group.ProtocolName : null,
                Assignment = m.Assignment,
            };
            if (group.CompleteSync(m, response))
            {
                RescheduleHeartbeat(group, m);
            }
        }
    }

    public void RemovePendingSyncMember(ClassicGroup group, string memberId)
    {
        group.RemovePendingSyncMember(memberId);
        var done = group.State switch
        {
            ClassicGroupState.CompletingRebalance or ClassicGroupState.Stable => group.HasReceivedSyncFromAllMembers,
            _ => true,
        };
        if (done)
        {
            Timer.Cancel(SyncKey(group.GroupId));
        }
    }

    /// <summary>After a load: every member gets a fresh session; a group over <c>group.max.size</c> rebalances.</summary>
    public void OnLoaded()
    {
        foreach (var group in _groups.Groups.ToList())
        {
            foreach (var m in group.Members)
            {
                RescheduleHeartbeat(group, m);
            }

            if (group.MemberCount > _config.MaxSize)
            {
                PrepareRebalance(group, $"Freshly-loaded group {group.GroupId} (size {group.MemberCount}) is over capacity {_config.MaxSize}");
            }
        }
    }

    /// <summary>The shard is leaving: groups die and their parked requests get NOT_COORDINATOR.</summary>
    public void OnUnloaded()
    {
        foreach (var group in _groups.Groups)
        {
            var previous = group.State;
            group.TransitionTo(ClassicGroupState.Dead);
            foreach (var m in group.Members.ToList())
            {
                if (previous == ClassicGroupState.PreparingRebalance)
                {
                    group.CompleteJoin(m, JoinError(ErrorCode.NotCoordinator, m.MemberId));
                }
                else if (previous is ClassicGroupState.CompletingRebalance or ClassicGroupState.Stable)
                {
                    group.CompleteSync(m, new SyncGroupResponse { ErrorCode = (short)ErrorCode.NotCoordinator });
                }
            }
        }
    }

    public static JoinGroupResponse JoinError(ErrorCode error, string memberId) => new()
    {
        ErrorCode = (short)error,
        MemberId = memberId,
        GenerationId = -1,
        ProtocolType = null,
        ProtocolName = null,
        Leader = string.Empty,
    };

    private GroupResult MaybeCompleteJoinElseSchedule(ClassicGroup group)
    {
        if (group.HasAllMembersJoined)
        {
            return CompleteJoin(group);
        }

        var groupId = group.GroupId;
        Timer.Schedule(JoinKey(groupId), TimeSpan.FromMilliseconds(group.RebalanceTimeoutMs), () => CompleteJoin(groupId));
        return EmptyResult;
    }

    private GroupResult CompleteJoin(string groupId) => _groups.Get(groupId) is { } group ? CompleteJoin(group) : EmptyResult;

    private void ScheduleInitialRebalance(string groupId, int delayMs, int remainingMs) =>
        Timer.Schedule(JoinKey(groupId), TimeSpan.FromMilliseconds(delayMs), () => TryCompleteInitialRebalanceElseSchedule(groupId, delayMs, remainingMs));

    /// <summary>The initial delay ran out: complete the join, or wait again if new members came (within the rebalance timeout).</summary>
    private GroupResult TryCompleteInitialRebalanceElseSchedule(string groupId, int delayMs, int remainingMs)
    {
        if (_groups.Get(groupId) is not { } group)
        {
            return EmptyResult;
        }

        if (group.NewMemberAdded && remainingMs != 0)
        {
            group.NewMemberAdded = false;
            var nextDelay = Math.Min(_config.InitialRebalanceDelayMs, remainingMs);
            var nextRemaining = Math.Max(remainingMs - delayMs, 0);
            ScheduleInitialRebalance(groupId, nextDelay, nextRemaining);
            return EmptyResult;
        }

        return CompleteJoin(group);
    }

    private void SchedulePendingSync(ClassicGroup group)
    {
        var groupId = group.GroupId;
        var generation = group.GenerationId;
        Timer.Schedule(SyncKey(groupId), TimeSpan.FromMilliseconds(group.RebalanceTimeoutMs), () => ExpirePendingSync(groupId, generation));
    }

    private void RemoveSyncExpiration(ClassicGroup group)
    {
        group.ClearPendingSyncMembers();
        Timer.Cancel(SyncKey(group.GroupId));
    }

    /// <summary>Members of this generation that never sent SyncGroup are removed and the group rebalances.</summary>
    private GroupResult ExpirePendingSync(string groupId, int generation)
    {
        if (_groups.Get(groupId) is not { } group || group.GenerationId != generation)
        {
            return EmptyResult;
        }

        if (!(group.IsInState(ClassicGroupState.CompletingRebalance) || group.IsInState(ClassicGroupState.Stable)) || group.HasReceivedSyncFromAllMembers)
        {
            return EmptyResult;
        }

        var pending = group.PendingSyncMembers.ToList();
        foreach (var memberId in pending)
        {
            group.Remove(memberId);
            CancelHeartbeat(groupId, memberId);
        }

        return PrepareRebalance(group, $"Removing [{string.Join(", ", pending)}] on pending sync request expiration");
    }

    private GroupResult ExpireHeartbeat(string groupId, string memberId)
    {
        if (_groups.Get(groupId) is not { } group || group.IsInState(ClassicGroupState.Dead))
        {
            return EmptyResult;
        }

        if (group.IsPendingMember(memberId))
        {
            group.Remove(memberId);
            return group.IsInState(ClassicGroupState.PreparingRebalance) && group.HasAllMembersJoined ? CompleteJoin(group) : EmptyResult;
        }

        if (!group.TryGetMember(memberId, out var member) || member.HasSatisfiedHeartbeat)
        {
            return EmptyResult;
        }

        GroupCoordinatorLog.MemberExpired(_logger, memberId, groupId);
        return RemoveMemberAndUpdateGroup(group, member, $"removing member {memberId} on heartbeat expiration");
    }

    private void LogStoreFailure(ClassicGroup group, Exception? error)
    {
        if (error is not null)
        {
            GroupCoordinatorLog.StoreFailed(_logger, group.GroupId, error.Message);
        }
    }
}
