using Microsoft.Extensions.Logging;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Client.Group;

/// <summary>
/// One rebalance round for a member: JoinGroup (again at once with the assigned id after
/// MEMBER_ID_REQUIRED, KIP-394), the leader's assignment, SyncGroup. It only talks and reports:
/// the <see cref="GroupMember"/> decides what an outcome means for its state.
/// <para>Threads: runs as the member's join task; calls <see cref="IGroupProtocol.Metadata"/> and,
/// on the leader, <see cref="IGroupProtocol.AssignAsync"/> there.</para>
/// </summary>
internal sealed class GroupJoiner
{
    private readonly GroupMemberOptions _options;
    private readonly IGroupProtocol _protocol;
    private readonly CoordinatorLink _coordinator;
    private readonly ILogger _log;

    public GroupJoiner(GroupMemberOptions options, IGroupProtocol protocol, CoordinatorLink coordinator, ILogger log)
    {
        _options = options;
        _protocol = protocol;
        _coordinator = coordinator;
        _log = log;
    }

    public async Task<JoinOutcome> RunAsync(string memberId, string reason, CancellationToken cancellationToken)
    {
        // A JoinGroup waits in the coordinator until the rebalance completes (up to the rebalance timeout).
        var joinTimeout = _options.RebalanceTimeout + TimeSpan.FromSeconds(5);
        if (joinTimeout < _options.RequestTimeout)
        {
            joinTimeout = _options.RequestTimeout;
        }

        var protocols = _protocol.Metadata();
        for (var attempt = 0; ; attempt++)
        {
            JoinGroupResponse join;
            short version;
            try
            {
                (join, version) = await _coordinator.SendAsync<JoinGroupResponse>(ApiKey.JoinGroup, v => JoinRequest(v, memberId, reason, protocols), joinTimeout, cancellationToken,
                    minVersion: _options.GroupInstanceId is null ? (short)0 : (short)5).ConfigureAwait(false);
            }
            catch (KafkaException e)
            {
                return Failed(e.Code, e.BrokerMessage ?? e.Message, memberId);
            }

            var error = (ErrorCode)join.ErrorCode;
            if (error == ErrorCode.MemberIdRequired && attempt == 0)
            {
                memberId = join.MemberId;
                continue;
            }

            if (error != ErrorCode.None)
            {
                return Failed(error, null, error == ErrorCode.MemberIdRequired ? join.MemberId : memberId);
            }

            if (version >= 7 && join.ProtocolType is { } type && type != _protocol.ProtocolType)
            {
                return Failed(ErrorCode.InconsistentGroupProtocol, $"JoinGroup answered protocol type {type}, expected {_protocol.ProtocolType}", join.MemberId);
            }

            return await SyncAsync(join, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<JoinOutcome> SyncAsync(JoinGroupResponse join, CancellationToken cancellationToken)
    {
        var generation = new GroupGeneration(join.GenerationId, join.MemberId, join.ProtocolName);
        var request = new SyncGroupRequest
        {
            GroupId = _options.GroupId,
            GenerationId = join.GenerationId,
            MemberId = join.MemberId,
            GroupInstanceId = _options.GroupInstanceId,
            ProtocolType = _protocol.ProtocolType,
            ProtocolName = join.ProtocolName,
        };

        // KIP-814: a static leader that rejoins without a change is told to skip the assignment.
        if (join.Leader == join.MemberId && !join.SkipAssignment)
        {
            IReadOnlyDictionary<string, byte[]> assignments;
            try
            {
                var members = join.Members.ConvertAll(m => new GroupMemberMetadata(m.MemberId, m.GroupInstanceId, m.Metadata));
                assignments = await _protocol.AssignAsync(new GroupLeaderContext(generation, join.ProtocolName ?? "", members), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                GroupLog.AssignmentFailed(_log, _options.GroupId, e);
                return Failed(ErrorCode.UnknownServerError, "the leader's assignment failed: " + e.Message, join.MemberId, join);
            }

            foreach (var m in join.Members)
            {
                request.Assignments.Add(new SyncGroupRequest.SyncGroupRequestAssignment
                {
                    MemberId = m.MemberId,
                    Assignment = assignments.TryGetValue(m.MemberId, out var a) ? a : [],
                });
            }
        }

        SyncGroupResponse sync;
        try
        {
            (sync, _) = await _coordinator.SendAsync<SyncGroupResponse>(ApiKey.SyncGroup, _ => request, null, cancellationToken,
                minVersion: _options.GroupInstanceId is null ? (short)0 : (short)3).ConfigureAwait(false);
        }
        catch (KafkaException e)
        {
            return Failed(e.Code, e.BrokerMessage ?? e.Message, join.MemberId, join);
        }

        var error = (ErrorCode)sync.ErrorCode;
        if (error != ErrorCode.None)
        {
            return Failed(error, null, join.MemberId, join);
        }

        if (sync.ProtocolName is { } name && join.ProtocolName is { } joined && name != joined)
        {
            return Failed(ErrorCode.InconsistentGroupProtocol, $"SyncGroup answered protocol {name}, JoinGroup {joined}", join.MemberId, join);
        }

        return new JoinOutcome(ErrorCode.None, null, join.MemberId, join.GenerationId, join.ProtocolName, join.Leader, sync.Assignment ?? []);
    }

    private JoinGroupRequest JoinRequest(short version, string memberId, string reason, IReadOnlyList<GroupProtocolMetadata> protocols)
    {
        var request = new JoinGroupRequest
        {
            GroupId = _options.GroupId,
            SessionTimeoutMs = (int)_options.SessionTimeout.TotalMilliseconds,
            RebalanceTimeoutMs = (int)_options.RebalanceTimeout.TotalMilliseconds,
            MemberId = memberId,
            GroupInstanceId = _options.GroupInstanceId,
            ProtocolType = _protocol.ProtocolType,
            Reason = version >= 8 ? reason : null,
        };
        foreach (var p in protocols)
        {
            request.Protocols.Add(new JoinGroupRequest.JoinGroupRequestProtocol { Name = p.Name, Metadata = p.Metadata });
        }

        return request;
    }

    private static JoinOutcome Failed(ErrorCode error, string? message, string memberId, JoinGroupResponse? join = null) =>
        new(error, message, memberId, join?.GenerationId ?? -1, join?.ProtocolName, join?.Leader ?? "", []);
}
