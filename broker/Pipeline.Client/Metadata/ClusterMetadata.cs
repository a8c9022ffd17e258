using Pipeline.Client.Network;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Client.Metadata;

/// <summary>
/// An immutable snapshot of the cluster: brokers, controller, topics. Readers keep a reference
/// and see one consistent view; <see cref="Merge"/> builds the next snapshot from a response.
/// </summary>
internal sealed class ClusterMetadata
{
    public static readonly ClusterMetadata Empty = new(0, null, -1, new Dictionary<int, BrokerNode>(), new Dictionary<string, TopicMetadata>(StringComparer.Ordinal));

    private ClusterMetadata(long version, string? clusterId, int controllerId, Dictionary<int, BrokerNode> brokers, Dictionary<string, TopicMetadata> topics)
    {
        Version = version;
        ClusterId = clusterId;
        ControllerId = controllerId;
        Brokers = brokers;
        Topics = topics;
    }

    /// <summary>Increases with every merged response; 0 means never updated.</summary>
    public long Version { get; }

    public string? ClusterId { get; }

    public int ControllerId { get; }

    public IReadOnlyDictionary<int, BrokerNode> Brokers { get; }

    public IReadOnlyDictionary<string, TopicMetadata> Topics { get; }

    public bool TryGetTopic(string name, out TopicMetadata topic) => Topics.TryGetValue(name, out topic!);

    /// <summary>The leader of a partition, or -1 when unknown.</summary>
    public int LeaderOf(string topic, int partition) =>
        Topics.TryGetValue(topic, out var t) && (uint)partition < (uint)t.Partitions.Length ? t.Partitions[partition].LeaderId : -1;

    public IEnumerable<(int NodeId, BrokerAddress Address)> BrokerAddresses()
    {
        foreach (var b in Brokers.Values)
        {
            yield return (b.Id, new BrokerAddress(b.Host, b.Port));
        }
    }

    /// <summary>
    /// The next snapshot: brokers and controller replaced; topics in the response replaced (all
    /// topics when <paramref name="allTopics"/>, which also drops topics the response lacks). A
    /// partition whose new leader epoch is older than the one known is kept as it was: that
    /// response came from a broker that has not caught up (Kafka's last-seen-epoch rule).
    /// </summary>
    public ClusterMetadata Merge(MetadataResponse response, bool allTopics)
    {
        var brokers = new Dictionary<int, BrokerNode>();
        foreach (var b in response.Brokers)
        {
            brokers[b.NodeId] = new BrokerNode(b.NodeId, b.Host, b.Port, b.Rack);
        }

        var topics = allTopics
            ? new Dictionary<string, TopicMetadata>(StringComparer.Ordinal)
            : new Dictionary<string, TopicMetadata>(Topics, StringComparer.Ordinal);
        foreach (var t in response.Topics)
        {
            if (t.Name is null)
            {
                continue;
            }

            Topics.TryGetValue(t.Name, out var previous);
            topics[t.Name] = Convert(t, previous);
        }

        return new ClusterMetadata(Version + 1, response.ClusterId ?? ClusterId, response.ControllerId, brokers, topics);
    }

    /// <summary>A copy without the named topics (metadata.max.idle.ms expiry).</summary>
    public ClusterMetadata Without(IReadOnlyCollection<string> names)
    {
        var topics = new Dictionary<string, TopicMetadata>(Topics, StringComparer.Ordinal);
        foreach (var n in names)
        {
            topics.Remove(n);
        }

        return new ClusterMetadata(Version + 1, ClusterId, ControllerId, new Dictionary<int, BrokerNode>(Brokers), topics);
    }

    private static TopicMetadata Convert(MetadataResponse.MetadataResponseTopic t, TopicMetadata? previous)
    {
        var error = (ErrorCode)t.ErrorCode;
        if (error != ErrorCode.None)
        {
            return new TopicMetadata(t.Name!, t.TopicId, t.IsInternal, error, []);
        }

        var count = 0;
        foreach (var p in t.Partitions)
        {
            count = Math.Max(count, p.PartitionIndex + 1);
        }

        var partitions = new PartitionMetadata[count];
        foreach (var p in t.Partitions)
        {
            var fresh = new PartitionMetadata(p.PartitionIndex, p.LeaderId, p.LeaderEpoch, p.ReplicaNodes, p.IsrNodes, p.OfflineReplicas, (ErrorCode)p.ErrorCode);
            if (previous is not null && previous.TopicId == t.TopicId && p.PartitionIndex < previous.Partitions.Length)
            {
                var old = previous.Partitions[p.PartitionIndex];
                if (old is not null && fresh.LeaderEpoch >= 0 && old.LeaderEpoch > fresh.LeaderEpoch)
                {
                    fresh = old;
                }
            }

            partitions[p.PartitionIndex] = fresh;
        }

        // A partition missing from the response (it never is, from a sane broker) has no leader.
        for (var i = 0; i < partitions.Length; i++)
        {
            partitions[i] ??= new PartitionMetadata(i, -1, -1, [], [], [], ErrorCode.LeaderNotAvailable);
        }

        return new TopicMetadata(t.Name!, t.TopicId, t.IsInternal, error, partitions);
    }
}
