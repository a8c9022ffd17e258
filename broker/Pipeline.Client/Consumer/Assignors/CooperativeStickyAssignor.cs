using Pipeline.Protocol;

namespace Pipeline.Client.Consumer.Assignors;

/// <summary>
/// "cooperative-sticky" (KIP-429): the sticky plan (<see cref="StickyBalancer"/>) under the
/// cooperative protocol: members report what they own and keep it while rejoining; the consumer
/// coordinator holds back partitions that change owner until their old owner has revoked them.
/// Also usable under the eager protocol (then nothing is owned at join time).
/// </summary>
public sealed class CooperativeStickyAssignor : IConsumerPartitionAssignor
{
    public const string AssignorName = "cooperative-sticky";

    public string Name => AssignorName;

    public IReadOnlyList<RebalanceProtocol> SupportedProtocols { get; } = [RebalanceProtocol.Cooperative, RebalanceProtocol.Eager];

    public byte[]? SubscriptionUserData(IReadOnlyCollection<string> topics, IReadOnlyCollection<TopicPartition> ownedPartitions, int generation) =>
        StickyUserData.EncodeGeneration(generation);

    public IReadOnlyDictionary<string, List<TopicPartition>> Assign(IReadOnlyDictionary<string, int> partitionsPerTopic, IReadOnlyList<MemberSubscription> members) =>
        StickyBalancer.Balance(partitionsPerTopic, members, m =>
        {
            var generation = m.Generation;
            if (generation < 0 && StickyUserData.TryDecode(m.UserData, out _, out var fromUserData))
            {
                generation = fromUserData;
            }

            return (m.OwnedPartitions, generation);
        });
}
