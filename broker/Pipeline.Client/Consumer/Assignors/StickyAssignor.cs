using Pipeline.Protocol;

namespace Pipeline.Client.Consumer.Assignors;

/// <summary>
/// "sticky" (KIP-54) under the eager protocol: members revoke everything before they rejoin, so
/// each one sends its previous assignment and generation in its user data, and the plan
/// (<see cref="StickyBalancer"/>) gives back as much of it as balance allows.
/// </summary>
public sealed class StickyAssignor : IConsumerPartitionAssignor
{
    public const string AssignorName = "sticky";

    public string Name => AssignorName;

    public IReadOnlyList<RebalanceProtocol> SupportedProtocols { get; } = [RebalanceProtocol.Eager];

    public byte[]? SubscriptionUserData(IReadOnlyCollection<string> topics, IReadOnlyCollection<TopicPartition> ownedPartitions, int generation) =>
        StickyUserData.EncodeAssignment(ownedPartitions, generation);

    public IReadOnlyDictionary<string, List<TopicPartition>> Assign(IReadOnlyDictionary<string, int> partitionsPerTopic, IReadOnlyList<MemberSubscription> members) =>
        StickyBalancer.Balance(partitionsPerTopic, members, m =>
        {
            if (StickyUserData.TryDecode(m.UserData, out var previous, out var generation) && previous.Count > 0)
            {
                return (previous, m.Generation >= 0 ? m.Generation : generation);
            }

            return (m.OwnedPartitions, m.Generation);
        });
}
