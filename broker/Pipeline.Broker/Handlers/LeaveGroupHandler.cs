using Pipeline.Broker.Coordinators.Group;
using Pipeline.Broker.Network;
using Pipeline.Protocol.Messages;

namespace Pipeline.Broker.Handlers;

/// <summary>
/// LeaveGroup (13). v0-v2 name one member id and answer with one error code; v3+ list members
/// (by member id, or by group instance id alone for an administrative removal) and answer per member.
/// </summary>
internal sealed class LeaveGroupHandler
{
    private readonly GroupCoordinator _groups;

    public LeaveGroupHandler(GroupCoordinator groups)
    {
        _groups = groups;
    }

    public async ValueTask<IResponseMessage?> HandleAsync(RequestContext context, LeaveGroupRequest request)
    {
        if (context.ApiVersion >= 3)
        {
            return await _groups.LeaveGroupAsync(request).ConfigureAwait(false);
        }

        var normalized = new LeaveGroupRequest { GroupId = request.GroupId };
        normalized.Members.Add(new LeaveGroupRequest.MemberIdentity { MemberId = request.MemberId, GroupInstanceId = null });
        var response = await _groups.LeaveGroupAsync(normalized).ConfigureAwait(false);
        var error = response.ErrorCode != 0 ? response.ErrorCode : response.Members.Count == 1 ? response.Members[0].ErrorCode : (short)0;
        return new LeaveGroupResponse { ErrorCode = error };
    }
}
