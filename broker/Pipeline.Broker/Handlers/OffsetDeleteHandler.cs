using Pipeline.Broker.Coordinators.Group;
using Pipeline.Broker.Network;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Broker.Handlers;

/// <summary>
/// OffsetDelete (47): removes committed offsets of an empty group, or of topics a consumer group
/// does not subscribe to (GROUP_SUBSCRIBED_TO_TOPIC otherwise). Unknown topics and partitions get
/// UNKNOWN_TOPIC_OR_PARTITION before the coordinator is asked, as in Kafka.
/// </summary>
internal sealed class OffsetDeleteHandler
{
    private readonly BrokerServices _broker;
    private readonly GroupCoordinator _groups;

    public OffsetDeleteHandler(BrokerServices broker, GroupCoordinator groups)
    {
        _broker = broker;
        _groups = groups;
    }

    public async ValueTask<IResponseMessage?> HandleAsync(RequestContext context, OffsetDeleteRequest request)
    {
        var image = _broker.Controller.Image;
        var forward = new OffsetDeleteRequest { GroupId = request.GroupId };
        var unknown = new List<OffsetDeleteResponse.OffsetDeleteResponseTopic>();
        foreach (var topic in request.Topics)
        {
            image.TopicsByName.TryGetValue(topic.Name, out var known);
            var kept = new OffsetDeleteRequest.OffsetDeleteRequestTopic { Name = topic.Name };
            var missing = new OffsetDeleteResponse.OffsetDeleteResponseTopic { Name = topic.Name };
            foreach (var p in topic.Partitions)
            {
                if (known is not null && p.PartitionIndex >= 0 && p.PartitionIndex < known.PartitionCount)
                {
                    kept.Partitions.Add(p);
                }
                else
                {
                    missing.Partitions.Add(new OffsetDeleteResponse.OffsetDeleteResponsePartition { PartitionIndex = p.PartitionIndex, ErrorCode = (short)ErrorCode.UnknownTopicOrPartition });
                }
            }

            if (kept.Partitions.Count > 0)
            {
                forward.Topics.Add(kept);
            }

            if (missing.Partitions.Count > 0)
            {
                unknown.Add(missing);
            }
        }

        var response = await _groups.DeleteOffsetsAsync(forward).ConfigureAwait(false);
        if (response.ErrorCode != 0)
        {
            return new OffsetDeleteResponse { ErrorCode = response.ErrorCode };
        }

        foreach (var missing in unknown)
        {
            var existing = response.Topics.FirstOrDefault(t => t.Name == missing.Name);
            if (existing is null)
            {
                response.Topics.Add(missing);
            }
            else
            {
                existing.Partitions.AddRange(missing.Partitions);
            }
        }

        return response;
    }
}
