using Pipeline.Broker.Network;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Broker.Handlers;

/// <summary>
/// DeleteRecords (21): moves a partition's log start offset forward (offset -1 = the high
/// watermark). Offsets past the high watermark are OFFSET_OUT_OF_RANGE; the answer carries the
/// new low watermark.
/// </summary>
internal sealed class DeleteRecordsHandler
{
    private readonly BrokerServices _broker;

    public DeleteRecordsHandler(BrokerServices broker)
    {
        _broker = broker;
    }

    public IResponseMessage Handle(RequestContext context, DeleteRecordsRequest request)
    {
        var response = new DeleteRecordsResponse();
        foreach (var topic in request.Topics)
        {
            var topicResult = new DeleteRecordsResponse.DeleteRecordsTopicResult { Name = topic.Name };
            response.Topics.Add(topicResult);
            foreach (var p in topic.Partitions)
            {
                var result = new DeleteRecordsResponse.DeleteRecordsPartitionResult { PartitionIndex = p.PartitionIndex, LowWatermark = -1 };
                topicResult.Partitions.Add(result);
                if (!_broker.Replicas.TryGetPartition(new TopicPartition(topic.Name, p.PartitionIndex), out var partition))
                {
                    result.ErrorCode = (short)ErrorCode.UnknownTopicOrPartition;
                    continue;
                }

                var log = partition.Log;
                var hw = log.HighWatermark;
                var offset = p.Offset == -1 ? hw : p.Offset;
                if (offset < 0 || offset > hw)
                {
                    result.ErrorCode = (short)ErrorCode.OffsetOutOfRange;
                    result.LowWatermark = log.LogStartOffset;
                    continue;
                }

                if (log.Config.Compact && !log.Config.Delete)
                {
                    result.ErrorCode = (short)ErrorCode.PolicyViolation;
                    continue;
                }

                if (offset > log.LogStartOffset)
                {
                    log.DeleteRecordsBefore(offset);
                }

                result.LowWatermark = log.LogStartOffset;
            }
        }

        return response;
    }
}
