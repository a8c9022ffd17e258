using Pipeline.Protocol;

namespace Pipeline.Client.Consumer.Assignors;

/// <summary>
/// "range": per topic, the members subscribed to it (in member order) each take a contiguous run
/// of partitions; the first <c>partitions % members</c> take one more. Co-partitioned topics line
/// up (partition p of every topic goes to the same member), at the cost of balance across topics.
/// </summary>
public sealed class RangeAssignor : IConsumerPartitionAssignor
{
    public const string AssignorName = "range";

    public string Name => AssignorName;

    public IReadOnlyList<RebalanceProtocol> SupportedProtocols { get; } = [RebalanceProtocol.Eager];

    public IReadOnlyDictionary<string, List<TopicPartition>> Assign(IReadOnlyDictionary<string, int> partitionsPerTopic, IReadOnlyList<MemberSubscription> members)
    {
        var result = AssignorSupport.Empty(members);
        var sorted = AssignorSupport.Sorted(members);
        foreach (var topic in AssignorSupport.ExistingTopics(partitionsPerTopic, members))
        {
            var subscribers = sorted.FindAll(m => m.Topics.Contains(topic));
            var count = partitionsPerTopic[topic];
            var each = count / subscribers.Count;
            var extra = count % subscribers.Count;
            for (var i = 0; i < subscribers.Count; i++)
            {
                var start = (each * i) + Math.Min(i, extra);
                var length = each + (i < extra ? 1 : 0);
                var list = result[subscribers[i].MemberId];
                for (var p = start; p < start + length; p++)
                {
                    list.Add(new TopicPartition(topic, p));
                }
            }
        }

        return result;
    }
}
