using Pipeline.Broker.Network;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Broker.Handlers;

/// <summary>
/// OffsetForLeaderEpoch (23): the end offset of a leader epoch (the start of the next higher epoch,
/// or the log end offset), used by followers to truncate and by consumers (KIP-320) to validate
/// their position after a leader change.
/// </summary>
internal sealed class OffsetForLeaderEpochHandler
{
    private readonly BrokerServices _broker;

    public OffsetForLeaderEpochHandler(BrokerServices broker)
    {
        _broker = broker;
    }

    public IResponseMessage Handle(RequestContext context, OffsetForLeaderEpochRequest request)
    {
        var response = new OffsetForLeaderEpochResponse();
        foreach (var topic in request.Topics)
        {
            var topicResult = new OffsetForLeaderEpochResponse.OffsetForLeaderTopicResult { Topic = topic.Topic };
            response.Topics.Add(topicResult);
            foreach (var p in topic.Partitions)
            {
                var result = new OffsetForLeaderEpochResponse.EpochEndOffset { Partition = p.Partition, LeaderEpoch = -1, EndOffset = -1 };
                topicResult.Partitions.Add(result);
                if (!_broker.Replicas.TryGetPartition(new TopicPartition(topic.Topic, p.Partition), out var partition))
                {
                    result.ErrorCode = (short)ErrorCode.UnknownTopicOrPartition;
                    continue;
                }

                if (p.CurrentLeaderEpoch >= 0 && p.CurrentLeaderEpoch != partition.LeaderEpoch)
                {
                    result.ErrorCode = (short)(p.CurrentLeaderEpoch < partition.LeaderEpoch ? ErrorCode.FencedLeaderEpoch : ErrorCode.UnknownLeaderEpoch);
                    continue;
                }

                var (epoch, endOffset) = partition.Log.LeaderEpochs.EndOffsetFor(p.LeaderEpoch, partition.Log.LogEndOffset);
                result.LeaderEpoch = epoch;
                result.EndOffset = endOffset;
            }
        }

        return response;
    }
}
