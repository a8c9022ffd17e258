using Pipeline.Broker.Coordinators.Group.Records;
using Pipeline.Broker.Coordinators.Runtime;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Broker.Coordinators.Group;

/// <summary>
/// Committed offsets of one shard (Kafka's OffsetMetadataManager): group -> topic -> partition.
/// Commits and deletions return records and change nothing themselves; the state follows the
/// records through <see cref="Replay"/> (at load and after each append), so what is loaded after
/// a restart is exactly what was served. Pending transactional offsets (TxnOffsetCommit) are not
/// here yet: they would be kept per producer id beside <see cref="_offsets"/> and moved in by the
/// transaction marker.
/// Runs on the shard's loop.
/// </summary>
public sealed class OffsetMetadataManager
{
    private readonly Dictionary<string, Dictionary<string, Dictionary<int, OffsetAndMetadata>>> _offsets = new(StringComparer.Ordinal);
    private readonly GroupMetadataManager _groups;
    private readonly ClassicGroupRebalancer _rebalancer;
    private readonly GroupCoordinatorConfig _config;
    private readonly TimeProvider _time;

    public OffsetMetadataManager(GroupMetadataManager groups, ClassicGroupRebalancer rebalancer, GroupCoordinatorConfig config, TimeProvider time)
    {
        _groups = groups;
        _rebalancer = rebalancer;
        _config = config;
        _time = time;
    }

    private long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    public OffsetAndMetadata? Get(string groupId, string topic, int partition) =>
        _offsets.TryGetValue(groupId, out var topics) && topics.TryGetValue(topic, out var partitions) && partitions.TryGetValue(partition, out var o) ? o : null;

    public int CountOffsets(string groupId) => _offsets.TryGetValue(groupId, out var topics) ? topics.Values.Sum(p => p.Count) : 0;

    /// <summary>
    /// OffsetCommit: validates the committer against the group (a commit with generation -1 and
    /// no member creates a "simple" group when none exists) and returns one record per partition.
    /// A commit from a member of a Stable or rebalancing group also keeps its session alive.
    /// </summary>
    public CoordinatorResult<GroupCoordinatorRecord, OffsetCommitResponse> Commit(GroupRequestContext context, OffsetCommitRequest request)
    {
        var group = _groups.Get(request.GroupId);
        if (group is null)
        {
            if (request.GenerationIdOrMemberEpoch >= 0)
            {
                throw context.ApiVersion >= 9
                    ? new CoordinatorException(ErrorCode.GroupIdNotFound, $"Group {request.GroupId} not found.")
                    : new CoordinatorException(ErrorCode.IllegalGeneration, $"Group {request.GroupId} not found.");
            }

            group = _groups.GetOrCreate(request.GroupId);
        }

        group.ValidateOffsetCommit(request.MemberId, request.GroupInstanceId, request.GenerationIdOrMemberEpoch, isTransactional: false);
        if ((group.IsInState(ClassicGroupState.Stable) || group.IsInState(ClassicGroupState.PreparingRebalance))
            && group.TryGetMember(request.MemberId, out var member))
        {
            _rebalancer.RescheduleHeartbeat(group, member);
        }

        var now = NowMs;
        var expire = request.RetentionTimeMs == -1 ? -1 : now + request.RetentionTimeMs;
        var response = new OffsetCommitResponse();
        var records = new List<GroupCoordinatorRecord>();
        foreach (var topic in request.Topics)
        {
            var topicResponse = new OffsetCommitResponse.OffsetCommitResponseTopic { Name = topic.Name };
            response.Topics.Add(topicResponse);
            foreach (var p in topic.Partitions)
            {
                var result = new OffsetCommitResponse.OffsetCommitResponsePartition { PartitionIndex = p.PartitionIndex };
                topicResponse.Partitions.Add(result);
                if (p.CommittedMetadata is { } metadata && metadata.Length > _config.OffsetMetadataMaxBytes)
                {
                    result.ErrorCode = (short)ErrorCode.OffsetMetadataTooLarge;
                    continue;
                }

                var offset = new OffsetAndMetadata(
                    -1,
                    p.CommittedOffset,
                    p.CommittedLeaderEpoch,
                    p.CommittedMetadata ?? string.Empty,
                    p.CommitTimestamp == -1 ? now : p.CommitTimestamp,
                    expire);
                records.Add(GroupRecords.OffsetCommit(request.GroupId, topic.Name, p.PartitionIndex, offset));
            }
        }

        return new(records, response);
    }

    /// <summary>OffsetFetch of some partitions (null <paramref name="topics"/> = every committed one).
    /// An unknown group is not an error: its partitions have offset -1.</summary>
    public OffsetFetchResponse.OffsetFetchResponseGroup Fetch(string groupId, List<OffsetFetchRequest.OffsetFetchRequestTopics>? topics)
    {
        var result = new OffsetFetchResponse.OffsetFetchResponseGroup { GroupId = groupId };
        var known = _groups.Get(groupId) is { State: not ClassicGroupState.Dead };
        var committed = known ? _offsets.GetValueOrDefault(groupId) : null;
        if (topics is null)
        {
            if (committed is null)
            {
                return result;
            }

            foreach (var (topic, partitions) in committed)
            {
                var t = new OffsetFetchResponse.OffsetFetchResponseTopics { Name = topic };
                foreach (var (partition, offset) in partitions.OrderBy(p => p.Key))
                {
                    t.Partitions.Add(Partition(partition, offset));
                }

                result.Topics.Add(t);
            }

            return result;
        }

        foreach (var topic in topics)
        {
            var t = new OffsetFetchResponse.OffsetFetchResponseTopics { Name = topic.Name };
            var partitions = committed?.GetValueOrDefault(topic.Name);
            foreach (var partition in topic.PartitionIndexes)
            {
                t.Partitions.Add(Partition(partition, partitions?.GetValueOrDefault(partition)));
            }

            result.Topics.Add(t);
        }

        return result;
    }

    private static OffsetFetchResponse.OffsetFetchResponsePartitions Partition(int partition, OffsetAndMetadata? offset) => new()
    {
        PartitionIndex = partition,
        CommittedOffset = offset?.CommittedOffset ?? -1,
        CommittedLeaderEpoch = offset?.LeaderEpoch ?? -1,
        Metadata = offset?.Metadata ?? string.Empty,
    };

    /// <summary>
    /// OffsetDelete: GROUP_ID_NOT_FOUND for an unknown group, NON_EMPTY_GROUP for a non-consumer
    /// group with members, GROUP_SUBSCRIBED_TO_TOPIC for the topics a consumer group subscribes to;
    /// otherwise tombstones for the offsets that exist.
    /// </summary>
    public CoordinatorResult<GroupCoordinatorRecord, OffsetDeleteResponse> Delete(OffsetDeleteRequest request)
    {
        var group = _groups.GetOrThrow(request.GroupId);
        if ((group.State is ClassicGroupState.Stable or ClassicGroupState.PreparingRebalance or ClassicGroupState.CompletingRebalance)
            && !group.UsesConsumerProtocol)
        {
            throw new CoordinatorException(ErrorCode.NonEmptyGroup, $"Group {request.GroupId} has members.");
        }

        var response = new OffsetDeleteResponse();
        var records = new List<GroupCoordinatorRecord>();
        foreach (var topic in request.Topics)
        {
            var t = new OffsetDeleteResponse.OffsetDeleteResponseTopic { Name = topic.Name };
            response.Topics.Add(t);
            var subscribed = group.IsSubscribedToTopic(topic.Name);
            foreach (var p in topic.Partitions)
            {
                t.Partitions.Add(new OffsetDeleteResponse.OffsetDeleteResponsePartition
                {
                    PartitionIndex = p.PartitionIndex,
                    ErrorCode = subscribed ? (short)ErrorCode.GroupSubscribedToTopic : (short)0,
                });
                if (!subscribed && Get(request.GroupId, topic.Name, p.PartitionIndex) is not null)
                {
                    records.Add(GroupRecords.OffsetTombstone(request.GroupId, topic.Name, p.PartitionIndex));
                }
            }
        }

        return new(records, response);
    }

    /// <summary>Adds a tombstone for every offset of the group (DeleteGroups); returns how many.</summary>
    public int DeleteAllOffsets(string groupId, List<GroupCoordinatorRecord> records)
    {
        if (!_offsets.TryGetValue(groupId, out var topics))
        {
            return 0;
        }

        var n = 0;
        foreach (var (topic, partitions) in topics)
        {
            foreach (var partition in partitions.Keys)
            {
                records.Add(GroupRecords.OffsetTombstone(groupId, topic, partition));
                n++;
            }
        }

        return n;
    }

    /// <summary>
    /// Offsets retention (Kafka 2.1+, KIP-211): an offset expires <c>offsets.retention.minutes</c>
    /// after the group became Empty (after its commit for groups without membership, and for
    /// topics a Stable consumer group no longer subscribes to), or at the expire time an
    /// OffsetCommit v2-v4 set. Returns whether every offset of the group expired.
    /// </summary>
    public bool CleanupExpiredOffsets(string groupId, List<GroupCoordinatorRecord> records)
    {
        if (!_offsets.TryGetValue(groupId, out var topics))
        {
            return true;
        }

        if (_groups.Get(groupId) is not { } group)
        {
            return false;
        }

        Func<OffsetAndMetadata, long>? baseTimestamp = null;
        if (group.ProtocolType is null)
        {
            baseTimestamp = o => o.CommitTimestampMs;
        }
        else if (group.IsEmpty)
        {
            baseTimestamp = o => group.CurrentStateTimestamp >= 0 ? group.CurrentStateTimestamp : o.CommitTimestampMs;
        }
        else if (group.UsesConsumerProtocol && group.SubscribedTopics is not null && group.IsInState(ClassicGroupState.Stable))
        {
            baseTimestamp = o => o.CommitTimestampMs;
        }

        if (baseTimestamp is null)
        {
            return false;
        }

        var now = NowMs;
        var allExpired = true;
        foreach (var (topic, partitions) in topics)
        {
            if (group.IsSubscribedToTopic(topic))
            {
                allExpired = false;
                continue;
            }

            foreach (var (partition, offset) in partitions)
            {
                var expired = offset.ExpireTimestampMs >= 0
                    ? now >= offset.ExpireTimestampMs
                    : now - baseTimestamp(offset) >= _config.OffsetsRetentionMs;
                if (expired)
                {
                    records.Add(GroupRecords.OffsetTombstone(groupId, topic, partition));
                }
                else
                {
                    allExpired = false;
                }
            }
        }

        return allExpired;
    }

    /// <summary>Tombstones for every committed offset of the deleted topics, in every group.</summary>
    public List<GroupCoordinatorRecord> OnTopicsDeleted(IReadOnlySet<string> deletedTopics)
    {
        var records = new List<GroupCoordinatorRecord>();
        foreach (var (groupId, topics) in _offsets)
        {
            foreach (var (topic, partitions) in topics)
            {
                if (deletedTopics.Contains(topic))
                {
                    foreach (var partition in partitions.Keys)
                    {
                        records.Add(GroupRecords.OffsetTombstone(groupId, topic, partition));
                    }
                }
            }
        }

        return records;
    }

    public void Replay(long recordOffset, OffsetCommitRecord record)
    {
        var key = record.Key;
        if (record.Value is { } value)
        {
            // Offsets committed without membership make a "simple" group.
            _groups.GetOrCreate(key.Group);
            if (!_offsets.TryGetValue(key.Group, out var topics))
            {
                _offsets[key.Group] = topics = new Dictionary<string, Dictionary<int, OffsetAndMetadata>>(StringComparer.Ordinal);
            }

            if (!topics.TryGetValue(key.Topic, out var partitions))
            {
                topics[key.Topic] = partitions = [];
            }

            partitions[key.Partition] = new OffsetAndMetadata(recordOffset, value.Offset, value.LeaderEpoch, value.Metadata, value.CommitTimestamp, value.ExpireTimestamp);
            return;
        }

        if (_offsets.TryGetValue(key.Group, out var t) && t.TryGetValue(key.Topic, out var p) && p.Remove(key.Partition))
        {
            if (p.Count == 0)
            {
                t.Remove(key.Topic);
            }

            if (t.Count == 0)
            {
                _offsets.Remove(key.Group);
            }
        }
    }
}
