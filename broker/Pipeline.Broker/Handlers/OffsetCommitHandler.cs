using Pipeline.Broker.Coordinators.Group;
using Pipeline.Broker.Network;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Broker.Handlers;

/// <summary>
/// OffsetCommit (8). Partitions of unknown topics (or past a topic's partition count) get
/// UNKNOWN_TOPIC_OR_PARTITION here, as Kafka answers them before the coordinator; the rest is
/// committed by the group coordinator and acknowledged once its records are fsynced.
/// </summary>
internal sealed class OffsetCommitHandler
{
    private readonly BrokerServices _broker;
    private readonly GroupCoordinator _groups;

    public OffsetCommitHandler(BrokerServices broker, GroupCoordinator groups)
    {
        _broker = broker;
        _groups = groups;
    }

    public async ValueTask<IResponseMessage?> HandleAsync(RequestContext context, OffsetCommitRequest request)
    {
        var image = _broker.Controller.Image;
        var valid = new List<OffsetCommitRequest.OffsetCommitRequestTopic>();
        var unknown = new Dictionary<(string, int), bool>();
        foreach (var topic in request.Topics)
        {
            image.TopicsByName.TryGetValue(topic.Name, out var known);
            var kept = new OffsetCommitRequest.OffsetCommitRequestTopic { Name = topic.Name };
            foreach (var p in topic.Partitions)
            {
                if (known is not null && p.PartitionIndex >= 0 && p.PartitionIndex < known.PartitionCount)
                {
                    kept.Partitions.Add(p);
                }
                else
                {
                    unknown[(topic.Name, p.PartitionIndex)] = true;
                }
            }

            if (kept.Partitions.Count > 0)
            {
                valid.Add(kept);
            }
        }

        OffsetCommitResponse? committed = null;
        if (valid.Count > 0)
        {
            var forward = new OffsetCommitRequest
            {
                GroupId = request.GroupId,
                GenerationIdOrMemberEpoch = request.GenerationIdOrMemberEpoch,
                MemberId = request.MemberId,
                GroupInstanceId = request.GroupInstanceId,
                RetentionTimeMs = request.RetentionTimeMs,
                Topics = valid,
            };
            committed = await _groups.CommitOffsetsAsync(GroupRequestContexts.From(context), forward).ConfigureAwait(false);
        }

        if (unknown.Count == 0 && committed is not null)
        {
            return committed;
        }

        // Answer in the order asked, merging the coordinator's results with the unknown partitions.
        var results = new Dictionary<(string, int), short>();
        foreach (var t in committed?.Topics ?? [])
        {
            foreach (var p in t.Partitions)
            {
                results[(t.Name, p.PartitionIndex)] = p.ErrorCode;
            }
        }

        var response = new OffsetCommitResponse();
        foreach (var topic in request.Topics)
        {
            var t = new OffsetCommitResponse.OffsetCommitResponseTopic { Name = topic.Name };
            foreach (var p in topic.Partitions)
            {
                var error = unknown.ContainsKey((topic.Name, p.PartitionIndex))
                    ? (short)ErrorCode.UnknownTopicOrPartition
                    : results.GetValueOrDefault((topic.Name, p.PartitionIndex));
                t.Partitions.Add(new OffsetCommitResponse.OffsetCommitResponsePartition { PartitionIndex = p.PartitionIndex, ErrorCode = error });
            }

            response.Topics.Add(t);
        }

        return response;
    }
}
