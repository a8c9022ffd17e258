using Pipeline.Protocol;

namespace Pipeline.Client.Consumer.Assignors;

/// <summary>What the built-in assignors share: member order and an empty result with every member in it.</summary>
internal static class AssignorSupport
{
    /// <summary>
    /// Kafka's member order (AbstractPartitionAssignor.MemberInfo): static members first, by
    /// group.instance.id, then dynamic members by member id. Range and round-robin hand out
    /// partitions in this order, so a restarted static member gets the same partitions back.
    /// </summary>
    public static int CompareMembers(MemberSubscription a, MemberSubscription b)
    {
        if (a.GroupInstanceId is not null && b.GroupInstanceId is not null)
        {
            var byInstance = string.CompareOrdinal(a.GroupInstanceId, b.GroupInstanceId);
            return byInstance != 0 ? byInstance : string.CompareOrdinal(a.MemberId, b.MemberId);
        }

        if (a.GroupInstanceId is not null)
        {
            return -1;
        }

        return b.GroupInstanceId is not null ? 1 : string.CompareOrdinal(a.MemberId, b.MemberId);
    }

    public static List<MemberSubscription> Sorted(IReadOnlyList<MemberSubscription> members)
    {
        var sorted = new List<MemberSubscription>(members);
        sorted.Sort(CompareMembers);
        return sorted;
    }

    public static Dictionary<string, List<TopicPartition>> Empty(IReadOnlyList<MemberSubscription> members)
    {
        var result = new Dictionary<string, List<TopicPartition>>(members.Count, StringComparer.Ordinal);
        foreach (var m in members)
        {
            result[m.MemberId] = [];
        }

        return result;
    }

    /// <summary>The subscribed topics that exist, sorted by name.</summary>
    public static List<string> ExistingTopics(IReadOnlyDictionary<string, int> partitionsPerTopic, IEnumerable<MemberSubscription> members)
    {
        var topics = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var m in members)
        {
            foreach (var t in m.Topics)
            {
                if (partitionsPerTopic.TryGetValue(t, out var n) && n > 0)
                {
                    topics.Add(t);
                }
            }
        }

        return [.. topics];
    }
}
