using Microsoft.Extensions.Logging;
using Pipeline.Broker.Controller;
using Pipeline.Broker.Coordinators.Group.Records;
using Pipeline.Broker.Coordinators.Runtime;
using Pipeline.Broker.Metadata;
using Pipeline.Broker.Partitions;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Broker.Coordinators.Group;

/// <summary>
/// The group coordinator as the request handlers see it (Kafka's GroupCoordinatorService): finds
/// the <c>__consumer_offsets</c> partition of a group (abs(Java hashCode) % partitions), creates
/// the topic on first use, validates what needs no state, and schedules the operation on that
/// partition's shard. It follows the metadata image (an <see cref="IMetadataListener"/> placed
/// after the replica manager): partitions of <c>__consumer_offsets</c> this node leads are loaded,
/// removed ones unloaded, and offsets of deleted topics removed.
/// Threads: called from connection loops and the controller's publish path; state lives in the shards.
/// </summary>
public sealed class GroupCoordinator : IMetadataListener, IAsyncDisposable
{
    private static readonly TimeSpan LoadWait = TimeSpan.FromSeconds(5);

    private readonly GroupCoordinatorConfig _config;
    private readonly ClusterController _controller;
    private readonly ReplicaManager _replicas;
    private readonly CoordinatorRuntime<GroupCoordinatorShard, GroupCoordinatorRecord> _runtime;
    private readonly Dictionary<int, Partition> _loaded = [];
    private readonly object _createLock = new();
    private Task<ApiError>? _creating;
    private volatile bool _disposed;

    public GroupCoordinator(GroupCoordinatorConfig config, ClusterController controller, ReplicaManager replicas, TimeProvider time, ILoggerFactory loggers)
        : this(config, controller, replicas, time, loggers, runLoops: true)
    {
    }

    internal GroupCoordinator(GroupCoordinatorConfig config, ClusterController controller, ReplicaManager replicas, TimeProvider time, ILoggerFactory loggers, bool runLoops)
    {
        _config = config;
        _controller = controller;
        _replicas = replicas;
        var logger = loggers.CreateLogger<GroupCoordinator>();
        _runtime = new CoordinatorRuntime<GroupCoordinatorShard, GroupCoordinatorRecord>(
            context => new GroupCoordinatorShard(context, config, logger),
            GroupCoordinatorRecordSerde.Instance,
            time,
            logger,
            runLoops);
    }

    public GroupCoordinatorConfig Config => _config;

    internal CoordinatorRuntime<GroupCoordinatorShard, GroupCoordinatorRecord> Runtime => _runtime;

    /// <summary>Partitions of <c>__consumer_offsets</c>: the existing topic's count, else the configured one.</summary>
    public int PartitionCount =>
        _controller.Image.TopicsByName.TryGetValue(TopicNames.ConsumerOffsets, out var topic) ? topic.PartitionCount : _config.OffsetsTopicNumPartitions;

    public int PartitionFor(string groupId) => PartitionFor(groupId, PartitionCount);

    /// <summary>Kafka's <c>Utils.abs(groupId.hashCode()) % partitions</c> with Java's String.hashCode.</summary>
    public static int PartitionFor(string groupId, int partitions)
    {
        var h = 0;
        foreach (var c in groupId)
        {
            h = unchecked((31 * h) + c);
        }

        return (h == int.MinValue ? 0 : Math.Abs(h)) % partitions;
    }

    /// <summary>
    /// Creates <c>__consumer_offsets</c> when it does not exist yet (first FindCoordinator or group
    /// request, as Kafka): compacted, <c>offsets.topic.num.partitions</c> partitions, replication
    /// min(<c>offsets.topic.replication.factor</c>, live brokers).
    /// </summary>
    public Task<ApiError> EnsureOffsetsTopicAsync()
    {
        if (_controller.Image.TopicsByName.ContainsKey(TopicNames.ConsumerOffsets))
        {
            return Task.FromResult(ApiError.None);
        }

        lock (_createLock)
        {
            return _creating ??= CreateOffsetsTopicAsync();
        }
    }

    private async Task<ApiError> CreateOffsetsTopicAsync()
    {
        var spec = new CreateTopicSpec(
            TopicNames.ConsumerOffsets,
            _config.OffsetsTopicNumPartitions,
            (short)Math.Min(_config.OffsetsTopicReplicationFactor, _controller.LiveBrokers.Count),
            new Dictionary<string, string?>
            {
                ["cleanup.policy"] = "compact",
                ["compression.type"] = "producer",
                ["segment.bytes"] = _config.OffsetsTopicSegmentBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        var (error, _) = await _controller.CreateTopicAsync(spec, validateOnly: false).ConfigureAwait(false);
        if (error.Code is not (ErrorCode.None or ErrorCode.TopicAlreadyExists))
        {
            lock (_createLock)
            {
                _creating = null;
            }

            return error;
        }

        return ApiError.None;
    }

    /// <summary>For FindCoordinator: the topic exists and the group's shard finished loading (bounded wait).</summary>
    public async Task<ApiError> PrepareCoordinatorAsync(string groupId)
    {
        var error = await EnsureOffsetsTopicAsync().ConfigureAwait(false);
        if (error.IsError)
        {
            return new ApiError(ErrorCode.CoordinatorNotAvailable, error.Message);
        }

        await WaitForLoadAsync(PartitionFor(groupId)).ConfigureAwait(false);
        return ApiError.None;
    }

    /// <summary>
    /// The partition of <paramref name="groupId"/>, once the topic exists and its shard is loaded.
    /// A shard still loading after a few seconds answers COORDINATOR_LOAD_IN_PROGRESS, as Kafka
    /// does at once; the short wait spares clients the retry after the topic was just created.
    /// </summary>
    private async Task<int> ReadyAsync(string groupId)
    {
        await EnsureOffsetsTopicAsync().ConfigureAwait(false);
        var partition = PartitionFor(groupId);
        await WaitForLoadAsync(partition).ConfigureAwait(false);
        return partition;
    }

    private async Task WaitForLoadAsync(int partition)
    {
        var loaded = _runtime.WaitForLoadAsync(partition);
        if (loaded.IsCompleted)
        {
            return;
        }

        try
        {
            await loaded.WaitAsync(LoadWait).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Still loading: the operation answers COORDINATOR_LOAD_IN_PROGRESS.
        }
    }

    public async Task<JoinGroupResponse> JoinGroupAsync(GroupRequestContext context, JoinGroupRequest request)
    {
        if (request.GroupId.Length == 0)
        {
            return ClassicGroupRebalancer.JoinError(ErrorCode.InvalidGroupId, request.MemberId);
        }

        if (request.SessionTimeoutMs < _config.MinSessionTimeoutMs || request.SessionTimeoutMs > _config.MaxSessionTimeoutMs)
        {
            return ClassicGroupRebalancer.JoinError(ErrorCode.InvalidSessionTimeout, request.MemberId);
        }

        var response = NewCompletion<JoinGroupResponse>();
        try
        {
            var partition = await ReadyAsync(request.GroupId).ConfigureAwait(false);
            await _runtime.ScheduleWriteAsync(partition, "classic-group-join", s => s.JoinGroup(context, request, response)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            response.TrySetResult(ClassicGroupRebalancer.JoinError(CoordinatorException.ToClientError(e), request.MemberId));
        }

        return await response.Task.ConfigureAwait(false);
    }

    public async Task<SyncGroupResponse> SyncGroupAsync(SyncGroupRequest request)
    {
        if (request.GroupId.Length == 0)
        {
            return new SyncGroupResponse { ErrorCode = (short)ErrorCode.InvalidGroupId };
        }

        var response = NewCompletion<SyncGroupResponse>();
        try
        {
            var partition = await ReadyAsync(request.GroupId).ConfigureAwait(false);
            await _runtime.ScheduleWriteAsync(partition, "classic-group-sync", s => s.SyncGroup(request, response)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            response.TrySetResult(new SyncGroupResponse { ErrorCode = (short)CoordinatorException.ToClientError(e) });
        }

        return await response.Task.ConfigureAwait(false);
    }

    public async Task<HeartbeatResponse> HeartbeatAsync(HeartbeatRequest request)
    {
        if (request.GroupId.Length == 0)
        {
            return new HeartbeatResponse { ErrorCode = (short)ErrorCode.InvalidGroupId };
        }

        try
        {
            var partition = await ReadyAsync(request.GroupId).ConfigureAwait(false);
            return await _runtime.ScheduleWriteAsync(partition, "classic-group-heartbeat", s => s.Heartbeat(request)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var error = CoordinatorException.ToClientError(e);

            // A loading coordinator cannot judge the member yet: Kafka answers as if all were well.
            return new HeartbeatResponse { ErrorCode = error == ErrorCode.CoordinatorLoadInProgress ? (short)0 : (short)error };
        }
    }

    /// <summary>LeaveGroup in its v3+ shape (members listed).</summary>
    public async Task<LeaveGroupResponse> LeaveGroupAsync(LeaveGroupRequest request)
    {
        if (request.GroupId.Length == 0)
        {
            return new LeaveGroupResponse { ErrorCode = (short)ErrorCode.InvalidGroupId };
        }

        try
        {
            var partition = await ReadyAsync(request.GroupId).ConfigureAwait(false);
            return await _runtime.ScheduleWriteAsync(partition, "classic-group-leave", s => s.LeaveGroup(request)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var error = CoordinatorException.ToClientError(e);
            var response = new LeaveGroupResponse();
            if (error == ErrorCode.UnknownMemberId)
            {
                // The group does not exist: every member is unknown.
                foreach (var m in request.Members)
                {
                    response.Members.Add(new LeaveGroupResponse.MemberResponse { MemberId = m.MemberId, GroupInstanceId = m.GroupInstanceId, ErrorCode = (short)error });
                }
            }
            else
            {
                response.ErrorCode = (short)error;
            }

            return response;
        }
    }

    /// <summary>OffsetCommit of partitions of existing topics (the handler answers the others).</summary>
    public async Task<OffsetCommitResponse> CommitOffsetsAsync(GroupRequestContext context, OffsetCommitRequest request)
    {
        try
        {
            var partition = await ReadyAsync(request.GroupId).ConfigureAwait(false);
            return await _runtime.ScheduleWriteAsync(partition, "commit-offset", s => s.CommitOffsets(context, request)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var error = (short)CoordinatorException.ToClientError(e);
            var response = new OffsetCommitResponse();
            foreach (var topic in request.Topics)
            {
                var t = new OffsetCommitResponse.OffsetCommitResponseTopic { Name = topic.Name };
                foreach (var p in topic.Partitions)
                {
                    t.Partitions.Add(new OffsetCommitResponse.OffsetCommitResponsePartition { PartitionIndex = p.PartitionIndex, ErrorCode = error });
                }

                response.Topics.Add(t);
            }

            return response;
        }
    }

    /// <summary>OffsetFetch of one group; null <paramref name="topics"/> = every committed partition.</summary>
    public async Task<OffsetFetchResponse.OffsetFetchResponseGroup> FetchOffsetsAsync(string groupId, List<OffsetFetchRequest.OffsetFetchRequestTopics>? topics)
    {
        try
        {
            var partition = await ReadyAsync(groupId).ConfigureAwait(false);
            return await _runtime.ScheduleReadAsync(partition, "fetch-offsets", s => s.FetchOffsets(groupId, topics)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var error = CoordinatorException.ToClientError(e);

            // Kafka remaps these to NOT_COORDINATOR: consumers before 3.9 retry only that.
            if (e is CoordinatorException { Error: ErrorCode.UnknownTopicOrPartition or ErrorCode.NotEnoughReplicas or ErrorCode.RequestTimedOut })
            {
                error = ErrorCode.NotCoordinator;
            }

            return new OffsetFetchResponse.OffsetFetchResponseGroup { GroupId = groupId, ErrorCode = (short)error };
        }
    }

    public async Task<OffsetDeleteResponse> DeleteOffsetsAsync(OffsetDeleteRequest request)
    {
        if (request.GroupId.Length == 0)
        {
            return new OffsetDeleteResponse { ErrorCode = (short)ErrorCode.InvalidGroupId };
        }

        try
        {
            var partition = await ReadyAsync(request.GroupId).ConfigureAwait(false);
            return await _runtime.ScheduleWriteAsync(partition, "delete-offsets", s => s.DeleteOffsets(request)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            return new OffsetDeleteResponse { ErrorCode = (short)CoordinatorException.ToClientError(e) };
        }
    }

    /// <summary>ListGroups over every shard here; a shard that left meanwhile is skipped, any other error fails the listing.</summary>
    public async Task<(ErrorCode Error, List<ListGroupsResponse.ListedGroup> Groups)> ListGroupsAsync(IReadOnlyCollection<string> states, IReadOnlyCollection<string> types)
    {
        var reads = _runtime.Partitions.Select(p => _runtime.ScheduleReadAsync(p, "list-groups", s => s.ListGroups(states, types))).ToList();
        var groups = new List<ListGroupsResponse.ListedGroup>();
        var error = ErrorCode.None;
        foreach (var read in reads)
        {
            try
            {
                groups.AddRange(await read.ConfigureAwait(false));
            }
            catch (Exception e)
            {
                var code = CoordinatorException.ToClientError(e);
                if (code != ErrorCode.NotCoordinator)
                {
                    error = code;
                }
            }
        }

        return error == ErrorCode.None ? (error, groups) : (error, []);
    }

    public async Task<List<DescribeGroupsResponse.DescribedGroup>> DescribeGroupsAsync(IReadOnlyList<string> groupIds)
    {
        await EnsureOffsetsTopicAsync().ConfigureAwait(false);
        var byPartition = groupIds.Distinct().GroupBy(PartitionFor).ToList();
        var results = new List<DescribeGroupsResponse.DescribedGroup>();
        foreach (var batch in byPartition)
        {
            var ids = batch.ToList();
            try
            {
                results.AddRange(await _runtime.ScheduleReadAsync(batch.Key, "describe-groups", s => s.DescribeGroups(ids)).ConfigureAwait(false));
            }
            catch (Exception e)
            {
                var error = (short)CoordinatorException.ToClientError(e);
                results.AddRange(ids.Select(id => new DescribeGroupsResponse.DescribedGroup { GroupId = id, ErrorCode = error }));
            }
        }

        // Answer in the order asked.
        return groupIds.Select(id => results.First(r => r.GroupId == id)).ToList();
    }

    public async Task<List<DeleteGroupsResponse.DeletableGroupResult>> DeleteGroupsAsync(IReadOnlyList<string> groupIds)
    {
        await EnsureOffsetsTopicAsync().ConfigureAwait(false);
        var results = new List<DeleteGroupsResponse.DeletableGroupResult>();
        foreach (var batch in groupIds.Distinct().GroupBy(PartitionFor))
        {
            var ids = batch.ToList();
            try
            {
                results.AddRange(await _runtime.ScheduleWriteAsync(batch.Key, "delete-groups", s => s.DeleteGroups(ids)).ConfigureAwait(false));
            }
            catch (Exception e)
            {
                var error = (short)CoordinatorException.ToClientError(e);
                results.AddRange(ids.Select(id => new DeleteGroupsResponse.DeletableGroupResult { GroupId = id, ErrorCode = error }));
            }
        }

        return results;
    }

    public Task OnMetadataChangedAsync(MetadataImage previous, MetadataImage current)
    {
        if (_disposed)
        {
            return Task.CompletedTask;
        }

        current.TopicsByName.TryGetValue(TopicNames.ConsumerOffsets, out var offsetsTopic);
        lock (_loaded)
        {
            foreach (var (index, partition) in _loaded.ToList())
            {
                if (offsetsTopic is null || !_replicas.TryGetPartition(partition.TopicPartition, out var now) || !ReferenceEquals(now, partition))
                {
                    _loaded.Remove(index);
                    _ = _runtime.ScheduleUnloadAsync(index);
                }
            }

            if (offsetsTopic is not null)
            {
                foreach (var p in offsetsTopic.Partitions)
                {
                    if (!_loaded.ContainsKey(p.Index) && _replicas.TryGetPartition(new TopicPartition(TopicNames.ConsumerOffsets, p.Index), out var partition))
                    {
                        _loaded[p.Index] = partition;
                        _runtime.ScheduleLoad(p.Index, new PartitionCoordinatorLog(partition));
                    }
                }
            }
        }

        var deleted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, topic) in previous.TopicsByName)
        {
            if (name != TopicNames.ConsumerOffsets && (!current.TopicsByName.TryGetValue(name, out var still) || still.TopicId != topic.TopicId))
            {
                deleted.Add(name);
            }
        }

        if (deleted.Count > 0)
        {
            foreach (var partition in _runtime.Partitions)
            {
                // Best effort, as Kafka: a shard that is not active has nothing loaded to clean.
                _runtime.ScheduleWriteAsync(partition, "on-topics-deleted", s => s.OnTopicsDeleted(deleted))
                    .ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
        }

        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        lock (_loaded)
        {
            _loaded.Clear();
        }

        await _runtime.DisposeAsync().ConfigureAwait(false);
    }

    private static TaskCompletionSource<T> NewCompletion<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
