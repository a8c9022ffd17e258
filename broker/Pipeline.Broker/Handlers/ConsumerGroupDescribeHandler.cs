using Pipeline.Broker.Network;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Broker.Handlers;

/// <summary>
/// ConsumerGroupDescribe (69) describes KIP-848 consumer groups. Every group here is a classic
/// group, so each answer is GROUP_ID_NOT_FOUND, which is what makes Kafka's admin client fall back
/// to DescribeGroups for it.
/// </summary>
internal sealed class ConsumerGroupDescribeHandler
{
    public IResponseMessage Handle(RequestContext context, ConsumerGroupDescribeRequest request)
    {
        var response = new ConsumerGroupDescribeResponse();
        foreach (var groupId in request.GroupIds)
        {
            var invalid = groupId.Length == 0;
            response.Groups.Add(new ConsumerGroupDescribeResponse.DescribedGroup
            {
                GroupId = groupId,
                ErrorCode = (short)(invalid ? ErrorCode.InvalidGroupId : ErrorCode.GroupIdNotFound),
                ErrorMessage = invalid ? "The group id is empty." : $"Group {groupId} is not a consumer group.",
            });
        }

        return response;
    }
}
