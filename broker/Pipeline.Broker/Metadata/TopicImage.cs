using Pipeline.Protocol.Primitives;

namespace Pipeline.Broker.Metadata;

/// <summary>One partition's placement: leader, replicas, in-sync replicas and leader epoch.</summary>
public sealed record PartitionImage(int Index, int Leader, int LeaderEpoch, IReadOnlyList<int> Replicas, IReadOnlyList<int> Isr);

/// <summary>An immutable description of a topic: id, partitions and its config overrides.</summary>
public sealed record TopicImage(string Name, Uuid TopicId, IReadOnlyList<PartitionImage> Partitions, IReadOnlyDictionary<string, string> Configs)
{
    public bool IsInternal => TopicNames.IsInternal(Name);

    public int PartitionCount => Partitions.Count;

    public short ReplicationFactor => (short)(Partitions.Count == 0 ? 0 : Partitions[0].Replicas.Count);
}
