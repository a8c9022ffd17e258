using Pipeline.Broker.Coordinators.Group.Records;
using Pipeline.Broker.Coordinators.Runtime;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Broker.Coordinators.Group;

/// <summary>
/// The groups of one shard (Kafka's GroupMetadataManager, minus the classic protocol itself, which
/// lives in <see cref="ClassicGroupJoin"/>, <see cref="ClassicGroupMembership"/> and
/// <see cref="ClassicGroupRebalancer"/>): lookup and creation, replay of group records, and the
/// administrative reads and deletes (ListGroups, DescribeGroups, DeleteGroups).
/// Runs on the shard's loop.
/// </summary>
public sealed class GroupMetadataManager
{
    private readonly Dictionary<string, ClassicGroup> _groups = new(StringComparer.Ordinal);
    private readonly ICoordinatorShardContext<GroupCoordinatorRecord> _context;

    public GroupMetadataManager(ICoordinatorShardContext<GroupCoordinatorRecord> context)
    {
        _context = context;
    }

    public IEnumerable<ClassicGroup> Groups => _groups.Values;

    public IReadOnlyCollection<string> GroupIds => _groups.Keys;

    public ClassicGroup? Get(string groupId) => _groups.GetValueOrDefault(groupId);

    /// <summary>The group, created Empty (without protocol type: a "simple" group until someone joins) when absent.</summary>
    public ClassicGroup GetOrCreate(string groupId)
    {
        if (!_groups.TryGetValue(groupId, out var group))
        {
            group = NewGroup(groupId, ClassicGroupState.Empty);
            _groups[groupId] = group;
        }

        return group;
    }

    /// <summary>The group, or GROUP_ID_NOT_FOUND (also for a Dead one).</summary>
    public ClassicGroup GetOrThrow(string groupId) =>
        _groups.TryGetValue(groupId, out var group) && group.State != ClassicGroupState.Dead
            ? group
            : throw new CoordinatorException(ErrorCode.GroupIdNotFound, $"Group {groupId} not found.");

    public void Remove(string groupId)
    {
        if (_groups.Remove(groupId, out var group) && group.State != ClassicGroupState.Dead)
        {
            group.TransitionTo(ClassicGroupState.Dead);
        }
    }

    /// <summary>Loads a stored generation (members with their assignment, Stable) or an empty group; a tombstone removes it.</summary>
    public void Replay(GroupMetadataRecord record)
    {
        var groupId = record.Key.Group;
        if (record.Value is not { } value)
        {
            Remove(groupId);
            return;
        }

        var group = NewGroup(groupId, value.Members.Count == 0 ? ClassicGroupState.Empty : ClassicGroupState.Stable);
        group.GenerationId = value.Generation;
        group.ProtocolType = value.ProtocolType.Length == 0 ? null : value.ProtocolType;
        group.ProtocolName = value.Protocol;
        group.CurrentStateTimestamp = value.CurrentStateTimestamp;
        foreach (var m in value.Members)
        {
            var protocols = new[] { new ClassicProtocol(value.Protocol ?? string.Empty, m.Subscription) };
            group.Add(new ClassicGroupMember(
                m.MemberId,
                m.GroupInstanceId,
                m.ClientId,
                m.ClientHost,
                m.RebalanceTimeout == -1 ? m.SessionTimeout : m.RebalanceTimeout,
                m.SessionTimeout,
                value.ProtocolType,
                protocols,
                m.Assignment));
        }

        group.RestoreLeader(value.Leader);
        group.SubscribedTopics = group.ComputeSubscribedTopics();
        _groups[groupId] = group;
    }

    public List<ListGroupsResponse.ListedGroup> ListGroups(IReadOnlyCollection<string> statesFilter, IReadOnlyCollection<string> typesFilter)
    {
        var states = new HashSet<string>(statesFilter.Select(s => s.Trim().ToLowerInvariant()), StringComparer.Ordinal);
        var types = new HashSet<string>(typesFilter.Select(t => t.Trim().ToLowerInvariant()), StringComparer.Ordinal);
        var listed = new List<ListGroupsResponse.ListedGroup>();
        foreach (var group in _groups.Values)
        {
            var state = ClassicGroupStates.Name(group.State);
            if (states.Count > 0 && !states.Contains(state.ToLowerInvariant()))
            {
                continue;
            }

            if (types.Count > 0 && !types.Contains("classic"))
            {
                continue;
            }

            listed.Add(new ListGroupsResponse.ListedGroup
            {
                GroupId = group.GroupId,
                ProtocolType = group.ProtocolType ?? string.Empty,
                GroupState = state,
                GroupType = "classic",
            });
        }

        return listed;
    }

    /// <summary>Kafka's DescribeGroups: members with metadata and assignment only when Stable; an
    /// unknown group is described as Dead without an error.</summary>
    public List<DescribeGroupsResponse.DescribedGroup> DescribeGroups(IEnumerable<string> groupIds)
    {
        var described = new List<DescribeGroupsResponse.DescribedGroup>();
        foreach (var groupId in groupIds)
        {
            if (!_groups.TryGetValue(groupId, out var group) || group.State == ClassicGroupState.Dead)
            {
                described.Add(new DescribeGroupsResponse.DescribedGroup
                {
                    GroupId = groupId,
                    GroupState = ClassicGroupStates.Name(ClassicGroupState.Dead),
                    ProtocolType = string.Empty,
                    ProtocolData = string.Empty,
                });
                continue;
            }

            var stable = group.State == ClassicGroupState.Stable;
            var result = new DescribeGroupsResponse.DescribedGroup
            {
                GroupId = groupId,
                GroupState = ClassicGroupStates.Name(group.State),
                ProtocolType = group.ProtocolType ?? string.Empty,
                ProtocolData = stable ? group.ProtocolName ?? string.Empty : string.Empty,
            };
            foreach (var m in group.Members)
            {
                result.Members.Add(m.Describe(stable ? group.ProtocolName : null));
            }

            described.Add(result);
        }

        return described;
    }

    /// <summary>GROUP_ID_NOT_FOUND for an unknown or Dead group, NON_EMPTY_GROUP while it has members.</summary>
    public void ValidateDeleteGroup(string groupId)
    {
        var group = GetOrThrow(groupId);
        if (group.State is ClassicGroupState.Stable or ClassicGroupState.PreparingRebalance or ClassicGroupState.CompletingRebalance)
        {
            throw new CoordinatorException(ErrorCode.NonEmptyGroup, $"Group {groupId} has members.");
        }
    }

    /// <summary>Adds the group's tombstone when it exists and is empty (offset retention clean-up).</summary>
    public void MaybeDeleteGroup(string groupId, List<GroupCoordinatorRecord> records)
    {
        if (_groups.TryGetValue(groupId, out var group) && group.IsEmpty)
        {
            records.Add(GroupCoordinatorRecord.GroupMetadata(groupId, null));
        }
    }

    private ClassicGroup NewGroup(string groupId, ClassicGroupState state) =>
        new(groupId, state, _context.Time, _context.CompleteWhenDurable);
}
