using Microsoft.Extensions.Logging;
using Pipeline.Broker.Coordinators.Group;
using Pipeline.Broker.Network;
using Pipeline.Protocol.Messages;

namespace Pipeline.Broker.Handlers;

/// <summary>
/// Routes each request to its handler by API key (a switch, no reflection). Handlers are
/// stateless apart from the shared <see cref="BrokerServices"/> and safe to call concurrently.
/// </summary>
public sealed class BrokerRequestDispatcher : IRequestDispatcher
{
    private readonly ApiVersionsHandler _apiVersions = new();
    private readonly MetadataHandler _metadata;
    private readonly ProduceHandler _produce;
    private readonly FetchHandler _fetch;
    private readonly ListOffsetsHandler _listOffsets;
    private readonly CreateTopicsHandler _createTopics;
    private readonly DeleteTopicsHandler _deleteTopics;
    private readonly CreatePartitionsHandler _createPartitions;
    private readonly DescribeConfigsHandler _describeConfigs;
    private readonly AlterConfigsHandler _alterConfigs;
    private readonly DescribeClusterHandler _describeCluster;
    private readonly DeleteRecordsHandler _deleteRecords;
    private readonly FindCoordinatorHandler _findCoordinator;
    private readonly OffsetForLeaderEpochHandler _offsetForLeaderEpoch;
    private readonly DescribeLogDirsHandler _describeLogDirs;
    private readonly InitProducerIdHandler _initProducerId;
    private readonly JoinGroupHandler _joinGroup;
    private readonly SyncGroupHandler _syncGroup;
    private readonly HeartbeatHandler _heartbeat;
    private readonly LeaveGroupHandler _leaveGroup;
    private readonly OffsetCommitHandler _offsetCommit;
    private readonly OffsetFetchHandler _offsetFetch;
    private readonly ListGroupsHandler _listGroups;
    private readonly DescribeGroupsHandler _describeGroups;
    private readonly DeleteGroupsHandler _deleteGroups;
    private readonly OffsetDeleteHandler _offsetDelete;
    private readonly ConsumerGroupDescribeHandler _consumerGroupDescribe = new();

    public BrokerRequestDispatcher(BrokerServices broker, GroupCoordinator groups)
    {
        var configs = new TopicConfigDescriber(broker);
        _metadata = new MetadataHandler(broker);
        _produce = new ProduceHandler(broker, new Partitions.BatchAppender(broker.Time));
        _fetch = new FetchHandler(broker);
        _listOffsets = new ListOffsetsHandler(broker);
        _createTopics = new CreateTopicsHandler(broker, configs);
        _deleteTopics = new DeleteTopicsHandler(broker);
        _createPartitions = new CreatePartitionsHandler(broker);
        _describeConfigs = new DescribeConfigsHandler(broker, configs);
        _alterConfigs = new AlterConfigsHandler(broker, configs);
        _describeCluster = new DescribeClusterHandler(broker);
        _deleteRecords = new DeleteRecordsHandler(broker);
        _findCoordinator = new FindCoordinatorHandler(broker, groups);
        _offsetForLeaderEpoch = new OffsetForLeaderEpochHandler(broker);
        _describeLogDirs = new DescribeLogDirsHandler(broker);
        _initProducerId = new InitProducerIdHandler(broker, broker.Loggers.CreateLogger<InitProducerIdHandler>());
        _joinGroup = new JoinGroupHandler(groups);
        _syncGroup = new SyncGroupHandler(groups);
        _heartbeat = new HeartbeatHandler(groups);
        _leaveGroup = new LeaveGroupHandler(groups);
        _offsetCommit = new OffsetCommitHandler(broker, groups);
        _offsetFetch = new OffsetFetchHandler(groups);
        _listGroups = new ListGroupsHandler(groups);
        _describeGroups = new DescribeGroupsHandler(groups);
        _deleteGroups = new DeleteGroupsHandler(groups);
        _offsetDelete = new OffsetDeleteHandler(broker, groups);
    }

    public bool IsSupported(ApiKey key, short version) => SupportedApis.IsSupported(key, version);

    public ValueTask<IResponseMessage?> DispatchAsync(RequestContext context, IRequestMessage request, CancellationToken cancellationToken) =>
        // A switch on the key compiles to a jump table; the casts cannot fail because the
        // connection created the request from the same key.
        context.ApiKey switch
        {
            ApiKey.Produce => _produce.HandleAsync(context, (ProduceRequest)request, cancellationToken),
            ApiKey.Fetch => _fetch.HandleAsync(context, (FetchRequest)request, cancellationToken),
            ApiKey.ListOffsets => Done(_listOffsets.Handle(context, (ListOffsetsRequest)request)),
            ApiKey.Metadata => _metadata.HandleAsync(context, (MetadataRequest)request),
            ApiKey.ApiVersions => Done(_apiVersions.Handle(context, (ApiVersionsRequest)request)),
            ApiKey.FindCoordinator => _findCoordinator.HandleAsync(context, (FindCoordinatorRequest)request),
            ApiKey.CreateTopics => _createTopics.HandleAsync(context, (CreateTopicsRequest)request),
            ApiKey.DeleteTopics => _deleteTopics.HandleAsync(context, (DeleteTopicsRequest)request),
            ApiKey.CreatePartitions => _createPartitions.HandleAsync(context, (CreatePartitionsRequest)request),
            ApiKey.DeleteRecords => Done(_deleteRecords.Handle(context, (DeleteRecordsRequest)request)),
            ApiKey.OffsetForLeaderEpoch => Done(_offsetForLeaderEpoch.Handle(context, (OffsetForLeaderEpochRequest)request)),
            ApiKey.DescribeConfigs => Done(_describeConfigs.Handle(context, (DescribeConfigsRequest)request)),
            ApiKey.AlterConfigs => _alterConfigs.HandleAsync(context, (AlterConfigsRequest)request),
            ApiKey.IncrementalAlterConfigs => _alterConfigs.HandleIncrementalAsync(context, (IncrementalAlterConfigsRequest)request),
            ApiKey.DescribeLogDirs => Done(_describeLogDirs.Handle(context, (DescribeLogDirsRequest)request)),
            ApiKey.DescribeCluster => Done(_describeCluster.Handle(context, (DescribeClusterRequest)request)),
            ApiKey.InitProducerId => Done(_initProducerId.Handle(context, (InitProducerIdRequest)request)),
            ApiKey.JoinGroup => _joinGroup.HandleAsync(context, (JoinGroupRequest)request),
            ApiKey.SyncGroup => _syncGroup.HandleAsync(context, (SyncGroupRequest)request),
            ApiKey.Heartbeat => _heartbeat.HandleAsync(context, (HeartbeatRequest)request),
            ApiKey.LeaveGroup => _leaveGroup.HandleAsync(context, (LeaveGroupRequest)request),
            ApiKey.OffsetCommit => _offsetCommit.HandleAsync(context, (OffsetCommitRequest)request),
            ApiKey.OffsetFetch => _offsetFetch.HandleAsync(context, (OffsetFetchRequest)request),
            ApiKey.ListGroups => _listGroups.HandleAsync(context, (ListGroupsRequest)request),
            ApiKey.DescribeGroups => _describeGroups.HandleAsync(context, (DescribeGroupsRequest)request),
            ApiKey.DeleteGroups => _deleteGroups.HandleAsync(context, (DeleteGroupsRequest)request),
            ApiKey.OffsetDelete => _offsetDelete.HandleAsync(context, (OffsetDeleteRequest)request),
            ApiKey.ConsumerGroupDescribe => Done(_consumerGroupDescribe.Handle(context, (ConsumerGroupDescribeRequest)request)),
            _ => throw new InvalidOperationException($"no handler for {context.ApiKey}"),
        };

    private static ValueTask<IResponseMessage?> Done(IResponseMessage response) => new(response);
}
