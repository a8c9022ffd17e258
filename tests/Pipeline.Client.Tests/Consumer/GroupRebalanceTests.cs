using System.Collections.Concurrent;
using System.Diagnostics;
using Pipeline.Client.Config;
using Pipeline.Client.Consumer;
using Pipeline.Protocol;
using static Pipeline.Client.Tests.Consumer.ConsumerTestSupport;

namespace Pipeline.Client.Tests.Consumer;

/// <summary>Several consumers in one group on the in-process broker: sharing, handing over, and the rebalance handlers.</summary>
[Trait("Category", "Integration")]
public sealed class GroupRebalanceTests
{
    private static IConsumer<string, string> Consumer(ConsumerOptions options, RebalanceLog? log = null)
    {
        var builder = new ConsumerBuilder<string, string>(options);
        if (log is not null)
        {
            builder.SetPartitionsAssignedHandler((c, p) => log.Add(c.Name, "assigned", p))
                .SetPartitionsRevokedHandler((c, p) => log.Add(c.Name, "revoked", p.Select(o => o.TopicPartition)))
                .SetPartitionsLostHandler((c, p) => log.Add(c.Name, "lost", p.Select(o => o.TopicPartition)));
        }

        return builder.Build();
    }

    private static bool Split(IReadOnlyList<IConsumer<string, string>> consumers, int partitions, int each) =>
        consumers.All(c => c.Assignment.Count == each) && consumers.SelectMany(c => c.Assignment).Distinct().Count() == partitions;

    [Fact]
    public async Task ThreeConsumers_Range_SharePartitionsAndReadEveryRecordOnce_ThenTheRestTakeOverFromOneThatLeaves()
    {
        var broker = await GroupBroker.GetAsync();
        var topic = await GroupBroker.TopicAsync(broker, 6);
        await ProduceAsync(broker, topic, 600);
        var options = GroupBroker.Options(broker, GroupBroker.UniqueGroup()) with { PartitionAssignmentStrategy = ["range"] };
        var consumers = Enumerable.Range(0, 3).Select(i => Consumer(options with { ClientId = "c" + i })).ToList();
        try
        {
            foreach (var c in consumers)
            {
                c.Subscribe(topic);
            }

            var got = await PollUntilAsync(() => Split(consumers, 6, 2), "three members with two partitions each", [.. consumers]);
            await PollUntilAsync(got, () => got.Count >= 600, "all 600 records", [.. consumers]);
            Assert.Equal(Enumerable.Range(0, 600), got.Select(Value).Order());

            // Range over one topic: each member holds a contiguous pair.
            Assert.All(consumers, c => Assert.Equal(1, c.Assignment.Max(p => p.Partition) - c.Assignment.Min(p => p.Partition)));

            await consumers[2].CloseAsync();
            var survivors = consumers.Take(2).ToList();
            await ProduceAsync(broker, topic, 300, first: 600);
            var after = await PollUntilAsync(() => Split(survivors, 6, 3), "two members with three partitions each", [.. survivors]);
            await PollUntilAsync(after, () => after.Count >= 300, "the 300 new records", [.. survivors]);
            Assert.Equal(Enumerable.Range(600, 300), after.Select(Value).Order());
        }
        finally
        {
            foreach (var c in consumers)
            {
                await c.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task StaticMemberVanishes_NoLeaveGroup_SurvivorGetsItsPartitionsAfterTheSessionTimeout()
    {
        var broker = await GroupBroker.GetAsync();
        var topic = await GroupBroker.TopicAsync(broker, 4);
        var options = GroupBroker.Options(broker, GroupBroker.UniqueGroup());
        await using var survivor = Consumer(options with { ClientId = "survivor" });
        var vanishing = Consumer(options with { ClientId = "static", GroupInstanceId = "static-" + Guid.NewGuid().ToString("N")[..6] });
        survivor.Subscribe(topic);
        vanishing.Subscribe(topic);
        await PollUntilAsync(() => Split([survivor, vanishing], 4, 2), "two members with two partitions each", survivor, vanishing);

        // A static member's close sends no LeaveGroup: the coordinator waits for its session to expire.
        var clock = Stopwatch.StartNew();
        await vanishing.CloseAsync();
        await PollUntilAsync(() => survivor.Assignment.Count == 4, "the survivor holding all four", survivor);
        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(2), $"took over after {clock.Elapsed}, before the 3 s session timeout");

        await ProduceAsync(broker, topic, 40);
        Assert.Equal(40, (await ConsumeAsync(survivor, 40)).Count);
    }

    [Fact]
    public async Task MemberStopsPolling_ItLeavesAfterMaxPollInterval_OthersTakeOver_AndItLaterSeesItsPartitionsLost()
    {
        var broker = await GroupBroker.GetAsync();
        var topic = await GroupBroker.TopicAsync(broker, 2);
        var options = GroupBroker.Options(broker, GroupBroker.UniqueGroup()) with { MaxPollInterval = TimeSpan.FromMilliseconds(1500) };
        var log = new RebalanceLog();
        await using var busy = Consumer(options with { ClientId = "busy" }, log);
        await using var steady = Consumer(options with { ClientId = "steady" }, log);
        busy.Subscribe(topic);
        steady.Subscribe(topic);
        await PollUntilAsync(() => Split([busy, steady], 2, 1), "one partition each", busy, steady);

        // busy stops polling (a long-running record): its heartbeat loop leaves the group for it.
        await PollUntilAsync(() => steady.Assignment.Count == 2, "steady holding both", steady);

        await busy.ConsumeAsync(TimeSpan.FromMilliseconds(100));
        Assert.Contains(("busy", "lost", 1), log.Events.Select(e => (e.Consumer, e.Kind, e.Partitions.Count)));
        await PollUntilAsync(() => Split([busy, steady], 2, 1), "one partition each again", busy, steady);
    }

    [Fact]
    public async Task CooperativeSticky_SecondMemberJoins_FirstKeepsHalfAndOnlyTheMovedHalfIsRevoked()
    {
        var broker = await GroupBroker.GetAsync();
        var topic = await GroupBroker.TopicAsync(broker, 6);
        await ProduceAsync(broker, topic, 300);
        var options = GroupBroker.Options(broker, GroupBroker.UniqueGroup()) with { PartitionAssignmentStrategy = ["cooperative-sticky"] };
        var log = new RebalanceLog();
        await using var first = Consumer(options with { ClientId = "first" }, log);
        first.Subscribe(topic);
        var got = await ConsumeAsync(first, 100);
        Assert.Equal(6, first.Assignment.Count);

        await using var second = Consumer(options with { ClientId = "second" }, log);
        second.Subscribe(topic);
        await PollUntilAsync(got, () => Split([first, second], 6, 3), "three partitions each", first, second);
        await PollUntilAsync(got, () => got.Count >= 300, "all records", first, second);

        var events = log.Events.ToList();
        Assert.DoesNotContain(events, e => e.Kind == "lost");
        var revoked = Assert.Single(events, e => e.Consumer == "first" && e.Kind == "revoked");
        Assert.Equal(3, revoked.Partitions.Count);
        Assert.Equal(revoked.Partitions.ToHashSet(), second.Assignment.ToHashSet());

        // The second member got nothing in the first round (the partitions were still owned), then the three.
        Assert.Equal([0, 3], events.Where(e => e.Consumer == "second" && e.Kind == "assigned").Select(e => e.Partitions.Count));
        Assert.Equal(Enumerable.Range(0, 300), got.Select(Value).Order());
    }

    [Fact]
    public async Task Eager_SecondMemberJoins_FirstRevokesEverythingThenGetsHalfBack()
    {
        var broker = await GroupBroker.GetAsync();
        var topic = await GroupBroker.TopicAsync(broker, 4);
        var options = GroupBroker.Options(broker, GroupBroker.UniqueGroup());
        var log = new RebalanceLog();
        await using var first = Consumer(options with { ClientId = "first" }, log);
        first.Subscribe(topic);
        await PollUntilAsync(() => first.Assignment.Count == 4, "the first member holding all", first);
        await using var second = Consumer(options with { ClientId = "second" }, log);
        second.Subscribe(topic);
        await PollUntilAsync(() => Split([first, second], 4, 2), "two partitions each", first, second);

        var mine = log.Events.Where(e => e.Consumer == "first").Select(e => (e.Kind, e.Partitions.Count)).ToList();
        Assert.Equal([("assigned", 4), ("revoked", 4), ("assigned", 2)], mine);
    }

    [Fact]
    public async Task Unsubscribe_RevokesAndLeaves_TheOtherMemberTakesEverything()
    {
        var broker = await GroupBroker.GetAsync();
        var topic = await GroupBroker.TopicAsync(broker, 2);
        var options = GroupBroker.Options(broker, GroupBroker.UniqueGroup());
        var log = new RebalanceLog();
        await using var a = Consumer(options with { ClientId = "a" }, log);
        await using var b = Consumer(options with { ClientId = "b" }, log);
        a.Subscribe(topic);
        b.Subscribe(topic);
        await PollUntilAsync(() => Split([a, b], 2, 1), "one partition each", a, b);

        a.Unsubscribe();
        Assert.Empty(a.Assignment);
        Assert.Empty(a.Subscription);
        Assert.Equal("revoked", log.Events.Last(e => e.Consumer == "a").Kind);
        await PollUntilAsync(() => b.Assignment.Count == 2, "b holding both", b);
    }

    [Fact]
    public async Task PatternSubscription_PicksUpANewMatchingTopic()
    {
        var broker = await GroupBroker.GetAsync();
        var prefix = "rx" + Guid.NewGuid().ToString("N")[..8];
        var existing = await GroupBroker.TopicAsync(broker, 1, prefix);
        await ProduceAsync(broker, existing, 5);
        var options = GroupBroker.Options(broker, GroupBroker.UniqueGroup()) with { MetadataMaxAge = TimeSpan.FromMilliseconds(300) };

        await using var consumer = Consumer(options);
        consumer.Subscribe(new System.Text.RegularExpressions.Regex("^" + prefix + "-.*"));
        Assert.Equal(5, (await ConsumeAsync(consumer, 5)).Count);
        Assert.Equal([existing], consumer.Subscription);

        var created = await GroupBroker.TopicAsync(broker, 2, prefix);
        await ProduceAsync(broker, created, 10);
        var fromNew = await PollUntilAsync(() => consumer.Assignment.Count == 3, "the new topic's partitions", consumer);
        fromNew.AddRange(await ConsumeAsync(consumer, 10 - fromNew.Count));
        Assert.All(fromNew, r => Assert.Equal(created, r.Topic));
        Assert.Equal(new[] { created, existing }.Order(StringComparer.Ordinal), consumer.Subscription);
    }

    /// <summary>Rebalance handler calls, in order, per consumer.</summary>
    private sealed class RebalanceLog
    {
        public ConcurrentQueue<(string Consumer, string Kind, List<TopicPartition> Partitions)> Events { get; } = new();

        public void Add(string consumer, string kind, IEnumerable<TopicPartition> partitions) => Events.Enqueue((consumer, kind, [.. partitions]));
    }
}
