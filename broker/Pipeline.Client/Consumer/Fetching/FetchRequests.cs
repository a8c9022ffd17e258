using Pipeline.Client.Config;
using Pipeline.Protocol.Messages;

namespace Pipeline.Client.Consumer.Fetching;

/// <summary>
/// Builds a consumer's Fetch: replica -1, full fetches without a session (session id 0, epoch -1:
/// KIP-227's "final epoch", so the broker keeps no state), the isolation level, client.rack (v11+),
/// and per partition its fetch offset and max.partition.fetch.bytes. Topics by id from v13.
/// </summary>
internal static class FetchRequests
{
    public static FetchRequest Build(PendingFetch fetch, short version, ConsumerOptions options)
    {
        var request = new FetchRequest
        {
            ReplicaId = -1,
            MaxWaitMs = (int)options.FetchMaxWait.TotalMilliseconds,
            MinBytes = options.FetchMinBytes,
            MaxBytes = options.FetchMaxBytes,
            IsolationLevel = (sbyte)options.IsolationLevel,
            SessionId = 0,
            SessionEpoch = -1,
            RackId = options.ClientRack,
        };

        FetchRequest.FetchTopic? topic = null;
        foreach (var p in fetch.Partitions)
        {
            var name = p.State.TopicPartition.Topic;
            if (topic is null || topic.Topic != name)
            {
                topic = request.Topics.Find(t => t.Topic == name);
                if (topic is null)
                {
                    topic = new FetchRequest.FetchTopic { Topic = name, TopicId = version >= 13 ? p.TopicId : default };
                    request.Topics.Add(topic);
                }
            }

            topic.Partitions.Add(new FetchRequest.FetchPartition
            {
                Partition = p.State.TopicPartition.Partition,
                CurrentLeaderEpoch = -1,
                FetchOffset = p.Offset,
                LastFetchedEpoch = -1,
                LogStartOffset = -1,
                PartitionMaxBytes = options.MaxPartitionFetchBytes,
            });
        }

        return request;
    }
}
