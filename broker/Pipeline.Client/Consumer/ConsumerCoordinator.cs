using Pipeline.Client.Config;
using Pipeline.Client.Consumer.Assignors;
using Pipeline.Client.Group;
using Pipeline.Client.Metadata;
using Pipeline.Protocol;

namespace Pipeline.Client.Consumer;

/// <summary>
/// The "consumer" protocol on top of <see cref="GroupMember"/> (Kafka's ConsumerCoordinator): the
/// subscription as JoinGroup metadata (one entry per configured assignor), the leader's
/// assignment (fresh metadata for every member's topics, the chosen assignor, and under the
/// cooperative protocol the KIP-429 hold-back), and what a rebalance does to the assignment:
/// <list type="bullet">
/// <item>eager: everything is revoked before rejoining, the new assignment replaces it;</item>
/// <item>cooperative: only partitions that leave are revoked, after the join; if any were, the
/// member rejoins at once so that the leader can give them to their new owner.</item>
/// </list>
/// Lost partitions (the generation was reset) go to the lost handler instead of the revoked one.
/// <para>Threads: the callbacks run inside the consumer's poll; <see cref="AssignAsync"/> on the join task.</para>
/// </summary>
internal sealed class ConsumerCoordinator : IGroupProtocol
{
    public const string ConsumerProtocolType = "consumer";

    private readonly ConsumerOptions _options;
    private readonly SubscriptionState _subscriptions;
    private readonly MetadataManager _metadata;
    private readonly IReadOnlyList<IConsumerPartitionAssignor> _assignors;
    private readonly IRebalanceListener _listener;
    private volatile HashSet<string>? _joinedTopics;
    private volatile Dictionary<string, int>? _leaderSnapshot;
    private long _checkedMetadataVersion = -1;
    private List<TopicPartition> _lastAssignment = [];
    private int _lastGeneration = -1;

    public ConsumerCoordinator(ConsumerOptions options, SubscriptionState subscriptions, MetadataManager metadata, IReadOnlyList<IConsumerPartitionAssignor> assignors,
        IRebalanceListener listener)
    {
        _options = options;
        _subscriptions = subscriptions;
        _metadata = metadata;
        _assignors = assignors;
        _listener = listener;
        Protocol = PartitionAssignors.CommonProtocol(assignors);
    }

    public RebalanceProtocol Protocol { get; }

    /// <summary>The member this protocol runs in (set once, right after both are built).</summary>
    public GroupMember Member { get; set; } = null!;

    public string ProtocolType => ConsumerProtocolType;

    public bool RejoinNeeded
    {
        get
        {
            if (_joinedTopics is { } joined)
            {
                lock (_subscriptions.Gate)
                {
                    if (!joined.SetEquals(_subscriptions.SubscribedTopics))
                    {
                        return true;
                    }
                }
            }

            if (_leaderSnapshot is not { } snapshot)
            {
                return false;
            }

            var current = _metadata.Current;
            if (current.Version == Interlocked.Read(ref _checkedMetadataVersion))
            {
                return false;
            }

            Interlocked.Exchange(ref _checkedMetadataVersion, current.Version);
            foreach (var (topic, count) in snapshot)
            {
                var now = current.TryGetTopic(topic, out var t) && t.Error == ErrorCode.None ? t.PartitionCount : 0;
                if (now != count)
                {
                    // New partitions (or a new topic) for the group: the leader hands them out.
                    _leaderSnapshot = null;
                    return true;
                }
            }

            return false;
        }
    }

    public IReadOnlyList<GroupProtocolMetadata> Metadata()
    {
        List<string> topics;
        List<TopicPartition> owned;
        lock (_subscriptions.Gate)
        {
            topics = [.. _subscriptions.SubscribedTopics];
            owned = Protocol == RebalanceProtocol.Cooperative ? _subscriptions.AssignedPartitions() : [];
        }

        _joinedTopics = new HashSet<string>(topics, StringComparer.Ordinal);
        var generation = Member.Generation.GenerationId;
        var result = new List<GroupProtocolMetadata>(_assignors.Count);
        foreach (var a in _assignors)
        {
            var userData = Protocol == RebalanceProtocol.Cooperative
                ? a.SubscriptionUserData(topics, owned, generation)
                : a.SubscriptionUserData(topics, _lastAssignment, _lastGeneration);
            result.Add(new GroupProtocolMetadata(a.Name, ConsumerProtocolCodec.EncodeSubscription(topics, userData, owned, generation, _options.ClientRack)));
        }

        return result;
    }

    public async Task<IReadOnlyDictionary<string, byte[]>> AssignAsync(GroupLeaderContext context, CancellationToken cancellationToken)
    {
        var assignor = _assignors.FirstOrDefault(a => a.Name == context.ProtocolName)
            ?? throw new KafkaException(ErrorCode.InconsistentGroupProtocol, $"the group chose assignor {context.ProtocolName}, which this consumer does not have");
        var members = context.Members.Select(ConsumerProtocolCodec.DecodeSubscription).ToList();
        var topics = members.SelectMany(m => m.Topics).Distinct(StringComparer.Ordinal).ToList();
        var partitionsPerTopic = new Dictionary<string, int>(StringComparer.Ordinal);
        if (topics.Count > 0)
        {
            var metadata = await _metadata.FetchAsync(topics, _options.AllowAutoCreateTopics, cancellationToken).ConfigureAwait(false);
            foreach (var topic in topics)
            {
                _metadata.AddTopic(topic);
                partitionsPerTopic[topic] = metadata.TryGetTopic(topic, out var t) && t.Error == ErrorCode.None ? t.PartitionCount : 0;
            }

            Interlocked.Exchange(ref _checkedMetadataVersion, metadata.Version);
        }

        var existing = partitionsPerTopic.Where(kv => kv.Value > 0).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var assignment = assignor.Assign(existing, members);
        if (Protocol == RebalanceProtocol.Cooperative)
        {
            HoldBackMovingPartitions(assignment, members);
        }

        _leaderSnapshot = partitionsPerTopic;
        var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var m in members)
        {
            result[m.MemberId] = ConsumerProtocolCodec.EncodeAssignment(assignment.TryGetValue(m.MemberId, out var list) ? list : []);
        }

        return result;
    }

    public async Task OnJoinPrepareAsync(GroupGeneration previous, CancellationToken cancellationToken)
    {
        _leaderSnapshot = null;
        if (previous.IsValid)
        {
            await _listener.CommitBeforeRebalanceAsync(cancellationToken).ConfigureAwait(false);
        }

        List<TopicPartition> revoke;
        lock (_subscriptions.Gate)
        {
            var topics = _subscriptions.SubscribedTopics;
            revoke = !previous.IsValid || Protocol == RebalanceProtocol.Eager
                ? _subscriptions.AssignedPartitions()
                : _subscriptions.AssignedPartitions().FindAll(p => !topics.Contains(p.Topic));
        }

        if (revoke.Count > 0)
        {
            _listener.Revoke(revoke, lost: !previous.IsValid);
        }
    }

    public Task OnJoinCompleteAsync(GroupGeneration generation, byte[] assignment, CancellationToken cancellationToken)
    {
        var assigned = ConsumerProtocolCodec.DecodeAssignment(assignment);
        var set = new HashSet<TopicPartition>(assigned);
        List<TopicPartition> owned;
        lock (_subscriptions.Gate)
        {
            owned = _subscriptions.AssignedPartitions();
        }

        var revoked = owned.FindAll(p => !set.Contains(p));
        var added = assigned.FindAll(p => !owned.Contains(p));
        _lastAssignment = assigned;
        _lastGeneration = generation.GenerationId;
        if (revoked.Count > 0)
        {
            _listener.Revoke(revoked, lost: false);
            if (Protocol == RebalanceProtocol.Cooperative)
            {
                // KIP-429's second phase: now that they are released, the leader can hand them on.
                Member.RequestRejoin("partitions were revoked; rejoining so that they can be reassigned");
            }
        }

        _listener.Assign(added);
        return Task.CompletedTask;
    }

    public Task OnLeavePrepareAsync(GroupGeneration generation, CancellationToken cancellationToken)
    {
        _leaderSnapshot = null;
        List<TopicPartition> all;
        lock (_subscriptions.Gate)
        {
            all = _subscriptions.AssignedPartitions();
        }

        if (all.Count > 0)
        {
            _listener.Revoke(all, lost: !generation.IsValid);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// KIP-429: a partition that another member still owns is left out of its new owner's
    /// assignment this round; its owner revokes it, rejoins, and the next round assigns it.
    /// </summary>
    internal static void HoldBackMovingPartitions(IReadOnlyDictionary<string, List<TopicPartition>> assignment, IReadOnlyList<MemberSubscription> members)
    {
        var owners = new Dictionary<TopicPartition, List<string>>();
        foreach (var m in members)
        {
            foreach (var p in m.OwnedPartitions)
            {
                if (!owners.TryGetValue(p, out var list))
                {
                    owners[p] = list = [];
                }

                list.Add(m.MemberId);
            }
        }

        foreach (var (memberId, partitions) in assignment)
        {
            partitions.RemoveAll(p => owners.TryGetValue(p, out var by) && !by.Contains(memberId));
        }
    }
}
