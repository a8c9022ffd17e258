using Pipeline.Broker.Coordinators.Runtime;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Broker.Coordinators.Group;

/// <summary>
/// A classic group (Kafka's ClassicGroup): state, generation, protocol, leader, members in join
/// order, static members (instance id -> member id), members that still have to join (the
/// MEMBER_ID_REQUIRED handshake) or to sync, and how many members have a JoinGroup parked.
/// Invariants: <c>AwaitingJoinCount</c> equals the members with a parked JoinGroup; the leader,
/// when set, is a member; every static member's instance id maps to its member id.
/// Owned by the shard's loop; parked requests are completed through the shard context so they are
/// released only after the records written before them are durable.
/// </summary>
public sealed class ClassicGroup
{
    private readonly OrderedDictionary<string, ClassicGroupMember> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _staticMembers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pendingJoinMembers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pendingSyncMembers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _supportedProtocols = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly Action<Action> _completeWhenDurable;

    public ClassicGroup(string groupId, ClassicGroupState initialState, TimeProvider time, Action<Action> completeWhenDurable)
    {
        GroupId = groupId;
        State = initialState;
        PreviousState = ClassicGroupState.Dead;
        _time = time;
        _completeWhenDurable = completeWhenDurable;
        CurrentStateTimestamp = time.GetUtcNow().ToUnixTimeMilliseconds();
    }

    public string GroupId { get; }

    public ClassicGroupState State { get; private set; }

    public ClassicGroupState PreviousState { get; private set; }

    /// <summary>When the group entered its state (ms); -1 when loaded from a v0/v1 record.</summary>
    public long CurrentStateTimestamp { get; set; }

    public int GenerationId { get; set; }

    public string? ProtocolType { get; set; }

    public string? ProtocolName { get; set; }

    public string? LeaderId { get; private set; }

    /// <summary>Topics the members subscribe to (consumer protocol only); null when unknown.</summary>
    public IReadOnlySet<string>? SubscribedTopics { get; set; }

    /// <summary>A member joined during the initial rebalance: the initial delay may be extended.</summary>
    public bool NewMemberAdded { get; set; }

    public IEnumerable<ClassicGroupMember> Members => _members.Values;

    public IEnumerable<string> MemberIds => _members.Keys;

    public int MemberCount => _members.Count;

    public int AwaitingJoinCount { get; private set; }

    public int PendingJoinCount => _pendingJoinMembers.Count;

    public IReadOnlyCollection<string> PendingSyncMembers => _pendingSyncMembers;

    public bool IsEmpty => State == ClassicGroupState.Empty;

    /// <summary>A group that only stores offsets (commits without membership): no protocol type, nobody joining.</summary>
    public bool IsSimpleGroup => ProtocolType is null && IsEmpty && _pendingJoinMembers.Count == 0;

    public bool UsesConsumerProtocol => ProtocolType == ConsumerProtocol.ProtocolType;

    public bool IsInState(ClassicGroupState state) => State == state;

    public bool CanRebalance => ClassicGroupStates.CanTransition(State, ClassicGroupState.PreparingRebalance);

    public bool HasMember(string memberId) => _members.ContainsKey(memberId);

    public ClassicGroupMember Member(string memberId) => _members[memberId];

    public bool TryGetMember(string memberId, out ClassicGroupMember member) => _members.TryGetValue(memberId, out member!);

    public bool IsLeader(string memberId) => LeaderId == memberId;

    public bool HasStaticMember(string instanceId) => _staticMembers.ContainsKey(instanceId);

    public string? StaticMemberId(string instanceId) => _staticMembers.GetValueOrDefault(instanceId);

    public bool IsPendingMember(string memberId) => _pendingJoinMembers.Contains(memberId);

    public bool HasAllMembersJoined => _members.Count == AwaitingJoinCount && _pendingJoinMembers.Count == 0;

    public bool HasReceivedSyncFromAllMembers => _pendingSyncMembers.Count == 0;

    /// <summary>The largest rebalance timeout of the members: how long a rebalance may wait for them.</summary>
    public int RebalanceTimeoutMs
    {
        get
        {
            var max = 0;
            foreach (var m in _members.Values)
            {
                max = Math.Max(max, m.RebalanceTimeoutMs);
            }

            return max;
        }
    }

    public void TransitionTo(ClassicGroupState target)
    {
        if (!ClassicGroupStates.CanTransition(State, target))
        {
            throw new InvalidOperationException($"Group {GroupId} cannot move from {State} to {target}.");
        }

        PreviousState = State;
        State = target;
        CurrentStateTimestamp = _time.GetUtcNow().ToUnixTimeMilliseconds();
    }

    public void Add(ClassicGroupMember member, TaskCompletionSource<JoinGroupResponse>? awaitingJoin = null)
    {
        if (member.GroupInstanceId is { } instanceId)
        {
            if (!_staticMembers.TryAdd(instanceId, member.MemberId))
            {
                throw new InvalidOperationException($"Static member {instanceId} is already in group {GroupId}.");
            }
        }

        if (_members.Count == 0)
        {
            ProtocolType = member.ProtocolType;
        }

        if (ProtocolType != member.ProtocolType || !SupportsProtocols(member.ProtocolType, member.SupportedProtocols))
        {
            throw new InvalidOperationException($"Member {member.MemberId} does not fit the protocols of group {GroupId}.");
        }

        LeaderId ??= member.MemberId;
        _members[member.MemberId] = member;
        Count(member.SupportedProtocols, +1);
        member.AwaitingJoin = awaitingJoin;
        if (member.IsAwaitingJoin)
        {
            AwaitingJoinCount++;
        }

        _pendingJoinMembers.Remove(member.MemberId);
    }

    public void Remove(string memberId)
    {
        if (_members.Remove(memberId, out var removed))
        {
            Count(removed.SupportedProtocols, -1);
            if (removed.IsAwaitingJoin)
            {
                AwaitingJoinCount--;
            }

            if (removed.GroupInstanceId is { } instanceId)
            {
                _staticMembers.Remove(instanceId);
            }
        }

        if (LeaderId == memberId)
        {
            LeaderId = _members.Count > 0 ? _members.GetAt(0).Key : null;
        }

        _pendingJoinMembers.Remove(memberId);
        _pendingSyncMembers.Remove(memberId);
    }

    /// <summary>Sets the leader read from a stored generation (a member, or none).</summary>
    public void RestoreLeader(string? leaderId) =>
        LeaderId = leaderId is not null && _members.ContainsKey(leaderId) ? leaderId : _members.Count > 0 ? _members.GetAt(0).Key : null;

    /// <summary>
    /// When the leader did not rejoin, the first member that did becomes leader. False when
    /// nobody rejoined (the rebalance cannot complete) or there is no leader at all.
    /// </summary>
    public bool MaybeElectNewJoinedLeader()
    {
        if (LeaderId is null)
        {
            return false;
        }

        if (_members[LeaderId].IsAwaitingJoin)
        {
            return true;
        }

        foreach (var m in _members.Values)
        {
            if (m.IsAwaitingJoin)
            {
                LeaderId = m.MemberId;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A static member rejoined with a new member id: the old id is fenced (its parked requests get
    /// FENCED_INSTANCE_ID) and a member with the new id takes its place, assignment and leadership.
    /// </summary>
    public ClassicGroupMember ReplaceStaticMember(string instanceId, string oldMemberId, string newMemberId)
    {
        if (!_members.Remove(oldMemberId, out var old))
        {
            throw new InvalidOperationException($"Cannot replace unknown member {oldMemberId} of group {GroupId}.");
        }

        CompleteJoin(old, new JoinGroupResponse
        {
            ErrorCode = (short)ErrorCode.FencedInstanceId,
            MemberId = oldMemberId,
            Leader = string.Empty,
        });
        CompleteSync(old, new SyncGroupResponse { ErrorCode = (short)ErrorCode.FencedInstanceId });

        var replacement = new ClassicGroupMember(
            newMemberId,
            old.GroupInstanceId,
            old.ClientId,
            old.ClientHost,
            old.RebalanceTimeoutMs,
            old.SessionTimeoutMs,
            old.ProtocolType,
            old.SupportedProtocols,
            old.Assignment);
        _members[newMemberId] = replacement;
        if (LeaderId == oldMemberId)
        {
            LeaderId = newMemberId;
        }

        _staticMembers[instanceId] = newMemberId;
        _pendingSyncMembers.Remove(oldMemberId);
        return replacement;
    }

    public void AddPendingMember(string memberId)
    {
        if (HasMember(memberId))
        {
            throw new InvalidOperationException($"{memberId} is already a member of group {GroupId}.");
        }

        _pendingJoinMembers.Add(memberId);
    }

    public void AddPendingSyncMember(string memberId) => _pendingSyncMembers.Add(memberId);

    public void RemovePendingSyncMember(string memberId) => _pendingSyncMembers.Remove(memberId);

    public void ClearPendingSyncMembers() => _pendingSyncMembers.Clear();

    public List<ClassicGroupMember> NotYetRejoinedMembers()
    {
        var list = new List<ClassicGroupMember>();
        foreach (var m in _members.Values)
        {
            if (!m.IsAwaitingJoin)
            {
                list.Add(m);
            }
        }

        return list;
    }

    /// <summary>Kafka's member id: the instance id (static) or client id, a dash, and a random UUID.</summary>
    public static string GenerateMemberId(string clientId, string? instanceId) => $"{instanceId ?? clientId}-{Guid.NewGuid()}";

    /// <summary>UNKNOWN_MEMBER_ID when the member (or the instance id) is unknown, FENCED_INSTANCE_ID when
    /// the instance id now belongs to another member id.</summary>
    public void ValidateMember(string memberId, string? instanceId)
    {
        if (instanceId is not null)
        {
            var current = StaticMemberId(instanceId);
            if (current is null)
            {
                throw new CoordinatorException(ErrorCode.UnknownMemberId, $"Instance id {instanceId} is not a member of group {GroupId}.");
            }

            if (current != memberId)
            {
                throw new CoordinatorException(ErrorCode.FencedInstanceId, $"Member {memberId} with instance id {instanceId} was fenced by member {current}.");
            }
        }

        if (!HasMember(memberId))
        {
            throw new CoordinatorException(ErrorCode.UnknownMemberId, $"Member {memberId} is not a member of group {GroupId}.");
        }
    }

    /// <summary>
    /// Kafka's checks for OffsetCommit: a commit with generation &lt; 0 (no membership) is fine when
    /// the group is empty; otherwise the member and generation must match, and a group completing
    /// its rebalance answers REBALANCE_IN_PROGRESS.
    /// </summary>
    public void ValidateOffsetCommit(string memberId, string? instanceId, int generationId, bool isTransactional)
    {
        if (IsInState(ClassicGroupState.Dead))
        {
            throw new CoordinatorException(ErrorCode.CoordinatorNotAvailable);
        }

        if (generationId < 0 && IsEmpty)
        {
            return;
        }

        if (generationId >= 0 || memberId.Length > 0 || instanceId is not null)
        {
            ValidateMember(memberId, instanceId);
            if (generationId != GenerationId)
            {
                throw new CoordinatorException(ErrorCode.IllegalGeneration, $"Generation {generationId} is not the current generation {GenerationId} of group {GroupId}.");
            }
        }
        else if (!isTransactional && !IsEmpty)
        {
            throw new CoordinatorException(ErrorCode.UnknownMemberId, $"Group {GroupId} has members; commit with a member id and generation.");
        }

        if (!isTransactional && IsInState(ClassicGroupState.CompletingRebalance))
        {
            throw new CoordinatorException(ErrorCode.RebalanceInProgress);
        }
    }

    public bool SupportsProtocols(string protocolType, IReadOnlyList<ClassicProtocol> protocols)
    {
        if (IsEmpty)
        {
            return protocolType.Length > 0 && protocols.Count > 0;
        }

        if (ProtocolType != protocolType)
        {
            return false;
        }

        foreach (var p in protocols)
        {
            if (_supportedProtocols.GetValueOrDefault(p.Name) == _members.Count)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The protocol every member supports that most members prefer.</summary>
    public string SelectProtocol()
    {
        if (_members.Count == 0)
        {
            throw new InvalidOperationException($"Cannot select a protocol for empty group {GroupId}.");
        }

        var candidates = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, count) in _supportedProtocols)
        {
            if (count == _members.Count)
            {
                candidates.Add(name);
            }
        }

        var votes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var m in _members.Values)
        {
            var vote = m.Vote(candidates);
            votes[vote] = votes.GetValueOrDefault(vote) + 1;
        }

        string? best = null;
        foreach (var (name, count) in votes)
        {
            if (best is null || count > votes[best])
            {
                best = name;
            }
        }

        return best!;
    }

    public void UpdateMember(ClassicGroupMember member, IReadOnlyList<ClassicProtocol> protocols, int rebalanceTimeoutMs, int sessionTimeoutMs, TaskCompletionSource<JoinGroupResponse>? awaitingJoin)
    {
        Count(member.SupportedProtocols, -1);
        member.SupportedProtocols = protocols;
        Count(protocols, +1);
        member.RebalanceTimeoutMs = rebalanceTimeoutMs;
        member.SessionTimeoutMs = sessionTimeoutMs;
        if (awaitingJoin is not null && !member.IsAwaitingJoin)
        {
            AwaitingJoinCount++;
        }
        else if (awaitingJoin is null && member.IsAwaitingJoin)
        {
            AwaitingJoinCount--;
        }

        member.AwaitingJoin = awaitingJoin;
    }

    /// <summary>Answers the member's parked JoinGroup (once durable); false when none is parked.</summary>
    public bool CompleteJoin(ClassicGroupMember member, JoinGroupResponse response)
    {
        var tcs = member.AwaitingJoin;
        if (tcs is null)
        {
            return false;
        }

        // Callers answer a member before removing it (Remove also uncounts a parked join).
        member.AwaitingJoin = null;
        AwaitingJoinCount--;

        _completeWhenDurable(() => tcs.TrySetResult(response));
        return true;
    }

    /// <summary>Answers the member's parked SyncGroup (once durable); false when none is parked.</summary>
    public bool CompleteSync(ClassicGroupMember member, SyncGroupResponse response)
    {
        var tcs = member.AwaitingSync;
        if (tcs is null)
        {
            return false;
        }

        member.AwaitingSync = null;
        _completeWhenDurable(() => tcs.TrySetResult(response));
        return true;
    }

    /// <summary>Starts the next generation: CompletingRebalance with the chosen protocol, or Empty.</summary>
    public void InitNextGeneration()
    {
        GenerationId++;
        if (_members.Count > 0)
        {
            ProtocolName = SelectProtocol();
            SubscribedTopics = ComputeSubscribedTopics();
            TransitionTo(ClassicGroupState.CompletingRebalance);
        }
        else
        {
            ProtocolName = null;
            SubscribedTopics = ComputeSubscribedTopics();
            TransitionTo(ClassicGroupState.Empty);
        }

        _pendingSyncMembers.Clear();
    }

    /// <summary>What the leader's JoinGroup response lists: every member with its metadata for the chosen protocol.</summary>
    public List<JoinGroupResponse.JoinGroupResponseMember> CurrentMembersForLeader()
    {
        var list = new List<JoinGroupResponse.JoinGroupResponseMember>(_members.Count);
        foreach (var m in _members.Values)
        {
            list.Add(new JoinGroupResponse.JoinGroupResponseMember
            {
                MemberId = m.MemberId,
                GroupInstanceId = m.GroupInstanceId,
                Metadata = m.Metadata(ProtocolName!),
            });
        }

        return list;
    }

    public Dictionary<string, byte[]> Assignments()
    {
        var map = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var m in _members.Values)
        {
            map[m.MemberId] = m.Assignment;
        }

        return map;
    }

    /// <summary>
    /// Topics of the members' consumer-protocol subscriptions (every version starts with the v0
    /// prefix: int16 version, topics); null when the group is not a consumer group or a
    /// subscription does not parse.
    /// </summary>
    public IReadOnlySet<string>? ComputeSubscribedTopics()
    {
        if (!UsesConsumerProtocol)
        {
            return null;
        }

        var topics = new HashSet<string>(StringComparer.Ordinal);
        if (_members.Count == 0)
        {
            return topics;
        }

        if (ProtocolName is null)
        {
            return null;
        }

        foreach (var m in _members.Values)
        {
            var subscribed = ConsumerProtocol.SubscribedTopics(m.Metadata(ProtocolName));
            if (subscribed is null)
            {
                return null;
            }

            topics.UnionWith(subscribed);
        }

        return topics;
    }

    /// <summary>Whether OffsetDelete must refuse the topic: subscribed, or unknown for a consumer group.</summary>
    public bool IsSubscribedToTopic(string topic) => SubscribedTopics?.Contains(topic) ?? UsesConsumerProtocol;

    private void Count(IReadOnlyList<ClassicProtocol> protocols, int delta)
    {
        foreach (var p in protocols)
        {
            _supportedProtocols[p.Name] = _supportedProtocols.GetValueOrDefault(p.Name) + delta;
        }
    }
}
