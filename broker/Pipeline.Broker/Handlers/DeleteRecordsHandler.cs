using Pipeline.Broker.Metadata;
using Pipeline.Broker.Network;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Broker.Handlers;

/// <summary>
/// DeleteRecords (21): moves a partition's log start offset forward (offset -1 = the high
/// watermark). Internal topics are INVALID_TOPIC_EXCEPTION, topics without the delete cleanup
/// policy POLICY_VIOLATION, offsets past the high watermark OFFSET_OUT_OF_RANGE; the answer
/// carries the new low watermark.
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
                result.ErrorCode = (short)Delete(new TopicPartition(topic.Name, p.PartitionIndex), p.Offset, out var lowWatermark);
                result.LowWatermark = lowWatermark;
            }
        }

        return response;
    }

    /// <summary>Kafka's checks in Kafka's order (ReplicaManager.deleteRecordsOnLocalLog,
    /// Partition.deleteRecordsOnLeader); a failed partition reports low watermark -1.</summary>
    private ErrorCode Delete(TopicPartition tp, long requested, out long lowWatermark)
    {
        lowWatermark = -1;
        if (TopicNames.IsInternal(tp.Topic))
        {
            return ErrorCode.InvalidTopicException;
        }

        if (!_broker.Replicas.TryGetPartition(tp, out var partition))
        {
            return ErrorCode.UnknownTopicOrPartition;
        }

        var log = partition.Log;
        if (!log.Config.Delete)
        {
            return ErrorCode.PolicyViolation;
        }

        var offset = requested == -1 ? log.HighWatermark : requested;
        if (offset < 0 || offset > log.HighWatermark)
        {
            return ErrorCode.OffsetOutOfRange;
        }

        var error = log.DeleteRecordsBefore(offset);
        if (error != ErrorCode.None)
        {
            return error;
        }

        lowWatermark = log.LogStartOffset;
        return ErrorCode.None;
    }
}
