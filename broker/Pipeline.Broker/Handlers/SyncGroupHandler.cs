using Pipeline.Broker.Coordinators.Group;
using Pipeline.Broker.Network;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Broker.Handlers;

/// <summary>
/// SyncGroup (14). Followers wait for the leader's assignment; v5+ must name the protocol type and
/// name (INCONSISTENT_GROUP_PROTOCOL otherwise, as Kafka checks before the coordinator).
/// </summary>
internal sealed class SyncGroupHandler
{
    private readonly GroupCoordinator _groups;

    public SyncGroupHandler(GroupCoordinator groups)
    {
        _groups = groups;
    }

    public async ValueTask<IResponseMessage?> HandleAsync(RequestContext context, SyncGroupRequest request)
    {
        if (context.ApiVersion >= 5 && (request.ProtocolType is null || request.ProtocolName is null))
        {
            return new SyncGroupResponse { ErrorCode = (short)ErrorCode.InconsistentGroupProtocol };
        }

        return await _groups.SyncGroupAsync(request).ConfigureAwait(false);
    }
}
