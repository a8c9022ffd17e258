using System.Text.RegularExpressions;
using Pipeline.Protocol;

namespace Pipeline.Client.Consumer;

/// <summary>
/// What the consumer reads (Kafka's SubscriptionState): a subscription (a topic list or a pattern,
/// served by the group) or a manual assignment, and the state of each assigned partition.
/// <para>Threads: the application thread changes it; the fetcher loop and lookups read and update
/// partition states. Everything is guarded by <see cref="Gate"/>; <see cref="Partitions"/> is an
/// immutable snapshot, replaced whenever the assignment changes.</para>
/// </summary>
internal sealed class SubscriptionState
{
    private readonly Dictionary<TopicPartition, PartitionState> _assigned = [];
    private HashSet<string> _topics = new(StringComparer.Ordinal);
    private HashSet<string> _matched = new(StringComparer.Ordinal);

    public object Gate { get; } = new();

    public SubscriptionKind Kind { get; private set; }

    public Regex? Pattern { get; private set; }

    /// <summary>The assigned partitions, in assignment order (a snapshot; never modified).</summary>
    public PartitionState[] Partitions { get; private set; } = [];

    public bool UsesGroup => Kind is SubscriptionKind.Topics or SubscriptionKind.Pattern;

    /// <summary>The topics the group subscription stands for: the list, or the topics the pattern matched.</summary>
    public IReadOnlyCollection<string> SubscribedTopics => Kind == SubscriptionKind.Pattern ? _matched : _topics;

    public void SubscribeTopics(IEnumerable<string> topics)
    {
        CheckNotManual();
        Kind = SubscriptionKind.Topics;
        Pattern = null;
        _topics = new HashSet<string>(topics, StringComparer.Ordinal);
        _matched.Clear();
    }

    public void SubscribePattern(Regex pattern)
    {
        CheckNotManual();
        Kind = SubscriptionKind.Pattern;
        Pattern = pattern;
        _topics.Clear();
        _matched = new HashSet<string>(StringComparer.Ordinal);
    }

    /// <summary>Replaces the topics a pattern matches; true when they changed.</summary>
    public bool SetMatchedTopics(IEnumerable<string> topics)
    {
        var next = new HashSet<string>(topics, StringComparer.Ordinal);
        if (next.SetEquals(_matched))
        {
            return false;
        }

        _matched = next;
        return true;
    }

    public void AssignManually()
    {
        if (UsesGroup)
        {
            throw new InvalidOperationException("Subscription to topics, partitions and pattern are mutually exclusive: unsubscribe before assigning partitions by hand");
        }

        Kind = SubscriptionKind.Manual;
    }

    /// <summary>Drops the subscription or manual assignment (the partitions must be removed first).</summary>
    public void Clear()
    {
        Kind = SubscriptionKind.None;
        Pattern = null;
        _topics.Clear();
        _matched.Clear();
    }

    public bool TryGet(TopicPartition tp, out PartitionState state) => _assigned.TryGetValue(tp, out state!);

    public PartitionState GetAssigned(TopicPartition tp) =>
        _assigned.TryGetValue(tp, out var state) ? state : throw new InvalidOperationException($"No current assignment for partition {tp}");

    /// <summary>Adds partitions (already assigned ones are kept as they are) needing <paramref name="need"/>; returns the new states.</summary>
    public List<PartitionState> Add(IEnumerable<TopicPartition> partitions, PositionNeed need, Config.AutoOffsetReset strategy)
    {
        var added = new List<PartitionState>();
        foreach (var tp in partitions)
        {
            if (_assigned.ContainsKey(tp))
            {
                continue;
            }

            var state = new PartitionState(tp);
            state.Require(need, strategy);
            _assigned[tp] = state;
            added.Add(state);
        }

        if (added.Count > 0)
        {
            Snapshot();
        }

        return added;
    }

    public void Remove(IEnumerable<TopicPartition> partitions)
    {
        var removed = false;
        foreach (var tp in partitions)
        {
            if (_assigned.Remove(tp, out var state))
            {
                state.Assigned = false;
                state.Invalidate();
                removed = true;
            }
        }

        if (removed)
        {
            Snapshot();
        }
    }

    public void RemoveAll() => Remove([.. _assigned.Keys]);

    public List<TopicPartition> AssignedPartitions()
    {
        var list = new List<TopicPartition>(Partitions.Length);
        foreach (var p in Partitions)
        {
            list.Add(p.TopicPartition);
        }

        return list;
    }

    private void Snapshot() => Partitions = [.. _assigned.Values];

    private void CheckNotManual()
    {
        if (Kind == SubscriptionKind.Manual)
        {
            throw new InvalidOperationException("Subscription to topics, partitions and pattern are mutually exclusive: unassign before subscribing");
        }
    }
}
