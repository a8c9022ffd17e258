using System.Collections.Concurrent;
using Pipeline.Client.Metadata;

namespace Pipeline.Client.Producer;

/// <summary>
/// The partition that records without a key go to, per topic (KIP-480): it stays the same until
/// the producer needs a new batch for it, i.e. the previous batch was sent or filled; then a
/// different partition that has a leader is chosen at random. Thread-safe.
/// </summary>
internal sealed class StickyPartitionCache
{
    private readonly ConcurrentDictionary<string, int> _current = new(StringComparer.Ordinal);

    public int Partition(TopicMetadata topic) =>
        _current.TryGetValue(topic.Name, out var p) && p < topic.PartitionCount ? p : NextPartition(topic, -1);

    /// <summary>Moves the topic off <paramref name="previous"/> (unless another thread already did) and returns the new choice.</summary>
    public int NextPartition(TopicMetadata topic, int previous)
    {
        while (true)
        {
            var exists = _current.TryGetValue(topic.Name, out var old);
            if (exists && old != previous && old < topic.PartitionCount)
            {
                return old;
            }

            var next = Choose(topic, exists ? old : -1);
            if (exists ? _current.TryUpdate(topic.Name, next, old) : _current.TryAdd(topic.Name, next))
            {
                return next;
            }
        }
    }

    private static int Choose(TopicMetadata topic, int old)
    {
        var available = topic.AvailablePartitions;
        if (available.Length == 0)
        {
            return Random.Shared.Next(topic.PartitionCount);
        }

        if (available.Length == 1)
        {
            return available[0];
        }

        while (true)
        {
            var candidate = available[Random.Shared.Next(available.Length)];
            if (candidate != old)
            {
                return candidate;
            }
        }
    }
}
