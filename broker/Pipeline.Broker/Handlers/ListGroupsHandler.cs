using Pipeline.Broker.Coordinators.Group;
using Pipeline.Broker.Network;
using Pipeline.Protocol.Messages;

namespace Pipeline.Broker.Handlers;

/// <summary>ListGroups (16): every group this broker coordinates; v4+ filter by state, v5+ by type (all groups are "classic").</summary>
internal sealed class ListGroupsHandler
{
    private readonly GroupCoordinator _groups;

    public ListGroupsHandler(GroupCoordinator groups)
    {
        _groups = groups;
    }

    public async ValueTask<IResponseMessage?> HandleAsync(RequestContext context, ListGroupsRequest request)
    {
        var (error, groups) = await _groups.ListGroupsAsync(request.StatesFilter, request.TypesFilter).ConfigureAwait(false);
        return new ListGroupsResponse { ErrorCode = (short)error, Groups = groups };
    }
}
