using Microsoft.Extensions.Logging;
using Pipeline.Broker.Coordinators.Group.Records;
using Pipeline.Broker.Coordinators.Runtime;
using Pipeline.Protocol.Messages;
using GroupResult = Pipeline.Broker.Coordinators.Runtime.CoordinatorResult<Pipeline.Broker.Coordinators.Group.Records.GroupCoordinatorRecord, Pipeline.Broker.Coordinators.Runtime.NoResponse>;

namespace Pipeline.Broker.Coordinators.Group;

/// <summary>
/// The group coordinator's state for one partition of <c>__consumer_offsets</c> (Kafka's
/// GroupCoordinatorShard): the groups whose id hashes to it and their committed offsets. Composes
/// the group store, the classic protocol and the offsets, replays records, and runs the periodic
/// clean-up of expired offsets and empty groups (<c>offsets.retention.check.interval.ms</c>).
/// Runs on the shard's loop (see <see cref="CoordinatorShardLoop{TShard, TRecord}"/>).
/// </summary>
public sealed class GroupCoordinatorShard : ICoordinatorShard<GroupCoordinatorRecord>
{
    public const string ExpirationKey = "expire-group-metadata";

    private readonly ICoordinatorShardContext<GroupCoordinatorRecord> _context;
    private readonly GroupCoordinatorConfig _config;
    private readonly ILogger _logger;

    public GroupCoordinatorShard(ICoordinatorShardContext<GroupCoordinatorRecord> context, GroupCoordinatorConfig config, ILogger logger)
    {
        _context = context;
        _config = config;
        _logger = logger;
        Groups = new GroupMetadataManager(context);
        Rebalancer = new ClassicGroupRebalancer(Groups, context, config, logger);
        Joins = new ClassicGroupJoin(Groups, Rebalancer, context, config);
        Membership = new ClassicGroupMembership(Groups, Rebalancer, context, logger);
        Offsets = new OffsetMetadataManager(Groups, Rebalancer, config, context.Time);
    }

    public GroupMetadataManager Groups { get; }

    public ClassicGroupRebalancer Rebalancer { get; }

    public ClassicGroupJoin Joins { get; }

    public ClassicGroupMembership Membership { get; }

    public OffsetMetadataManager Offsets { get; }

    public GroupResult JoinGroup(GroupRequestContext context, JoinGroupRequest request, TaskCompletionSource<JoinGroupResponse> response) =>
        Joins.Join(context, request, response);

    public GroupResult SyncGroup(SyncGroupRequest request, TaskCompletionSource<SyncGroupResponse> response) =>
        Membership.Sync(request, response);

    public CoordinatorResult<GroupCoordinatorRecord, HeartbeatResponse> Heartbeat(HeartbeatRequest request) => Membership.Heartbeat(request);

    public CoordinatorResult<GroupCoordinatorRecord, LeaveGroupResponse> LeaveGroup(LeaveGroupRequest request) => Membership.Leave(request);

    public CoordinatorResult<GroupCoordinatorRecord, OffsetCommitResponse> CommitOffsets(GroupRequestContext context, OffsetCommitRequest request) =>
        Offsets.Commit(context, request);

    public OffsetFetchResponse.OffsetFetchResponseGroup FetchOffsets(string groupId, List<OffsetFetchRequest.OffsetFetchRequestTopics>? topics) =>
        Offsets.Fetch(groupId, topics);

    public CoordinatorResult<GroupCoordinatorRecord, OffsetDeleteResponse> DeleteOffsets(OffsetDeleteRequest request) => Offsets.Delete(request);

    public List<ListGroupsResponse.ListedGroup> ListGroups(IReadOnlyCollection<string> states, IReadOnlyCollection<string> types) =>
        Groups.ListGroups(states, types);

    public List<DescribeGroupsResponse.DescribedGroup> DescribeGroups(IEnumerable<string> groupIds) => Groups.DescribeGroups(groupIds);

    /// <summary>DeleteGroups: every offset and the group itself get tombstones, for groups that are empty.</summary>
    public CoordinatorResult<GroupCoordinatorRecord, List<DeleteGroupsResponse.DeletableGroupResult>> DeleteGroups(IEnumerable<string> groupIds)
    {
        var results = new List<DeleteGroupsResponse.DeletableGroupResult>();
        var records = new List<GroupCoordinatorRecord>();
        foreach (var groupId in groupIds)
        {
            var result = new DeleteGroupsResponse.DeletableGroupResult { GroupId = groupId };
            results.Add(result);
            try
            {
                Groups.ValidateDeleteGroup(groupId);
                Offsets.DeleteAllOffsets(groupId, records);
                records.Add(GroupRecords.GroupTombstone(groupId));
            }
            catch (CoordinatorException e)
            {
                result.ErrorCode = (short)e.Error;
            }
        }

        return new(records, results);
    }

    /// <summary>Offsets of deleted topics are removed from every group.</summary>
    public GroupResult OnTopicsDeleted(IReadOnlySet<string> topics) => CoordinatorResults.Records(Offsets.OnTopicsDeleted(topics));

    /// <summary>The periodic clean-up: expired offsets, then groups left empty with no offsets.</summary>
    public GroupResult CleanupGroupMetadata()
    {
        var records = new List<GroupCoordinatorRecord>();
        foreach (var groupId in Groups.GroupIds.ToList())
        {
            if (Offsets.CleanupExpiredOffsets(groupId, records))
            {
                Groups.MaybeDeleteGroup(groupId, records);
            }
        }

        if (records.Count > 0)
        {
            GroupCoordinatorLog.Expired(_logger, records.Count, _context.PartitionIndex);
        }

        ScheduleExpiration();
        return CoordinatorResults.Records<GroupCoordinatorRecord>(records);
    }

    public void Replay(long offset, long producerId, GroupCoordinatorRecord record)
    {
        switch (record)
        {
            case OffsetCommitRecord commit:
                Offsets.Replay(offset, commit);
                break;
            case GroupMetadataRecord metadata:
                Groups.Replay(metadata);
                break;
        }
    }

    public void OnLoaded()
    {
        Rebalancer.OnLoaded();
        ScheduleExpiration();
    }

    public void OnUnloaded() => Rebalancer.OnUnloaded();

    private void ScheduleExpiration() =>
        _context.Timer.Schedule(ExpirationKey, TimeSpan.FromMilliseconds(_config.OffsetsRetentionCheckIntervalMs), CleanupGroupMetadata);
}
