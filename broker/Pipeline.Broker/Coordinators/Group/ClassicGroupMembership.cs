using Pipeline.Broker.Coordinators.Group.Records;
using Pipeline.Broker.Coordinators.Runtime;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using GroupResult = Pipeline.Broker.Coordinators.Runtime.CoordinatorResult<Pipeline.Broker.Coordinators.Group.Records.GroupCoordinatorRecord, Pipeline.Broker.Coordinators.Runtime.NoResponse>;

namespace Pipeline.Broker.Coordinators.Group;

/// <summary>
/// SyncGroup, Heartbeat and LeaveGroup of classic groups, Kafka's rules:
/// <list type="bullet">
/// <item>SyncGroup: followers park until the leader's assignment is stored (group metadata
/// record), then every parked member gets its part and the group is Stable; during a new
/// rebalance the answer is REBALANCE_IN_PROGRESS; a stale generation ILLEGAL_GENERATION;</item>
/// <item>Heartbeat: refreshes the session; REBALANCE_IN_PROGRESS tells the member to rejoin;</item>
/// <item>LeaveGroup (v3+: a batch, by member id or by instance id alone): members leave and the
/// group rebalances.</item>
/// </list>
/// Runs on the shard's loop.
/// </summary>
public sealed class ClassicGroupMembership
{
    private readonly GroupMetadataManager _groups;
    private readonly ClassicGroupRebalancer _rebalancer;
    private readonly ICoordinatorShardContext<GroupCoordinatorRecord> _context;
    private readonly Microsoft.Extensions.Logging.ILogger _logger;

    public ClassicGroupMembership(GroupMetadataManager groups, ClassicGroupRebalancer rebalancer, ICoordinatorShardContext<GroupCoordinatorRecord> context, Microsoft.Extensions.Logging.ILogger logger)
    {
        _groups = groups;
        _rebalancer = rebalancer;
        _context = context;
        _logger = logger;
    }

    public GroupResult Sync(SyncGroupRequest request, TaskCompletionSource<SyncGroupResponse> response)
    {
        var group = _groups.Get(request.GroupId);
        if (group is null || group.IsEmpty)
        {
            Respond(response, ErrorCode.UnknownMemberId);
            return ClassicGroupRebalancer.Empty;
        }

        var error = ValidateSync(group, request);
        if (error != ErrorCode.None)
        {
            Respond(response, error);
            return ClassicGroupRebalancer.Empty;
        }

        var memberId = request.MemberId;
        switch (group.State)
        {
            case ClassicGroupState.PreparingRebalance:
                Respond(response, ErrorCode.RebalanceInProgress);
                return ClassicGroupRebalancer.Empty;

            case ClassicGroupState.CompletingRebalance:
                group.Member(memberId).AwaitingSync = response;
                _rebalancer.RemovePendingSyncMember(group, memberId);
                return group.IsLeader(memberId) ? StoreAssignment(group, request) : ClassicGroupRebalancer.Empty;

            default:
                // Stable: the member lost its answer; give the current assignment again.
                _rebalancer.RemovePendingSyncMember(group, memberId);
                var member = group.Member(memberId);
                var stable = new SyncGroupResponse
                {
                    ProtocolType = group.ProtocolType,
                    ProtocolName = group.ProtocolName,
                    Assignment = member.Assignment,
                };
                _context.CompleteWhenDurable(() => response.TrySetResult(stable));
                return ClassicGroupRebalancer.Empty;
        }
    }

    /// <summary>The leader's assignment: stored first, then handed out, then the group is Stable.</summary>
    private GroupResult StoreAssignment(ClassicGroup group, SyncGroupRequest request)
    {
        var assignment = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var a in request.Assignments)
        {
            assignment[a.MemberId] = a.Assignment;
        }

        foreach (var m in group.Members)
        {
            assignment.TryAdd(m.MemberId, []);
        }

        var generation = request.GenerationId;
        var record = GroupRecords.GroupMetadata(group, assignment);
        return new GroupResult([record], default, replayRecords: false, appendCallback: error =>
        {
            // Another rebalance may have started while the record was written.
            if (!group.IsInState(ClassicGroupState.CompletingRebalance) || generation != group.GenerationId)
            {
                return;
            }

            if (error is not null)
            {
                _rebalancer.ResetAndPropagateAssignmentWithError(group, ClassicGroupJoin.StoreError(error));
                _rebalancer.MaybePrepareRebalanceOrCompleteJoin(group, $"Error {error.Message} when storing group assignment during SyncGroup (member: {request.MemberId}).");
                return;
            }

            _rebalancer.SetAndPropagateAssignment(group, assignment);
            group.TransitionTo(ClassicGroupState.Stable);
        });
    }

    private static ErrorCode ValidateSync(ClassicGroup group, SyncGroupRequest request)
    {
        if (group.IsInState(ClassicGroupState.Dead))
        {
            return ErrorCode.CoordinatorNotAvailable;
        }

        try
        {
            group.ValidateMember(request.MemberId, request.GroupInstanceId);
        }
        catch (CoordinatorException e)
        {
            return e.Error;
        }

        if (request.GenerationId != group.GenerationId)
        {
            return ErrorCode.IllegalGeneration;
        }

        if (Inconsistent(request.ProtocolType, group.ProtocolType) || Inconsistent(request.ProtocolName, group.ProtocolName))
        {
            return ErrorCode.InconsistentGroupProtocol;
        }

        return ErrorCode.None;
    }

    private static bool Inconsistent(string? requested, string? current) => requested is not null && current is not null && requested != current;

    public CoordinatorResult<GroupCoordinatorRecord, HeartbeatResponse> Heartbeat(HeartbeatRequest request)
    {
        var group = _groups.Get(request.GroupId)
            ?? throw new CoordinatorException(ErrorCode.UnknownMemberId, $"Group {request.GroupId} not found.");
        if (group.IsInState(ClassicGroupState.Dead))
        {
            throw new CoordinatorException(ErrorCode.CoordinatorNotAvailable);
        }

        group.ValidateMember(request.MemberId, request.GroupInstanceId);
        if (request.GenerationId != group.GenerationId)
        {
            throw new CoordinatorException(ErrorCode.IllegalGeneration, $"Generation {request.GenerationId} is not the current generation {group.GenerationId}.");
        }

        var error = ErrorCode.None;
        switch (group.State)
        {
            case ClassicGroupState.Empty:
                error = ErrorCode.UnknownMemberId;
                break;
            case ClassicGroupState.PreparingRebalance:
                _rebalancer.RescheduleHeartbeat(group, group.Member(request.MemberId));
                error = ErrorCode.RebalanceInProgress;
                break;
            default:
                // Members may heartbeat between their JoinGroup and SyncGroup answers.
                _rebalancer.RescheduleHeartbeat(group, group.Member(request.MemberId));
                break;
        }

        return new([], new HeartbeatResponse { ErrorCode = (short)error });
    }

    /// <summary>LeaveGroup in its v3+ shape (the handler turns v0-v2's single member id into one identity).</summary>
    public CoordinatorResult<GroupCoordinatorRecord, LeaveGroupResponse> Leave(LeaveGroupRequest request)
    {
        var group = _groups.Get(request.GroupId)
            ?? throw new CoordinatorException(ErrorCode.UnknownMemberId, $"Group {request.GroupId} not found.");
        var response = new LeaveGroupResponse();
        if (group.IsInState(ClassicGroupState.Dead))
        {
            response.ErrorCode = (short)ErrorCode.CoordinatorNotAvailable;
            return new([], response);
        }

        var left = new List<string>();
        foreach (var identity in request.Members)
        {
            var result = new LeaveGroupResponse.MemberResponse { MemberId = identity.MemberId, GroupInstanceId = identity.GroupInstanceId };
            response.Members.Add(result);
            var reason = identity.Reason ?? "not provided";
            if (identity.MemberId.Length == 0)
            {
                // Administrative removal by instance id alone.
                if (identity.GroupInstanceId is { } instanceId && group.StaticMemberId(instanceId) is { } staticId)
                {
                    RemoveCurrentMember(group, staticId, reason);
                    left.Add(identity.MemberId);
                }
                else
                {
                    result.ErrorCode = (short)ErrorCode.UnknownMemberId;
                }
            }
            else if (group.IsPendingMember(identity.MemberId))
            {
                group.Remove(identity.MemberId);
                _rebalancer.CancelHeartbeat(group.GroupId, identity.MemberId);
                left.Add(identity.MemberId);
            }
            else
            {
                try
                {
                    group.ValidateMember(identity.MemberId, identity.GroupInstanceId);
                    RemoveCurrentMember(group, identity.MemberId, reason);
                    left.Add(identity.MemberId);
                }
                catch (CoordinatorException e)
                {
                    result.ErrorCode = (short)e.Error;
                }
            }
        }

        var rebalance = ClassicGroupRebalancer.Empty;
        if (left.Count > 0)
        {
            var why = $"explicit LeaveGroup request for ({string.Join(", ", left)}) members.";
            rebalance = group.State switch
            {
                ClassicGroupState.Stable or ClassicGroupState.CompletingRebalance => _rebalancer.MaybePrepareRebalanceOrCompleteJoin(group, why),
                ClassicGroupState.PreparingRebalance => _rebalancer.MaybeCompleteJoinPhase(group),
                _ => ClassicGroupRebalancer.Empty,
            };
        }

        return new(rebalance.Records, response, rebalance.ReplayRecords, rebalance.AppendCallback);
    }

    private void RemoveCurrentMember(ClassicGroup group, string memberId, string reason)
    {
        var member = group.Member(memberId);
        _rebalancer.CancelHeartbeat(group.GroupId, memberId);
        GroupCoordinatorLog.MemberLeft(_logger, memberId, group.GroupId, reason);

        // A member leaving while its JoinGroup is parked gets UNKNOWN_MEMBER_ID for it.
        group.CompleteJoin(member, ClassicGroupRebalancer.JoinError(ErrorCode.UnknownMemberId, string.Empty));
        group.Remove(memberId);
    }

    private void Respond(TaskCompletionSource<SyncGroupResponse> response, ErrorCode error)
    {
        var value = new SyncGroupResponse { ErrorCode = (short)error };
        _context.CompleteWhenDurable(() => response.TrySetResult(value));
    }
}
