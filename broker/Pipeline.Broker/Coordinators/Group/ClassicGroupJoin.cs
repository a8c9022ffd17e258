using Pipeline.Broker.Coordinators.Group.Records;
using Pipeline.Broker.Coordinators.Runtime;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using GroupResult = Pipeline.Broker.Coordinators.Runtime.CoordinatorResult<Pipeline.Broker.Coordinators.Group.Records.GroupCoordinatorRecord, Pipeline.Broker.Coordinators.Runtime.NoResponse>;

namespace Pipeline.Broker.Coordinators.Group;

/// <summary>
/// JoinGroup for classic groups, Kafka's rules:
/// <list type="bullet">
/// <item>an unknown member (empty member id) of v4+ gets a generated id and MEMBER_ID_REQUIRED,
/// and is pending until it joins with that id (or its session timeout passes); v0-v3 joiners
/// are added at once;</item>
/// <item>a static member (<c>group.instance.id</c>) joining with an empty member id replaces the
/// member holding its instance id, which is fenced; in a Stable group whose protocol stays the
/// same this needs no rebalance (the new id is stored and answered with the current generation);</item>
/// <item>an existing member rejoining triggers a rebalance when it is the leader or its
/// protocols changed, otherwise it gets the current generation back;</item>
/// <item>the protocol type must match and the protocols must overlap with every member's
/// (INCONSISTENT_GROUP_PROTOCOL); <c>group.max.size</c> caps the members (GROUP_MAX_SIZE_REACHED).</item>
/// </list>
/// The response is parked in the member until the join phase completes (see <see cref="ClassicGroupRebalancer"/>).
/// Runs on the shard's loop.
/// </summary>
public sealed class ClassicGroupJoin
{
    private readonly GroupMetadataManager _groups;
    private readonly ClassicGroupRebalancer _rebalancer;
    private readonly ICoordinatorShardContext<GroupCoordinatorRecord> _context;
    private readonly GroupCoordinatorConfig _config;

    public ClassicGroupJoin(GroupMetadataManager groups, ClassicGroupRebalancer rebalancer, ICoordinatorShardContext<GroupCoordinatorRecord> context, GroupCoordinatorConfig config)
    {
        _groups = groups;
        _rebalancer = rebalancer;
        _context = context;
        _config = config;
    }

    public GroupResult Join(GroupRequestContext context, JoinGroupRequest request, TaskCompletionSource<JoinGroupResponse> response)
    {
        var memberId = request.MemberId;
        var unknownMember = memberId.Length == 0;
        var group = _groups.Get(request.GroupId);
        var isNewGroup = group is null;
        if (group is null)
        {
            if (!unknownMember)
            {
                Respond(response, ClassicGroupRebalancer.JoinError(ErrorCode.UnknownMemberId, memberId));
                return ClassicGroupRebalancer.Empty;
            }

            group = _groups.GetOrCreate(request.GroupId);
        }

        var protocols = Protocols(request);
        GroupResult result;
        if (!AcceptJoiningMember(group, memberId))
        {
            group.Remove(memberId);
            Respond(response, ClassicGroupRebalancer.JoinError(ErrorCode.GroupMaxSizeReached, string.Empty));
            result = ClassicGroupRebalancer.Empty;
        }
        else if (unknownMember)
        {
            result = JoinNewMember(context, request, protocols, group, response);
        }
        else
        {
            result = JoinExistingMember(context, request, protocols, group, response);
        }

        if (isNewGroup && result.Records.Count == 0)
        {
            // A group created here is stored at once (generation 0), as Kafka does.
            return new GroupResult([GroupRecords.EmptyGroup(group)], default, replayRecords: false);
        }

        return result;
    }

    private static List<ClassicProtocol> Protocols(JoinGroupRequest request)
    {
        var list = new List<ClassicProtocol>(request.Protocols.Count);
        foreach (var p in request.Protocols)
        {
            list.Add(new ClassicProtocol(p.Name, p.Metadata));
        }

        return list;
    }

    private bool AcceptJoiningMember(ClassicGroup group, string memberId) => group.State switch
    {
        ClassicGroupState.Empty or ClassicGroupState.Dead => true,

        // Counting parked joins (not members) lets a lowered max size shed the last rejoiners.
        ClassicGroupState.PreparingRebalance =>
            (group.TryGetMember(memberId, out var m) && m.IsAwaitingJoin) || group.AwaitingJoinCount < _config.MaxSize,
        _ => group.HasMember(memberId) || group.MemberCount < _config.MaxSize,
    };

    private GroupResult JoinNewMember(GroupRequestContext context, JoinGroupRequest request, List<ClassicProtocol> protocols, ClassicGroup group, TaskCompletionSource<JoinGroupResponse> response)
    {
        if (group.IsInState(ClassicGroupState.Dead))
        {
            Respond(response, ClassicGroupRebalancer.JoinError(ErrorCode.CoordinatorNotAvailable, string.Empty));
            return ClassicGroupRebalancer.Empty;
        }

        if (!group.SupportsProtocols(request.ProtocolType, protocols))
        {
            Respond(response, ClassicGroupRebalancer.JoinError(ErrorCode.InconsistentGroupProtocol, string.Empty));
            return ClassicGroupRebalancer.Empty;
        }

        var newMemberId = ClassicGroup.GenerateMemberId(context.ClientId, request.GroupInstanceId);
        if (request.GroupInstanceId is { } instanceId)
        {
            return group.StaticMemberId(instanceId) is { } existing
                ? ReplaceStaticMember(context, request, protocols, group, existing, newMemberId, response)
                : AddMemberThenRebalanceOrCompleteJoin(context, request, protocols, group, newMemberId, response);
        }

        if (context.ApiVersion >= 4)
        {
            // KIP-394: the member must come back with this id, so a client that retries after a
            // timeout does not leave a ghost member behind.
            group.AddPendingMember(newMemberId);
            _rebalancer.SchedulePendingMemberExpiration(group.GroupId, newMemberId, request.SessionTimeoutMs);
            var required = ClassicGroupRebalancer.JoinError(ErrorCode.MemberIdRequired, newMemberId);
            Respond(response, required);
            return ClassicGroupRebalancer.Empty;
        }

        return AddMemberThenRebalanceOrCompleteJoin(context, request, protocols, group, newMemberId, response);
    }

    private GroupResult JoinExistingMember(GroupRequestContext context, JoinGroupRequest request, List<ClassicProtocol> protocols, ClassicGroup group, TaskCompletionSource<JoinGroupResponse> response)
    {
        var memberId = request.MemberId;
        if (group.IsInState(ClassicGroupState.Dead))
        {
            Respond(response, ClassicGroupRebalancer.JoinError(ErrorCode.CoordinatorNotAvailable, memberId));
            return ClassicGroupRebalancer.Empty;
        }

        if (!group.SupportsProtocols(request.ProtocolType, protocols))
        {
            Respond(response, ClassicGroupRebalancer.JoinError(ErrorCode.InconsistentGroupProtocol, memberId));
            return ClassicGroupRebalancer.Empty;
        }

        if (group.IsPendingMember(memberId))
        {
            if (request.GroupInstanceId is not null)
            {
                // Static members never go through the pending step.
                Respond(response, ClassicGroupRebalancer.JoinError(ErrorCode.UnknownMemberId, memberId));
                return ClassicGroupRebalancer.Empty;
            }

            return AddMemberThenRebalanceOrCompleteJoin(context, request, protocols, group, memberId, response);
        }

        try
        {
            group.ValidateMember(memberId, request.GroupInstanceId);
        }
        catch (CoordinatorException e)
        {
            Respond(response, ClassicGroupRebalancer.JoinError(e.Error, memberId));
            return ClassicGroupRebalancer.Empty;
        }

        var member = group.Member(memberId);
        switch (group.State)
        {
            case ClassicGroupState.PreparingRebalance:
                return UpdateMemberThenRebalanceOrCompleteJoin(request, protocols, group, member, $"Member {memberId} is joining group during PreparingRebalance; client reason: {Reason(request)}", response);

            case ClassicGroupState.CompletingRebalance:
                if (member.Matches(protocols))
                {
                    // Same metadata (it probably lost the JoinGroup answer): the current generation again.
                    Respond(response, CurrentGeneration(group, memberId, withMembers: group.IsLeader(memberId)));
                    return ClassicGroupRebalancer.Empty;
                }

                return UpdateMemberThenRebalanceOrCompleteJoin(request, protocols, group, member, $"Updating metadata for member {memberId} during CompletingRebalance; client reason: {Reason(request)}", response);

            case ClassicGroupState.Stable:
                if (group.IsLeader(memberId))
                {
                    // The leader rejoins to trigger a rebalance (e.g. topic metadata changed).
                    return UpdateMemberThenRebalanceOrCompleteJoin(request, protocols, group, member, $"Leader {memberId} re-joining group during Stable; client reason: {Reason(request)}", response);
                }

                if (!member.Matches(protocols))
                {
                    return UpdateMemberThenRebalanceOrCompleteJoin(request, protocols, group, member, $"Updating metadata for member {memberId} during Stable; client reason: {Reason(request)}", response);
                }

                Respond(response, CurrentGeneration(group, memberId, withMembers: false));
                return ClassicGroupRebalancer.Empty;

            default:
                Respond(response, ClassicGroupRebalancer.JoinError(ErrorCode.UnknownMemberId, memberId));
                return ClassicGroupRebalancer.Empty;
        }
    }

    private GroupResult UpdateMemberThenRebalanceOrCompleteJoin(JoinGroupRequest request, List<ClassicProtocol> protocols, ClassicGroup group, ClassicGroupMember member, string reason, TaskCompletionSource<JoinGroupResponse> response)
    {
        group.UpdateMember(member, protocols, RebalanceTimeout(request), request.SessionTimeoutMs, response);
        return _rebalancer.MaybePrepareRebalanceOrCompleteJoin(group, reason);
    }

    private GroupResult AddMemberThenRebalanceOrCompleteJoin(GroupRequestContext context, JoinGroupRequest request, List<ClassicProtocol> protocols, ClassicGroup group, string memberId, TaskCompletionSource<JoinGroupResponse> response)
    {
        var member = new ClassicGroupMember(
            memberId,
            request.GroupInstanceId,
            context.ClientId,
            context.ClientHost,
            RebalanceTimeout(request),
            request.SessionTimeoutMs,
            request.ProtocolType,
            protocols)
        {
            IsNew = true,
        };

        if (group.IsInState(ClassicGroupState.PreparingRebalance) && group.PreviousState == ClassicGroupState.Empty)
        {
            group.NewMemberAdded = true;
        }

        group.Add(member, response);

        // A new member cannot heartbeat while its JoinGroup is parked, and a client that gave up
        // would leave it behind: its join is bounded by the new-member timeout instead.
        _rebalancer.RescheduleHeartbeat(group, member, _config.NewMemberJoinTimeoutMs);
        return _rebalancer.MaybePrepareRebalanceOrCompleteJoin(group, $"Adding new member {memberId} with group instance id {request.GroupInstanceId}; client reason: {Reason(request)}");
    }

    /// <summary>KIP-345: the instance id's old member is fenced and this one takes its place.</summary>
    private GroupResult ReplaceStaticMember(GroupRequestContext context, JoinGroupRequest request, List<ClassicProtocol> protocols, ClassicGroup group, string oldMemberId, string newMemberId, TaskCompletionSource<JoinGroupResponse> response)
    {
        var instanceId = request.GroupInstanceId!;
        var currentLeader = group.LeaderId;
        var newMember = group.ReplaceStaticMember(instanceId, oldMemberId, newMemberId);
        _rebalancer.CancelHeartbeat(group.GroupId, oldMemberId);
        _rebalancer.RescheduleHeartbeat(group, newMember);

        var oldRebalanceTimeout = newMember.RebalanceTimeoutMs;
        var oldSessionTimeout = newMember.SessionTimeoutMs;
        var oldProtocols = newMember.SupportedProtocols;
        group.UpdateMember(newMember, protocols, RebalanceTimeout(request), request.SessionTimeoutMs, response);
        var reason = $"Static member {newMemberId} with instance id {instanceId} rejoined; client reason: {Reason(request)}";

        switch (group.State)
        {
            case ClassicGroupState.Stable when group.ProtocolName == group.SelectProtocol():
                // Same protocol: store the new member id and answer with the current generation, no rebalance.
                var record = GroupRecords.GroupMetadata(group, group.Assignments());
                return new GroupResult([record], default, replayRecords: false, appendCallback: error =>
                {
                    if (error is not null)
                    {
                        group.UpdateMember(newMember, oldProtocols, oldRebalanceTimeout, oldSessionTimeout, null);
                        var restored = group.ReplaceStaticMember(instanceId, newMemberId, oldMemberId);
                        _rebalancer.RescheduleHeartbeat(group, restored);
                        var failed = ClassicGroupRebalancer.JoinError(StoreError(error), string.Empty);
                        failed.GenerationId = group.GenerationId;
                        failed.ProtocolName = group.ProtocolName;
                        failed.ProtocolType = group.ProtocolType;
                        failed.Leader = currentLeader ?? string.Empty;
                        Respond(response, failed);
                        return;
                    }

                    var isLeader = group.IsLeader(newMemberId);
                    var answer = CurrentGeneration(group, newMemberId, withMembers: isLeader && context.ApiVersion >= 9);
                    if (context.ApiVersion >= 9)
                    {
                        // KIP-814: the leader learns the members but keeps the assignment it computed.
                        answer.SkipAssignment = isLeader;
                    }
                    else
                    {
                        answer.Leader = currentLeader ?? string.Empty;
                    }

                    group.CompleteJoin(newMember, answer);
                });

            case ClassicGroupState.Stable:
                return _rebalancer.MaybePrepareRebalanceOrCompleteJoin(group, $"Group's selected protocol will change because static member {newMemberId} joined with other protocols");

            case ClassicGroupState.CompletingRebalance:
                // The leader may already be assigning to the old id: rebalance so the new id gets partitions.
                return _rebalancer.PrepareRebalance(group, reason);

            default:
                return _rebalancer.MaybeCompleteJoinPhase(group);
        }
    }

    private static JoinGroupResponse CurrentGeneration(ClassicGroup group, string memberId, bool withMembers) => new()
    {
        MemberId = memberId,
        GenerationId = group.GenerationId,
        ProtocolName = group.ProtocolName,
        ProtocolType = group.ProtocolType,
        Leader = group.LeaderId ?? string.Empty,
        SkipAssignment = false,
        Members = withMembers ? group.CurrentMembersForLeader() : [],
    };

    /// <summary>JoinGroup v0 has no rebalance timeout: the session timeout stands in for it.</summary>
    private static int RebalanceTimeout(JoinGroupRequest request) =>
        request.RebalanceTimeoutMs < 0 ? request.SessionTimeoutMs : request.RebalanceTimeoutMs;

    private static string Reason(JoinGroupRequest request) => request.Reason ?? "not provided";

    /// <summary>Kafka's appendGroupMetadataErrorToResponseError.</summary>
    public static ErrorCode StoreError(Exception error) => error is CoordinatorException c
        ? c.Error switch
        {
            ErrorCode.UnknownTopicOrPartition or ErrorCode.NotEnoughReplicas or ErrorCode.RequestTimedOut => ErrorCode.CoordinatorNotAvailable,
            ErrorCode.NotLeaderOrFollower or ErrorCode.KafkaStorageError => ErrorCode.NotCoordinator,
            ErrorCode.MessageTooLarge or ErrorCode.RecordListTooLarge or ErrorCode.InvalidFetchSize => ErrorCode.UnknownServerError,
            var code => code,
        }
        : ErrorCode.UnknownServerError;

    private void Respond(TaskCompletionSource<JoinGroupResponse> response, JoinGroupResponse value) =>
        _context.CompleteWhenDurable(() => response.TrySetResult(value));
}
