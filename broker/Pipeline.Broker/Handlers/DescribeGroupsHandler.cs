using Pipeline.Broker.Coordinators.Group;
using Pipeline.Broker.Network;
using Pipeline.Protocol.Messages;

namespace Pipeline.Broker.Handlers;

/// <summary>
/// DescribeGroups (15): state, protocol and members (with metadata and assignment when Stable); an
/// unknown group is reported Dead. v3+ may ask for the authorized operations: without an
/// authorizer that is everything a group supports (READ, DELETE, DESCRIBE).
/// </summary>
internal sealed class DescribeGroupsHandler
{
    /// <summary>Bits of AclOperation READ (3), DELETE (6) and DESCRIBE (8).</summary>
    private const int GroupOperations = (1 << 3) | (1 << 6) | (1 << 8);

    private readonly GroupCoordinator _groups;

    public DescribeGroupsHandler(GroupCoordinator groups)
    {
        _groups = groups;
    }

    public async ValueTask<IResponseMessage?> HandleAsync(RequestContext context, DescribeGroupsRequest request)
    {
        var described = await _groups.DescribeGroupsAsync(request.Groups).ConfigureAwait(false);
        if (context.ApiVersion >= 3 && request.IncludeAuthorizedOperations)
        {
            foreach (var g in described)
            {
                if (g.ErrorCode == 0)
                {
                    g.AuthorizedOperations = GroupOperations;
                }
            }
        }

        return new DescribeGroupsResponse { Groups = described };
    }
}
