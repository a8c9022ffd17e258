using Pipeline.Client.Network;
using Pipeline.Protocol.Primitives;

namespace Pipeline.Client.Consumer.Fetching;

/// <summary>The partitions of one Fetch request to one leader, with the epoch and offset each was fetched at.</summary>
internal sealed class PendingFetch
{
    public PendingFetch(int nodeId, KafkaConnection connection)
    {
        NodeId = nodeId;
        Connection = connection;
    }

    public int NodeId { get; }

    public KafkaConnection Connection { get; }

    public List<FetchedPartition> Partitions { get; } = [];

    /// <summary>False once a partition's topic has no id (an older broker): the request then names topics (Fetch v12 at most).</summary>
    public bool AllTopicIdsKnown { get; private set; } = true;

    public void Add(PartitionState state, int epoch, long offset, Uuid topicId)
    {
        Partitions.Add(new FetchedPartition(state, epoch, offset, topicId));
        if (topicId == default)
        {
            AllTopicIdsKnown = false;
        }
    }
}
