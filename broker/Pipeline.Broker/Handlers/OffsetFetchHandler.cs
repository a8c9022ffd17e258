using Pipeline.Broker.Coordinators.Group;
using Pipeline.Broker.Network;
using Pipeline.Protocol.Messages;

namespace Pipeline.Broker.Handlers;

/// <summary>
/// OffsetFetch (9). v0-v7 ask for one group (v2+: null topics = every committed partition), v8+
/// for several. A partition without a commit has offset -1. Before v2 there is no top-level error
/// code, so a group error is put on every partition (Kafka's OffsetFetchResponse does the same).
/// </summary>
internal sealed class OffsetFetchHandler
{
    private readonly GroupCoordinator _groups;

    public OffsetFetchHandler(GroupCoordinator groups)
    {
        _groups = groups;
    }

    public async ValueTask<IResponseMessage?> HandleAsync(RequestContext context, OffsetFetchRequest request)
    {
        var response = new OffsetFetchResponse();
        if (context.ApiVersion >= 8)
        {
            var fetches = request.Groups.Select(g => _groups.FetchOffsetsAsync(g.GroupId, g.Topics)).ToList();
            foreach (var fetch in fetches)
            {
                response.Groups.Add(await fetch.ConfigureAwait(false));
            }

            return response;
        }

        List<OffsetFetchRequest.OffsetFetchRequestTopics>? topics = null;
        if (request.Topics is not null)
        {
            topics = request.Topics.Select(t => new OffsetFetchRequest.OffsetFetchRequestTopics { Name = t.Name, PartitionIndexes = t.PartitionIndexes }).ToList();
        }

        var group = await _groups.FetchOffsetsAsync(request.GroupId, topics).ConfigureAwait(false);
        response.ErrorCode = group.ErrorCode;
        foreach (var t in group.Topics)
        {
            var topic = new OffsetFetchResponse.OffsetFetchResponseTopic { Name = t.Name };
            foreach (var p in t.Partitions)
            {
                var failed = context.ApiVersion < 2 && group.ErrorCode != 0;
                topic.Partitions.Add(new OffsetFetchResponse.OffsetFetchResponsePartition
                {
                    PartitionIndex = p.PartitionIndex,
                    CommittedOffset = failed ? -1 : p.CommittedOffset,
                    CommittedLeaderEpoch = failed ? -1 : p.CommittedLeaderEpoch,
                    Metadata = failed ? string.Empty : p.Metadata,
                    ErrorCode = failed ? group.ErrorCode : p.ErrorCode,
                });
            }

            response.Topics.Add(topic);
        }

        // A group error before v2 with no partitions listed would be lost: list the asked ones.
        if (context.ApiVersion < 2 && group.ErrorCode != 0 && group.Topics.Count == 0 && request.Topics is not null)
        {
            foreach (var t in request.Topics)
            {
                var topic = new OffsetFetchResponse.OffsetFetchResponseTopic { Name = t.Name };
                foreach (var p in t.PartitionIndexes)
                {
                    topic.Partitions.Add(new OffsetFetchResponse.OffsetFetchResponsePartition
                    {
                        PartitionIndex = p,
                        CommittedOffset = -1,
                        Metadata = string.Empty,
                        ErrorCode = group.ErrorCode,
                    });
                }

                response.Topics.Add(topic);
            }
        }

        return response;
    }
}
