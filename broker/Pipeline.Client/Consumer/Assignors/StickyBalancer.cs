using Pipeline.Protocol;

namespace Pipeline.Client.Consumer.Assignors;

/// <summary>
/// The plan behind "sticky" and "cooperative-sticky": balanced like round-robin, but every member
/// keeps as many of the partitions it already owns as balance allows. Steps:
/// <list type="number">
/// <item>Claims: each member keeps its owned partitions that still exist and that it is still
/// subscribed to; a partition claimed twice (a stale owner) goes to the higher generation.</item>
/// <item>When every member has the same subscription, quotas are exact: with P partitions and M
/// members each keeps at most ceil(P/M), and only P mod M members may keep that many; the rest
/// give up their surplus (the latest-listed partitions first).</item>
/// <item>Unowned partitions go, fewest-candidates first, to the least loaded member subscribed to them.</item>
/// <item>For mixed subscriptions, partitions then move one at a time from a member to one with at
/// least two fewer that can take them, until no such move exists (each move lowers the sum of
/// squared loads, so this ends).</item>
/// </list>
/// </summary>
internal static class StickyBalancer
{
    public static Dictionary<string, List<TopicPartition>> Balance(
        IReadOnlyDictionary<string, int> partitionsPerTopic,
        IReadOnlyList<MemberSubscription> members,
        Func<MemberSubscription, (IReadOnlyList<TopicPartition> Owned, int Generation)> ownership)
    {
        var result = AssignorSupport.Empty(members);
        if (members.Count == 0)
        {
            return result;
        }

        var order = new List<MemberSubscription>(members);
        order.Sort((a, b) => string.CompareOrdinal(a.MemberId, b.MemberId));
        var subscribed = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var m in order)
        {
            subscribed[m.MemberId] = new HashSet<string>(m.Topics.Where(t => partitionsPerTopic.TryGetValue(t, out var n) && n > 0), StringComparer.Ordinal);
        }

        var all = new List<TopicPartition>();
        foreach (var topic in AssignorSupport.ExistingTopics(partitionsPerTopic, members))
        {
            for (var p = 0; p < partitionsPerTopic[topic]; p++)
            {
                all.Add(new TopicPartition(topic, p));
            }
        }

        var claimed = Claim(order, subscribed, partitionsPerTopic, ownership, result);
        if (IsUniform(order, subscribed))
        {
            TrimToQuotas(order, result, all.Count, claimed);
        }

        AssignUnclaimed(order, subscribed, all, claimed, result);
        Rebalance(order, subscribed, result);
        return result;
    }

    private static HashSet<TopicPartition> Claim(
        List<MemberSubscription> order,
        Dictionary<string, HashSet<string>> subscribed,
        IReadOnlyDictionary<string, int> partitionsPerTopic,
        Func<MemberSubscription, (IReadOnlyList<TopicPartition> Owned, int Generation)> ownership,
        Dictionary<string, List<TopicPartition>> result)
    {
        var claims = order.Select(m => (Member: m, Own: ownership(m))).ToList();

        // Highest generation first; ties in member order (the sort is stable).
        claims = [.. claims.OrderByDescending(c => c.Own.Generation)];
        var claimed = new HashSet<TopicPartition>();
        foreach (var (member, own) in claims)
        {
            foreach (var tp in own.Owned)
            {
                if (subscribed[member.MemberId].Contains(tp.Topic) && tp.Partition >= 0 && tp.Partition < partitionsPerTopic[tp.Topic] && claimed.Add(tp))
                {
                    result[member.MemberId].Add(tp);
                }
            }
        }

        return claimed;
    }

    private static bool IsUniform(List<MemberSubscription> order, Dictionary<string, HashSet<string>> subscribed)
    {
        var first = subscribed[order[0].MemberId];
        return order.All(m => subscribed[m.MemberId].SetEquals(first));
    }

    private static void TrimToQuotas(List<MemberSubscription> order, Dictionary<string, List<TopicPartition>> result, int total, HashSet<TopicPartition> claimed)
    {
        var min = total / order.Count;
        var withExtra = total % order.Count;

        // Members that own the most keep the extra slots, so that the fewest partitions move.
        foreach (var m in order.OrderByDescending(m => result[m.MemberId].Count))
        {
            var list = result[m.MemberId];
            var quota = min;
            if (withExtra > 0 && list.Count > min)
            {
                quota = min + 1;
                withExtra--;
            }

            for (var i = list.Count - 1; i >= quota; i--)
            {
                claimed.Remove(list[i]);
                list.RemoveAt(i);
            }
        }
    }

    private static void AssignUnclaimed(
        List<MemberSubscription> order,
        Dictionary<string, HashSet<string>> subscribed,
        List<TopicPartition> all,
        HashSet<TopicPartition> claimed,
        Dictionary<string, List<TopicPartition>> result)
    {
        var candidates = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var topic in all.Select(p => p.Topic).Distinct())
        {
            candidates[topic] = [.. order.Where(m => subscribed[m.MemberId].Contains(topic)).Select(m => m.MemberId)];
        }

        var unclaimed = all.Where(p => !claimed.Contains(p)).OrderBy(p => candidates[p.Topic].Count).ToList();
        foreach (var tp in unclaimed)
        {
            string? best = null;
            foreach (var id in candidates[tp.Topic])
            {
                if (best is null || result[id].Count < result[best].Count)
                {
                    best = id;
                }
            }

            result[best!].Add(tp);
        }
    }

    private static void Rebalance(List<MemberSubscription> order, Dictionary<string, HashSet<string>> subscribed, Dictionary<string, List<TopicPartition>> result)
    {
        while (true)
        {
            var moved = false;
            foreach (var from in order.OrderByDescending(m => result[m.MemberId].Count).Select(m => m.MemberId).ToList())
            {
                var list = result[from];

                // The last-listed partitions are the newest arrivals: move those first.
                for (var i = list.Count - 1; i >= 0 && !moved; i--)
                {
                    var tp = list[i];
                    string? to = null;
                    foreach (var m in order)
                    {
                        var count = result[m.MemberId].Count;
                        if (count <= list.Count - 2 && subscribed[m.MemberId].Contains(tp.Topic) && (to is null || count < result[to].Count))
                        {
                            to = m.MemberId;
                        }
                    }

                    if (to is not null)
                    {
                        list.RemoveAt(i);
                        result[to].Add(tp);
                        moved = true;
                    }
                }

                if (moved)
                {
                    break;
                }
            }

            if (!moved)
            {
                return;
            }
        }
    }
}
