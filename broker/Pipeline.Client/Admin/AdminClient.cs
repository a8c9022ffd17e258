using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Client.Config;
using Pipeline.Protocol;

namespace Pipeline.Client.Admin;

/// <summary>
/// The admin client: a façade over one collaborator per area (topics, configs, records and
/// offsets, cluster, groups, group offsets) sharing connections, metadata and the retry loop.
/// Nothing here depends on Pipeline's broker: any Kafka broker answers the same requests.
/// </summary>
public sealed class AdminClient : IAdminClient
{
    private readonly AdminContext _ctx;
    private readonly TopicAdmin _topics;
    private readonly ConfigAdmin _configs;
    private readonly RecordAdmin _records;
    private readonly ClusterAdmin _cluster;
    private readonly GroupAdmin _groups;
    private readonly GroupOffsetAdmin _groupOffsets;
    private int _disposed;

    public AdminClient(AdminClientOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _ctx = new AdminContext(options, (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Pipeline.Client.Admin"));
        _topics = new TopicAdmin(_ctx);
        _configs = new ConfigAdmin(_ctx);
        _records = new RecordAdmin(_ctx);
        _cluster = new ClusterAdmin(_ctx);
        _groups = new GroupAdmin(_ctx);
        _groupOffsets = new GroupOffsetAdmin(_ctx, _records);
    }

    public AdminClient(IEnumerable<KeyValuePair<string, string>> config, ILoggerFactory? loggerFactory = null)
        : this(AdminClientOptions.FromConfig(config), loggerFactory)
    {
    }

    public AdminClientOptions Options { get; }

    public Task<IReadOnlyList<CreateTopicReport>> CreateTopicsAsync(IEnumerable<TopicSpecification> topics, AdminCallOptions? options = null, CancellationToken cancellationToken = default) =>
        _topics.CreateTopicsAsync([.. topics], options, cancellationToken);

    public Task<IReadOnlyList<TopicReport>> DeleteTopicsAsync(IEnumerable<string> topics, AdminCallOptions? options = null, CancellationToken cancellationToken = default) =>
        _topics.DeleteTopicsAsync([.. topics], options, cancellationToken);

    public Task<IReadOnlyList<TopicListing>> ListTopicsAsync(AdminCallOptions? options = null, CancellationToken cancellationToken = default) =>
        _topics.ListTopicsAsync(options, cancellationToken);

    public Task<IReadOnlyList<TopicDescription>> DescribeTopicsAsync(IEnumerable<string> topics, AdminCallOptions? options = null, CancellationToken cancellationToken = default) =>
        _topics.DescribeTopicsAsync([.. topics], options, cancellationToken);

    public Task<IReadOnlyList<TopicReport>> CreatePartitionsAsync(IEnumerable<PartitionsSpecification> specifications, AdminCallOptions? options = null, CancellationToken cancellationToken = default) =>
        _topics.CreatePartitionsAsync([.. specifications], options, cancellationToken);

    public Task<IReadOnlyList<DescribeConfigsReport>> DescribeConfigsAsync(IEnumerable<ConfigResource> resources, AdminCallOptions? options = null, CancellationToken cancellationToken = default) =>
        _configs.DescribeConfigsAsync([.. resources], options, cancellationToken);

    public Task<IReadOnlyList<ConfigResourceReport>> AlterConfigsAsync(IReadOnlyDictionary<ConfigResource, IReadOnlyDictionary<string, string?>> configs, AdminCallOptions? options = null, CancellationToken cancellationToken = default) =>
        _configs.AlterConfigsAsync(configs, options, cancellationToken);

    public Task<IReadOnlyList<ConfigResourceReport>> IncrementalAlterConfigsAsync(IReadOnlyDictionary<ConfigResource, IReadOnlyList<ConfigAlteration>> alterations, AdminCallOptions? options = null, CancellationToken cancellationToken = default) =>
        _configs.IncrementalAlterConfigsAsync(alterations, options, cancellationToken);

    public Task<ClusterDescription> DescribeClusterAsync(AdminCallOptions? options = null, CancellationToken cancellationToken = default) =>
        _cluster.DescribeClusterAsync(options, cancellationToken);

    public Task<IReadOnlyList<DeleteRecordsReport>> DeleteRecordsAsync(IEnumerable<TopicPartitionOffset> beforeOffsets, AdminCallOptions? options = null, CancellationToken cancellationToken = default) =>
        _records.DeleteRecordsAsync([.. beforeOffsets], options, cancellationToken);

    public Task<IReadOnlyList<ListOffsetsReport>> ListOffsetsAsync(IReadOnlyDictionary<TopicPartition, OffsetSpec> partitions, IsolationLevel isolationLevel = IsolationLevel.ReadUncommitted, AdminCallOptions? options = null, CancellationToken cancellationToken = default) =>
        _records.ListOffsetsAsync(partitions, isolationLevel, options, cancellationToken);

    public Task<IReadOnlyList<GroupListing>> ListGroupsAsync(AdminCallOptions? options = null, CancellationToken cancellationToken = default) =>
        _groups.ListGroupsAsync(options, cancellationToken);

    public Task<IReadOnlyList<GroupDescription>> DescribeGroupsAsync(IEnumerable<string> groupIds, AdminCallOptions? options = null, CancellationToken cancellationToken = default) =>
        _groups.DescribeGroupsAsync([.. groupIds], options, cancellationToken);

    public Task<IReadOnlyList<GroupReport>> DeleteGroupsAsync(IEnumerable<string> groupIds, AdminCallOptions? options = null, CancellationToken cancellationToken = default) =>
        _groups.DeleteGroupsAsync([.. groupIds], options, cancellationToken);

    public Task<IReadOnlyList<CommittedOffset>> ListConsumerGroupOffsetsAsync(string groupId, IEnumerable<TopicPartition>? partitions = null, AdminCallOptions? options = null, CancellationToken cancellationToken = default) =>
        _groupOffsets.ListAsync(groupId, partitions?.ToList(), options, cancellationToken);

    public Task<IReadOnlyList<TopicPartitionReport>> AlterConsumerGroupOffsetsAsync(string groupId, IEnumerable<TopicPartitionOffset> offsets, AdminCallOptions? options = null, CancellationToken cancellationToken = default) =>
        _groupOffsets.AlterAsync(groupId, [.. offsets], options, cancellationToken);

    public Task<IReadOnlyList<TopicPartitionOffset>> ResetConsumerGroupOffsetsAsync(string groupId, IEnumerable<TopicPartition> partitions, OffsetSpec spec, AdminCallOptions? options = null, CancellationToken cancellationToken = default) =>
        _groupOffsets.ResetAsync(groupId, [.. partitions], spec, options, cancellationToken);

    public Task<IReadOnlyList<TopicPartitionReport>> DeleteConsumerGroupOffsetsAsync(string groupId, IEnumerable<TopicPartition> partitions, AdminCallOptions? options = null, CancellationToken cancellationToken = default) =>
        _groupOffsets.DeleteAsync(groupId, [.. partitions], options, cancellationToken);

    public Task<IReadOnlyList<PartitionLag>> ListConsumerGroupLagAsync(string groupId, AdminCallOptions? options = null, CancellationToken cancellationToken = default) =>
        _groupOffsets.LagAsync(groupId, options, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _ctx.DisposeAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
