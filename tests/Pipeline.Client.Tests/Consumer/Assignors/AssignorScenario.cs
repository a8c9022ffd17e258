using Pipeline.Client.Consumer.Assignors;
using Pipeline.Protocol;

namespace Pipeline.Client.Tests.Consumer.Assignors;

/// <summary>Helpers to state assignor inputs briefly and to check the invariants every assignment must keep.</summary>
internal static class AssignorScenario
{
    public static MemberSubscription Member(string id, params string[] topics) => new(id, null, topics, []);

    public static MemberSubscription Owning(string id, string[] topics, IEnumerable<TopicPartition> owned, int generation = 1) => new(id, null, topics, [.. owned], generation);

    public static IEnumerable<TopicPartition> Partitions(string topic, params int[] partitions) => partitions.Select(p => new TopicPartition(topic, p));

    public static IEnumerable<TopicPartition> Range(string topic, int count) => Enumerable.Range(0, count).Select(p => new TopicPartition(topic, p));

    /// <summary>Every existing partition of a subscribed topic goes to exactly one member subscribed to its topic.</summary>
    public static void AssertValid(IReadOnlyDictionary<string, int> topics, IReadOnlyList<MemberSubscription> members, IReadOnlyDictionary<string, List<TopicPartition>> assignment)
    {
        Assert.Equal(members.Select(m => m.MemberId).Order(), assignment.Keys.Order());
        var all = assignment.SelectMany(kv => kv.Value).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        var subscribed = members.SelectMany(m => m.Topics).Where(topics.ContainsKey).Distinct();
        Assert.Equal(subscribed.SelectMany(t => Range(t, topics[t])).OrderBy(p => p.ToString()), all.OrderBy(p => p.ToString()));
        foreach (var m in members)
        {
            Assert.All(assignment[m.MemberId], p => Assert.Contains(p.Topic, m.Topics));
        }
    }

    public static int Spread(IReadOnlyDictionary<string, List<TopicPartition>> assignment) =>
        assignment.Values.Max(l => l.Count) - assignment.Values.Min(l => l.Count);

    /// <summary>What the members would report as owned in the next rebalance.</summary>
    public static List<MemberSubscription> Next(IReadOnlyList<MemberSubscription> members, IReadOnlyDictionary<string, List<TopicPartition>> assignment, int generation) =>
        [.. members.Select(m => m with { OwnedPartitions = [.. assignment[m.MemberId]], Generation = generation })];
}
