using Pipeline.Protocol;

namespace Pipeline.Client.Consumer.Assignors;

/// <summary>
/// "roundrobin": every partition of every subscribed topic (topics by name, partitions in order)
/// is dealt in turn to the members (in member order), skipping members not subscribed to its topic.
/// </summary>
public sealed class RoundRobinAssignor : IConsumerPartitionAssignor
{
    public const string AssignorName = "roundrobin";

    public string Name => AssignorName;

    public IReadOnlyList<RebalanceProtocol> SupportedProtocols { get; } = [RebalanceProtocol.Eager];

    public IReadOnlyDictionary<string, List<TopicPartition>> Assign(IReadOnlyDictionary<string, int> partitionsPerTopic, IReadOnlyList<MemberSubscription> members)
    {
        var result = AssignorSupport.Empty(members);
        var sorted = AssignorSupport.Sorted(members);
        if (sorted.Count == 0)
        {
            return result;
        }

        var next = 0;
        foreach (var topic in AssignorSupport.ExistingTopics(partitionsPerTopic, members))
        {
            for (var p = 0; p < partitionsPerTopic[topic]; p++)
            {
                // Some member is subscribed (the topic came from a subscription), so this ends.
                while (!sorted[next].Topics.Contains(topic))
                {
                    next = (next + 1) % sorted.Count;
                }

                result[sorted[next].MemberId].Add(new TopicPartition(topic, p));
                next = (next + 1) % sorted.Count;
            }
        }

        return result;
    }
}
