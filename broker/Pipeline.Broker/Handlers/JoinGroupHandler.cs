using Pipeline.Broker.Coordinators.Group;
using Pipeline.Broker.Network;
using Pipeline.Protocol.Messages;

namespace Pipeline.Broker.Handlers;

/// <summary>
/// JoinGroup (11). The answer is a long poll: it comes when the group's join phase completes (or at
/// once for MEMBER_ID_REQUIRED and errors). v0 has no rebalance timeout (the session timeout is
/// used); the protocol name is "" rather than null before v7, as Kafka writes it.
/// </summary>
internal sealed class JoinGroupHandler
{
    private readonly GroupCoordinator _groups;

    public JoinGroupHandler(GroupCoordinator groups)
    {
        _groups = groups;
    }

    public async ValueTask<IResponseMessage?> HandleAsync(RequestContext context, JoinGroupRequest request)
    {
        var response = await _groups.JoinGroupAsync(GroupRequestContexts.From(context), request).ConfigureAwait(false);
        if (context.ApiVersion < 7)
        {
            response.ProtocolName ??= string.Empty;
        }
        else if (response.ProtocolName?.Length == 0)
        {
            response.ProtocolName = null;
        }

        return response;
    }
}
