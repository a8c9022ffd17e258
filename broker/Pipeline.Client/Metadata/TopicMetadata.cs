using Pipeline.Protocol;
using Pipeline.Protocol.Primitives;

namespace Pipeline.Client.Metadata;

/// <summary>
/// One topic in a metadata snapshot, partitions indexed by number. A topic the broker reported an
/// error for (UNKNOWN_TOPIC_OR_PARTITION, LEADER_NOT_AVAILABLE while it is being created) is kept
/// with its <see cref="Error"/> so that waiters can tell "absent" from "not asked yet".
/// </summary>
internal sealed class TopicMetadata
{
    public TopicMetadata(string name, Uuid topicId, bool isInternal, ErrorCode error, PartitionMetadata[] partitions)
    {
        Name = name;
        TopicId = topicId;
        IsInternal = isInternal;
        Error = error;
        Partitions = partitions;
        var available = new List<int>(partitions.Length);
        foreach (var p in partitions)
        {
            if (p.LeaderId >= 0)
            {
                available.Add(p.Partition);
            }
        }

        AvailablePartitions = [.. available];
    }

    public string Name { get; }

    public Uuid TopicId { get; }

    public bool IsInternal { get; }

    public ErrorCode Error { get; }

    /// <summary>Index i holds partition i.</summary>
    public PartitionMetadata[] Partitions { get; }

    /// <summary>Partitions that currently have a leader (the sticky partitioner picks among these).</summary>
    public int[] AvailablePartitions { get; }

    public int PartitionCount => Partitions.Length;

    /// <summary>Usable for producing: no topic error and at least one partition.</summary>
    public bool IsUsable => Error == ErrorCode.None && Partitions.Length > 0;
}
