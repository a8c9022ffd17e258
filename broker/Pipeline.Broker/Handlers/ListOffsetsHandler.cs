using Pipeline.Broker.Network;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Broker.Handlers;

/// <summary>
/// ListOffsets (2): earliest (-2), latest (-1: high watermark, or the last stable offset for
/// read_committed), max timestamp (-3, v7+), earliest local (-4, = earliest without tiered
/// storage), or the first offset whose timestamp is at or after a time. v0 answers with the old
/// offsets array.
/// </summary>
internal sealed class ListOffsetsHandler
{
    private const long Latest = -1;
    private const long Earliest = -2;
    private const long MaxTimestamp = -3;
    private const long EarliestLocal = -4;
    private const long LatestTiered = -5;

    private readonly BrokerServices _broker;

    public ListOffsetsHandler(BrokerServices broker)
    {
        _broker = broker;
    }

    public IResponseMessage Handle(RequestContext context, ListOffsetsRequest request)
    {
        var version = context.ApiVersion;
        var readCommitted = request.IsolationLevel == 1;
        var response = new ListOffsetsResponse();
        foreach (var topic in request.Topics)
        {
            var topicResponse = new ListOffsetsResponse.ListOffsetsTopicResponse { Name = topic.Name };
            response.Topics.Add(topicResponse);
            foreach (var p in topic.Partitions)
            {
                var result = new ListOffsetsResponse.ListOffsetsPartitionResponse { PartitionIndex = p.PartitionIndex, Timestamp = -1, Offset = -1 };
                topicResponse.Partitions.Add(result);
                if (!_broker.Replicas.TryGetPartition(new TopicPartition(topic.Name, p.PartitionIndex), out var partition))
                {
                    result.ErrorCode = (short)ErrorCode.UnknownTopicOrPartition;
                    continue;
                }

                if (p.CurrentLeaderEpoch >= 0 && p.CurrentLeaderEpoch != partition.LeaderEpoch)
                {
                    result.ErrorCode = (short)(p.CurrentLeaderEpoch < partition.LeaderEpoch ? ErrorCode.FencedLeaderEpoch : ErrorCode.UnknownLeaderEpoch);
                    continue;
                }

                var log = partition.Log;
                result.LeaderEpoch = partition.LeaderEpoch;
                switch (p.Timestamp)
                {
                    case Latest:
                    case LatestTiered when version >= 9:
                        result.Offset = readCommitted ? partition.LastStableOffset : log.HighWatermark;
                        break;
                    case Earliest:
                    case EarliestLocal when version >= 8:
                        result.Offset = log.LogStartOffset;
                        break;
                    case MaxTimestamp when version >= 7:
                        if (log.OffsetOfMaxTimestamp() is { } max)
                        {
                            result.Offset = max.Offset;
                            result.Timestamp = max.Timestamp;
                        }

                        break;
                    case < 0:
                        result.ErrorCode = (short)ErrorCode.UnsupportedVersion;
                        continue;
                    default:
                        if (log.FindOffsetByTimestamp(p.Timestamp) is { } found && found.Offset < (readCommitted ? partition.LastStableOffset : log.HighWatermark))
                        {
                            result.Offset = found.Offset;
                            result.Timestamp = found.Timestamp;
                        }

                        break;
                }

                if (version == 0)
                {
                    result.OldStyleOffsets = result.Offset >= 0 ? [result.Offset] : [];
                }
            }
        }

        return response;
    }
}
