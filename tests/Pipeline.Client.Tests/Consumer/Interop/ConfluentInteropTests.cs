using Pipeline.Client.Consumer;
using static Pipeline.Client.Tests.Consumer.ConsumerTestSupport;

namespace Pipeline.Client.Tests.Consumer.Interop;

/// <summary>
/// Our consumer and a confluent-kafka (librdkafka) consumer in one group on the in-process broker:
/// each side parses the other's subscription and assignment, under range (librdkafka leads) and
/// cooperative-sticky (we lead, then librdkafka).
/// </summary>
[Trait("Category", "Integration")]
public sealed class ConfluentInteropTests
{
    private static async Task WaitForAsync(Func<bool> condition, string what, ConfluentMember python, IConsumer<string, string> ours, List<ConsumeResult<string, string>> got)
    {
        try
        {
            await PollUntilAsync(got, condition, what, ours);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}\nours: [{string.Join(",", ours.Assignment.Select(p => p.Partition))}]\nconfluent_member.py said:\n{python.Output}");
        }
    }

    [Fact]
    public async Task Range_LibrdkafkaLeads_TheTwoMembersSplitThePartitionsAndTogetherReadEverything()
    {
        var broker = await GroupBroker.GetAsync();
        var topic = await GroupBroker.TopicAsync(broker, 4);
        await ProduceAsync(broker, topic, 200);
        var group = GroupBroker.UniqueGroup("interop");
        using var python = await ConfluentMember.StartAsync(broker.BootstrapServers, group, topic, "range");
        var got = new List<ConsumeResult<string, string>>();
        await using var ours = new ConsumerBuilder<string, string>(GroupBroker.Options(broker, group) with { PartitionAssignmentStrategy = ["range"] }).Build();

        // librdkafka joins first and leads; then ours joins.
        await python.WaitForAssignmentAsync(4);
        ours.Subscribe(topic);
        await WaitForAsync(() => ours.Assignment.Count == 2 && python.Assignment.Count == 2, "a 2 + 2 split", python, ours, got);
        Assert.Equal([0, 1, 2, 3], ours.Assignment.Select(p => p.Partition).Concat(python.Assignment).Order());

        await WaitForAsync(() => got.Select(Value).Concat(python.Values.Select(int.Parse)).Distinct().Count() == 200, "every record read by one of them", python, ours, got);

        // When librdkafka leaves, ours takes everything.
        await python.CloseAsync();
        await WaitForAsync(() => ours.Assignment.Count == 4, "ours holding all four", python, ours, got);
    }

    [Fact]
    public async Task CooperativeSticky_WeLeadThenLibrdkafkaLeads_PartitionsMoveIncrementally()
    {
        var broker = await GroupBroker.GetAsync();
        var topic = await GroupBroker.TopicAsync(broker, 4);
        var group = GroupBroker.UniqueGroup("interop");
        var revoked = new List<int>();
        var lost = 0;
        var got = new List<ConsumeResult<string, string>>();
        var ours = new ConsumerBuilder<string, string>(GroupBroker.Options(broker, group) with { PartitionAssignmentStrategy = ["cooperative-sticky"] })
            .SetPartitionsRevokedHandler((_, p) => revoked.AddRange(p.Select(o => o.Partition)))
            .SetPartitionsLostHandler((_, _) => lost++)
            .Build();
        ConfluentMember? python = null;
        try
        {
            ours.Subscribe(topic);
            await PollUntilAsync(got, () => ours.Assignment.Count == 4, "ours holding all four", ours);
            var before = ours.Assignment.ToHashSet();

            // librdkafka joins; ours leads and hands it two partitions over two rounds.
            python = await ConfluentMember.StartAsync(broker.BootstrapServers, group, topic, "cooperative-sticky");
            await WaitForAsync(() => ours.Assignment.Count == 2 && python.Assignment.Count == 2, "a 2 + 2 split", python, ours, got);
            Assert.Equal([0, 1, 2, 3], ours.Assignment.Select(p => p.Partition).Concat(python.Assignment).Order());
            Assert.Equal(2, revoked.Count);
            Assert.Subset(before, ours.Assignment.ToHashSet());
            Assert.DoesNotContain(python.Events(), e => e.Event is "revoked" or "lost");

            await ProduceAsync(broker, topic, 100);
            await WaitForAsync(() => got.Select(Value).Concat(python.Values.Select(int.Parse)).Distinct().Count() == 100, "every record read by one of them", python, ours, got);

            // Ours leaves; librdkafka, now leader, takes everything without losing what it had.
            await ours.CloseAsync();
            await python.WaitForAssignmentAsync(4);
            Assert.DoesNotContain(python.Events(), e => e.Event is "revoked" or "lost");
            Assert.Equal(0, lost);
        }
        finally
        {
            await ours.DisposeAsync();
            python?.Dispose();
        }
    }
}
