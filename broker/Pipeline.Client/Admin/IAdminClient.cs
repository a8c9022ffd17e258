using Pipeline.Protocol;

namespace Pipeline.Client.Admin;

/// <summary>
/// Kafka's admin operations. Every operation retries retriable errors (NOT_CONTROLLER, leader
/// moves, coordinator loading, lost connections) until its deadline (<see cref="AdminCallOptions.Timeout"/>,
/// default.api.timeout.ms by default). Operations on several items return one result per item, in
/// request order, and throw <see cref="AdminOperationException{TResult}"/> (with every result) when
/// any item failed; single-answer operations throw <see cref="KafkaException"/>. Thread-safe.
/// </summary>
public interface IAdminClient : IDisposable, IAsyncDisposable
{
    Task<IReadOnlyList<CreateTopicReport>> CreateTopicsAsync(IEnumerable<TopicSpecification> topics, AdminCallOptions? options = null, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<TopicReport>> DeleteTopicsAsync(IEnumerable<string> topics, AdminCallOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Topic names, ids and whether internal, sorted by name (internal topics only with <see cref="AdminCallOptions.ListInternal"/>).</summary>
    Task<IReadOnlyList<TopicListing>> ListTopicsAsync(AdminCallOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Partitions with leader, epoch, replicas, ISR and offline replicas; topic ids.</summary>
    Task<IReadOnlyList<TopicDescription>> DescribeTopicsAsync(IEnumerable<string> topics, AdminCallOptions? options = null, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<TopicReport>> CreatePartitionsAsync(IEnumerable<PartitionsSpecification> specifications, AdminCallOptions? options = null, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DescribeConfigsReport>> DescribeConfigsAsync(IEnumerable<ConfigResource> resources, AdminCallOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Replaces each resource's whole set of overrides (the legacy AlterConfigs API; a null value is not allowed by brokers).</summary>
    Task<IReadOnlyList<ConfigResourceReport>> AlterConfigsAsync(IReadOnlyDictionary<ConfigResource, IReadOnlyDictionary<string, string?>> configs, AdminCallOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Sets, deletes, appends to or subtracts from individual configs (KIP-339).</summary>
    Task<IReadOnlyList<ConfigResourceReport>> IncrementalAlterConfigsAsync(IReadOnlyDictionary<ConfigResource, IReadOnlyList<ConfigAlteration>> alterations, AdminCallOptions? options = null, CancellationToken cancellationToken = default);

    Task<ClusterDescription> DescribeClusterAsync(AdminCallOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes every record before each given offset (<see cref="Offsets.HighWatermark"/> = all); returns the new low watermarks.</summary>
    Task<IReadOnlyList<DeleteRecordsReport>> DeleteRecordsAsync(IEnumerable<TopicPartitionOffset> beforeOffsets, AdminCallOptions? options = null, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ListOffsetsReport>> ListOffsetsAsync(IReadOnlyDictionary<TopicPartition, OffsetSpec> partitions, IsolationLevel isolationLevel = IsolationLevel.ReadUncommitted, AdminCallOptions? options = null, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<GroupListing>> ListGroupsAsync(AdminCallOptions? options = null, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<GroupDescription>> DescribeGroupsAsync(IEnumerable<string> groupIds, AdminCallOptions? options = null, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<GroupReport>> DeleteGroupsAsync(IEnumerable<string> groupIds, AdminCallOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Committed offsets: of the given partitions (-1 where none), or of every partition the group committed when <paramref name="partitions"/> is null.</summary>
    Task<IReadOnlyList<CommittedOffset>> ListConsumerGroupOffsetsAsync(string groupId, IEnumerable<TopicPartition>? partitions = null, AdminCallOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Commits offsets for a group with no active members (OffsetCommit, generation -1).</summary>
    Task<IReadOnlyList<TopicPartitionReport>> AlterConsumerGroupOffsetsAsync(string groupId, IEnumerable<TopicPartitionOffset> offsets, AdminCallOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Moves a group's offsets to the earliest, latest or first-after-a-time offset (kafka-consumer-groups --reset-offsets); returns what was committed.</summary>
    Task<IReadOnlyList<TopicPartitionOffset>> ResetConsumerGroupOffsetsAsync(string groupId, IEnumerable<TopicPartition> partitions, OffsetSpec spec, AdminCallOptions? options = null, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<TopicPartitionReport>> DeleteConsumerGroupOffsetsAsync(string groupId, IEnumerable<TopicPartition> partitions, AdminCallOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Per committed partition: committed offset, log end offset and their difference.</summary>
    Task<IReadOnlyList<PartitionLag>> ListConsumerGroupLagAsync(string groupId, AdminCallOptions? options = null, CancellationToken cancellationToken = default);
}
