using Pipeline.Protocol.Primitives;
using Pipeline.Storage;

namespace Pipeline.Broker.Metadata;

/// <summary>
/// Rebuilds topic metadata from the partition directories when the metadata file is missing
/// (a first start, or a lost file): topic ids come from each partition's partition.metadata and
/// the partition count from the highest index found. Config overrides cannot be recovered and
/// fall back to the broker defaults.
/// </summary>
public static class MetadataRecovery
{
    public static MetadataImage FromLogs(string clusterId, LogManager logs, int nodeId)
    {
        var image = MetadataImage.Empty.WithClusterId(clusterId);
        foreach (var group in logs.Logs.GroupBy(l => l.TopicPartition.Topic, StringComparer.Ordinal))
        {
            var count = group.Max(l => l.TopicPartition.Partition) + 1;
            var id = group.Select(l => l.TopicId).FirstOrDefault(i => !i.IsZero);
            var partitions = Enumerable.Range(0, count).Select(i => new PartitionImage(i, nodeId, 0, [nodeId], [nodeId])).ToArray();
            image = image.WithTopic(new TopicImage(group.Key, id.IsZero ? Uuid.NewRandom() : id, partitions, new Dictionary<string, string>(StringComparer.Ordinal)));
        }

        return image;
    }
}
