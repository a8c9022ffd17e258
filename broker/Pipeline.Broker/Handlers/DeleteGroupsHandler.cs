using Pipeline.Broker.Coordinators.Group;
using Pipeline.Broker.Network;
using Pipeline.Protocol.Messages;

namespace Pipeline.Broker.Handlers;

/// <summary>DeleteGroups (42): empty groups lose their offsets and metadata; NON_EMPTY_GROUP, GROUP_ID_NOT_FOUND otherwise.</summary>
internal sealed class DeleteGroupsHandler
{
    private readonly GroupCoordinator _groups;

    public DeleteGroupsHandler(GroupCoordinator groups)
    {
        _groups = groups;
    }

    public async ValueTask<IResponseMessage?> HandleAsync(RequestContext context, DeleteGroupsRequest request) =>
        new DeleteGroupsResponse { Results = await _groups.DeleteGroupsAsync(request.GroupsNames).ConfigureAwait(false) };
}
