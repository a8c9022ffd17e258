using Pipeline.Client.Consumer;
using Pipeline.Client.Consumer.Assignors;
using static Pipeline.Client.Tests.Consumer.Assignors.AssignorScenario;

namespace Pipeline.Client.Tests.Consumer.Assignors;

public sealed class CooperativeStickyAssignorTests
{
    private static readonly string[] T = ["t"];
    private readonly CooperativeStickyAssignor _assignor = new();

    [Fact]
    public void Assign_FreshGroup_IsBalancedWithinOne()
    {
        var members = new[] { Member("a", "t", "u"), Member("b", "t", "u"), Member("c", "t", "u") };
        var topics = new Dictionary<string, int> { ["t"] = 7, ["u"] = 3 };
        var result = _assignor.Assign(topics, members);

        AssertValid(topics, members, result);
        Assert.Equal([4, 3, 3], result.Values.Select(l => l.Count).OrderDescending());
    }

    [Fact]
    public void Assign_MemberJoins_OnlyTheNewcomersShareMoves()
    {
        var topics = new Dictionary<string, int> { ["t"] = 12 };
        var members = new[] { Owning("a", T, Partitions("t", 0, 1, 2, 3, 4, 5)), Owning("b", T, Partitions("t", 6, 7, 8, 9, 10, 11)), Member("c", "t") };
        var result = _assignor.Assign(topics, members);

        AssertValid(topics, members, result);
        Assert.Equal(0, Spread(result));

        // Each old member keeps 4 of its 6; exactly 4 partitions move, all to the newcomer.
        Assert.Equal(4, result["a"].Intersect(Partitions("t", 0, 1, 2, 3, 4, 5)).Count());
        Assert.Equal(4, result["b"].Intersect(Partitions("t", 6, 7, 8, 9, 10, 11)).Count());
        Assert.Equal(4, result["c"].Count);
    }

    [Fact]
    public void Assign_MemberLeaves_SurvivorsKeepEverythingTheyHad()
    {
        var topics = new Dictionary<string, int> { ["t"] = 9 };
        var members = new[] { Owning("a", T, Partitions("t", 0, 3, 6)), Owning("c", T, Partitions("t", 2, 5, 8)) };
        var result = _assignor.Assign(topics, members);

        AssertValid(topics, members, result);
        Assert.Superset(Partitions("t", 0, 3, 6).ToHashSet(), result["a"].ToHashSet());
        Assert.Superset(Partitions("t", 2, 5, 8).ToHashSet(), result["c"].ToHashSet());
        Assert.True(Spread(result) <= 1);
    }

    [Fact]
    public void Assign_PartitionClaimedTwice_HigherGenerationKeepsIt()
    {
        var topics = new Dictionary<string, int> { ["t"] = 2 };
        var members = new[] { Owning("a", T, Partitions("t", 0), generation: 4), Owning("b", T, Partitions("t", 0), generation: 5) };
        var result = _assignor.Assign(topics, members);

        Assert.Equal(Partitions("t", 0), result["b"]);
        Assert.Equal(Partitions("t", 1), result["a"]);
    }

    [Fact]
    public void Assign_OwnedPartitionOfUnsubscribedOrDeletedTopic_IsNotKept()
    {
        var topics = new Dictionary<string, int> { ["t"] = 2, ["u"] = 2 };
        var members = new[]
        {
            Owning("a", T, Partitions("u", 0).Concat(Partitions("gone", 0)).Concat(Partitions("t", 5))),
            Member("b", "t", "u"),
        };
        var result = _assignor.Assign(topics, members);

        AssertValid(topics, members, result);
        Assert.Equal(Partitions("u", 0, 1).ToHashSet(), result["b"].Where(p => p.Topic == "u").ToHashSet());
    }

    [Fact]
    public void Assign_MixedSubscriptions_BalancesWhereSubscriptionsAllow()
    {
        // a can only take t; b and c take both: t's 6 partitions are not all a's.
        var topics = new Dictionary<string, int> { ["t"] = 6, ["u"] = 3 };
        var members = new[] { Owning("a", T, Range("t", 6)), Member("b", "t", "u"), Member("c", "t", "u") };
        var result = _assignor.Assign(topics, members);

        AssertValid(topics, members, result);
        Assert.Equal(3, result["a"].Count);
        Assert.Equal(3, result["b"].Count);
        Assert.Equal(3, result["c"].Count);
        Assert.Subset(Range("t", 6).ToHashSet(), result["a"].ToHashSet());
    }

    [Fact]
    public void Assign_ManyRandomRounds_StaysValidBalancedAndSticky()
    {
        var random = new Random(42);
        var topics = new Dictionary<string, int> { ["t"] = 24, ["u"] = 7 };
        var members = new List<MemberSubscription> { Member("m0", "t", "u"), Member("m1", "t", "u") };
        var next = 2;
        for (var round = 1; round <= 40; round++)
        {
            var result = _assignor.Assign(topics, members);
            AssertValid(topics, members, result);
            Assert.True(Spread(result) <= 1, $"round {round}: spread {Spread(result)}");

            // Sticky: a member never loses more than it must to reach its quota.
            var quota = (int)Math.Ceiling(31.0 / members.Count);
            foreach (var m in members)
            {
                var kept = result[m.MemberId].Intersect(m.OwnedPartitions).Count();
                Assert.True(kept >= Math.Min(m.OwnedPartitions.Count, quota - 1), $"round {round}: {m.MemberId} kept {kept} of {m.OwnedPartitions.Count}");
            }

            members = Next(members, result, round);
            if (members.Count > 1 && random.Next(3) == 0)
            {
                members.RemoveAt(random.Next(members.Count));
            }
            else if (members.Count < 8)
            {
                members.Add(Member("m" + next++, "t", "u"));
            }
        }
    }

    [Fact]
    public void HoldBack_NewMemberGetsMovedPartitionsOnlyAfterTheirOwnerRevoked()
    {
        var topics = new Dictionary<string, int> { ["t"] = 6 };
        var first = new[] { Owning("a", T, Range("t", 6)), Member("b", "t") };

        // Round 1: the target moves 3 partitions to b, but a still owns them, so b gets nothing yet.
        var target = _assignor.Assign(topics, first).ToDictionary(kv => kv.Key, kv => kv.Value.ToList());
        ConsumerCoordinator.HoldBackMovingPartitions(target, first);
        Assert.Equal(3, target["a"].Count);
        Assert.Empty(target["b"]);

        // a revokes the other 3 and rejoins; round 2 hands them to b.
        var second = Next(first, target, 2);
        var final = _assignor.Assign(topics, second).ToDictionary(kv => kv.Key, kv => kv.Value.ToList());
        ConsumerCoordinator.HoldBackMovingPartitions(final, second);
        Assert.Equal(target["a"].ToHashSet(), final["a"].ToHashSet());
        Assert.Equal(3, final["b"].Count);
        Assert.Empty(final["a"].Intersect(final["b"]));
    }

    [Fact]
    public void SubscriptionUserData_IsTheGenerationAsJavaWritesIt()
    {
        var data = ((IConsumerPartitionAssignor)_assignor).SubscriptionUserData(["t"], [], 7);
        Assert.Equal(new byte[] { 0, 0, 0, 7 }, data);
    }
}
