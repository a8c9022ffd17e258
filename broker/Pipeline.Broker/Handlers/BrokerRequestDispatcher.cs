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
        _initProducerId = new InitProducerIdHandler(broker);
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
        request switch
        {
            ProduceRequest r => _produce.HandleAsync(context, r, cancellationToken),
            FetchRequest r => _fetch.HandleAsync(context, r, cancellationToken),
            ListOffsetsRequest r => Done(_listOffsets.Handle(context, r)),
            MetadataRequest r => _metadata.HandleAsync(context, r),
            ApiVersionsRequest r => Done(_apiVersions.Handle(context, r)),
            FindCoordinatorRequest r => _findCoordinator.HandleAsync(context, r),
            CreateTopicsRequest r => _createTopics.HandleAsync(context, r),
            DeleteTopicsRequest r => _deleteTopics.HandleAsync(context, r),
            CreatePartitionsRequest r => _createPartitions.HandleAsync(context, r),
            DeleteRecordsRequest r => Done(_deleteRecords.Handle(context, r)),
            OffsetForLeaderEpochRequest r => Done(_offsetForLeaderEpoch.Handle(context, r)),
            DescribeConfigsRequest r => Done(_describeConfigs.Handle(context, r)),
            AlterConfigsRequest r => _alterConfigs.HandleAsync(context, r),
            IncrementalAlterConfigsRequest r => _alterConfigs.HandleIncrementalAsync(context, r),
            DescribeLogDirsRequest r => Done(_describeLogDirs.Handle(context, r)),
            DescribeClusterRequest r => Done(_describeCluster.Handle(context, r)),
            InitProducerIdRequest r => Done(_initProducerId.Handle(context, r)),
            JoinGroupRequest r => _joinGroup.HandleAsync(context, r),
            SyncGroupRequest r => _syncGroup.HandleAsync(context, r),
            HeartbeatRequest r => _heartbeat.HandleAsync(context, r),
            LeaveGroupRequest r => _leaveGroup.HandleAsync(context, r),
            OffsetCommitRequest r => _offsetCommit.HandleAsync(context, r),
            OffsetFetchRequest r => _offsetFetch.HandleAsync(context, r),
            ListGroupsRequest r => _listGroups.HandleAsync(context, r),
            DescribeGroupsRequest r => _describeGroups.HandleAsync(context, r),
            DeleteGroupsRequest r => _deleteGroups.HandleAsync(context, r),
            OffsetDeleteRequest r => _offsetDelete.HandleAsync(context, r),
            ConsumerGroupDescribeRequest r => Done(_consumerGroupDescribe.Handle(context, r)),
            _ => throw new InvalidOperationException($"no handler for {request.ApiKey}"),
        };

    private static ValueTask<IResponseMessage?> Done(IResponseMessage response) => new(response);
}
