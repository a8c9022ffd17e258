using Pipeline.Broker.Coordinators.Group;
using Pipeline.Broker.Network;
using Pipeline.Protocol.Messages;

namespace Pipeline.Broker.Handlers;

/// <summary>Heartbeat (12): keeps a member's session; REBALANCE_IN_PROGRESS asks it to rejoin.</summary>
internal sealed class HeartbeatHandler
{
    private readonly GroupCoordinator _groups;

    public HeartbeatHandler(GroupCoordinator groups)
    {
        _groups = groups;
    }

    public async ValueTask<IResponseMessage?> HandleAsync(RequestContext context, HeartbeatRequest request) =>
        await _groups.HeartbeatAsync(request).ConfigureAwait(false);
}
