using Pipeline.Client.Config;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using Pipeline.Protocol.Primitives;
using Pipeline.Protocol.Records;

namespace Pipeline.Client.Producer;

/// <summary>Building a ProduceRequest from drained batches and finding each batch's answer in the response.</summary>
internal static class ProduceRequests
{
    /// <summary>Produce v3 is the first that carries record batch v2; zstd needs v7 (KIP-110).</summary>
    public static short MinVersion(CompressionType compression) => compression == CompressionType.Zstd ? (short)7 : (short)3;

    public static ProduceRequest Build(List<ProducerBatch> batches, ProducerOptions options)
    {
        var request = new ProduceRequest
        {
            TransactionalId = null,
            Acks = (short)options.Acks,
            TimeoutMs = (int)Math.Min(int.MaxValue, options.RequestTimeout.TotalMilliseconds),
        };
        var byTopic = new Dictionary<string, ProduceRequest.TopicProduceData>(StringComparer.Ordinal);
        foreach (var b in batches)
        {
            if (!byTopic.TryGetValue(b.TopicPartition.Topic, out var topic))
            {
                topic = new ProduceRequest.TopicProduceData { Name = b.TopicPartition.Topic };
                byTopic[topic.Name] = topic;
                request.TopicData.Add(topic);
            }

            topic.PartitionData.Add(new ProduceRequest.PartitionProduceData { Index = b.TopicPartition.Partition, Records = new RecordSet(b.Built) });
        }

        return request;
    }

    public static Dictionary<TopicPartition, ProduceResponse.PartitionProduceResponse> Index(ProduceResponse response)
    {
        var map = new Dictionary<TopicPartition, ProduceResponse.PartitionProduceResponse>();
        foreach (var t in response.Responses)
        {
            foreach (var p in t.PartitionResponses)
            {
                map[new TopicPartition(t.Name, p.Index)] = p;
            }
        }

        return map;
    }

    /// <summary>The partition's error with the broker's message, or its first record error (Produce v8+).</summary>
    public static KafkaError ErrorOf(ProduceResponse.PartitionProduceResponse p)
    {
        var message = p.ErrorMessage;
        if (string.IsNullOrEmpty(message) && p.RecordErrors.Count > 0)
        {
            var first = p.RecordErrors[0];
            message = $"record {first.BatchIndex}: {first.BatchIndexErrorMessage}";
        }

        return KafkaError.From(p.ErrorCode, message);
    }

    /// <summary>Errors after which the producer's metadata is stale (the leader moved or the topic changed).</summary>
    public static bool InvalidatesMetadata(ErrorCode code) => code is ErrorCode.NotLeaderOrFollower or ErrorCode.UnknownTopicOrPartition
        or ErrorCode.LeaderNotAvailable or ErrorCode.KafkaStorageError or ErrorCode.NetworkException or ErrorCode.RequestTimedOut
        or ErrorCode.FencedLeaderEpoch or ErrorCode.UnknownLeaderEpoch or ErrorCode.UnknownTopicId;
}
