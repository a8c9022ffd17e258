using Pipeline.Client.Metadata;
using Pipeline.Protocol.Messages;

namespace Pipeline.Client.Tests.Fixtures;

/// <summary>Metadata snapshots for unit tests, built the way the client builds them (from a MetadataResponse).</summary>
internal static class TestMetadata
{
    /// <summary>Brokers 1..<paramref name="brokers"/>; each topic's partition p is led by broker (p % brokers) + 1, or has no leader when <paramref name="leaderless"/> names it.</summary>
    public static ClusterMetadata Cluster(int brokers, IReadOnlyDictionary<string, int> topics, params (string Topic, int Partition)[] leaderless)
    {
        var response = new MetadataResponse { ClusterId = "test", ControllerId = 1 };
        for (var b = 1; b <= brokers; b++)
        {
            response.Brokers.Add(new MetadataResponse.MetadataResponseBroker { NodeId = b, Host = "127.0.0.1", Port = 9000 + b });
        }

        foreach (var (name, count) in topics)
        {
            var topic = new MetadataResponse.MetadataResponseTopic { Name = name, TopicId = new Protocol.Primitives.Uuid(1, name.Length) };
            for (var p = 0; p < count; p++)
            {
                var leader = leaderless.Contains((name, p)) ? -1 : (p % brokers) + 1;
                topic.Partitions.Add(new MetadataResponse.MetadataResponsePartition { PartitionIndex = p, LeaderId = leader, LeaderEpoch = 0, ReplicaNodes = [leader], IsrNodes = [leader] });
            }

            response.Topics.Add(topic);
        }

        return ClusterMetadata.Empty.Merge(response, allTopics: true);
    }
}
