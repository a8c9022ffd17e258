using Pipeline.Protocol;

namespace Pipeline.Client.Consumer.Assignors;

/// <summary>
/// A partition assignment strategy, run by the group leader (Kafka's ConsumerPartitionAssignor).
/// <see cref="Name"/> is the protocol name in JoinGroup: members of one group (any client) must
/// agree on one, so the built-ins use Kafka's names ("range", "roundrobin", "sticky",
/// "cooperative-sticky"). Implementations must be deterministic and thread-safe.
/// </summary>
public interface IConsumerPartitionAssignor
{
    string Name { get; }

    /// <summary>The rebalance protocols this assignor can work under; the consumer uses the best one all its assignors share.</summary>
    IReadOnlyList<RebalanceProtocol> SupportedProtocols { get; }

    /// <summary>
    /// The user data this member sends with its subscription (null for none). Given the topics,
    /// the partitions currently owned and the generation they were assigned in.
    /// </summary>
    byte[]? SubscriptionUserData(IReadOnlyCollection<string> topics, IReadOnlyCollection<TopicPartition> ownedPartitions, int generation) => null;

    /// <summary>
    /// The partitions of each member (every member id in <paramref name="members"/> must be a key).
    /// <paramref name="partitionsPerTopic"/> holds the subscribed topics that exist, with their
    /// partition counts.
    /// </summary>
    IReadOnlyDictionary<string, List<TopicPartition>> Assign(IReadOnlyDictionary<string, int> partitionsPerTopic, IReadOnlyList<MemberSubscription> members);
}
