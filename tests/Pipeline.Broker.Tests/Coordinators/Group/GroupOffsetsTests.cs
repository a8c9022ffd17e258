using Pipeline.Broker.Coordinators.Group;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using Xunit;
using static Pipeline.Broker.Tests.Coordinators.Group.ClassicGroupJoinTests;

namespace Pipeline.Broker.Tests.Coordinators.Group;

/// <summary>OffsetCommit/OffsetFetch/OffsetDelete, retention, DeleteGroups, and reloading after a restart.</summary>
public sealed class GroupOffsetsTests
{
    [Fact]
    public void Commit_FromAMember_IsFetchedBack_WithMetadataAndLeaderEpoch()
    {
        var h = new GroupHarness();
        var m = Stable(h, "g", 1)[0];

        var commit = h.Commit("g", m.MemberId, m.Generation, "meta", 7, ("t", 0, 42), ("t", 1, 7), ("u", 0, 1));

        Assert.All(commit.Topics.SelectMany(t => t.Partitions), p => Assert.Equal(0, p.ErrorCode));
        Assert.Equal(42, h.Committed("g", "t", 0));
        var all = h.FetchAll("g");
        Assert.Equal(["t", "u"], all.Topics.Select(t => t.Name).Order());
        Assert.All(all.Topics.SelectMany(t => t.Partitions), p => Assert.Equal("meta", p.Metadata));
    }

    [Fact]
    public void Fetch_OfAnUnknownGroupOrPartition_IsMinusOne_WithoutError()
    {
        var h = new GroupHarness();

        Assert.Equal(-1, h.Committed("nobody", "t", 0));
        Assert.Empty(h.FetchAll("nobody").Topics);
        Assert.Equal(0, h.FetchAll("nobody").ErrorCode);
    }

    [Fact]
    public void SimpleCommit_GenerationMinusOne_CreatesAGroupWithoutProtocol()
    {
        var h = new GroupHarness();

        var commit = h.Commit("simple", string.Empty, -1, ("t", 0, 10));

        Assert.Equal(0, commit.Topics[0].Partitions[0].ErrorCode);
        Assert.Equal(10, h.Committed("simple", "t", 0));
        var group = h.Group("simple")!;
        Assert.True(group.IsSimpleGroup);
        Assert.Equal(["simple"], h.Shard.ListGroups([], []).Select(g => g.GroupId));
    }

    [Fact]
    public void SimpleCommit_ToAGroupWithMembers_IsUnknownMemberId()
    {
        var h = new GroupHarness();
        Stable(h, "g", 1);

        var commit = h.Commit("g", string.Empty, -1, ("t", 0, 10));

        Assert.Equal((short)ErrorCode.UnknownMemberId, commit.Topics[0].Partitions[0].ErrorCode);
    }

    [Fact]
    public void Commit_DuringCompletingRebalance_IsRebalanceInProgress()
    {
        var h = new GroupHarness();
        var (member, generation) = Single(h, "g");

        var commit = h.Commit("g", member, generation, ("t", 0, 10));

        Assert.Equal((short)ErrorCode.RebalanceInProgress, commit.Topics[0].Partitions[0].ErrorCode);
    }

    [Theory]
    [InlineData(7, ErrorCode.IllegalGeneration)]
    [InlineData(9, ErrorCode.GroupIdNotFound)]
    public void Commit_WithAGenerationToAMissingGroup_DependsOnTheVersion(short version, ErrorCode expected)
    {
        var h = new GroupHarness();

        var commit = h.Commit("missing", "m", 3, null, version, ("t", 0, 1));

        Assert.Equal((short)expected, commit.Topics[0].Partitions[0].ErrorCode);
    }

    [Fact]
    public void Commit_WithMetadataOverTheLimit_IsOffsetMetadataTooLarge_ForThatCommit()
    {
        var h = new GroupHarness(new GroupCoordinatorConfig { InitialRebalanceDelayMs = 0, OffsetMetadataMaxBytes = 4 });

        var commit = h.Commit("g", string.Empty, -1, "12345", 7, ("t", 0, 1));

        Assert.Equal((short)ErrorCode.OffsetMetadataTooLarge, commit.Topics[0].Partitions[0].ErrorCode);
        Assert.Equal(-1, h.Committed("g", "t", 0));
    }

    [Fact]
    public void Retention_OffsetsOfAnEmptyGroup_ExpireAfterTheRetentionSinceItEmptied_ThenTheGroupGoes()
    {
        var config = new GroupCoordinatorConfig { InitialRebalanceDelayMs = 0, OffsetsRetentionMs = 60_000, OffsetsRetentionCheckIntervalMs = 10_000 };
        var h = new GroupHarness(config);
        var m = Stable(h, "g", 1, sessionTimeoutMs: 600_000)[0];
        h.Commit("g", m.MemberId, m.Generation, ("t", 0, 5));

        // Members still there: nothing expires, however old the commit.
        h.AdvanceMs(120_000);
        Assert.Equal(5, h.Committed("g", "t", 0));

        h.Leave("g", (m.MemberId, null));
        h.AdvanceMs(50_000);
        Assert.Equal(5, h.Committed("g", "t", 0));

        h.AdvanceMs(20_000);
        Assert.Equal(-1, h.Committed("g", "t", 0));
        Assert.Null(h.Group("g"));
    }

    [Fact]
    public void Retention_OffsetsOfASimpleGroup_ExpireAfterTheRetentionSinceTheCommit()
    {
        var config = new GroupCoordinatorConfig { InitialRebalanceDelayMs = 0, OffsetsRetentionMs = 60_000, OffsetsRetentionCheckIntervalMs = 10_000 };
        var h = new GroupHarness(config);
        h.Commit("simple", string.Empty, -1, ("t", 0, 5));
        h.AdvanceMs(30_000);
        h.Commit("simple", string.Empty, -1, ("t", 1, 6));

        h.AdvanceMs(40_000);

        Assert.Equal(-1, h.Committed("simple", "t", 0));
        Assert.Equal(6, h.Committed("simple", "t", 1));
    }

    [Fact]
    public void Retention_OfAStableConsumerGroup_ExpiresOnlyTopicsItNoLongerSubscribes()
    {
        var config = new GroupCoordinatorConfig { InitialRebalanceDelayMs = 0, OffsetsRetentionMs = 60_000, OffsetsRetentionCheckIntervalMs = 10_000 };
        var h = new GroupHarness(config);
        var m = Stable(h, "g", 1, sessionTimeoutMs: 600_000)[0];
        h.Commit("g", m.MemberId, m.Generation, ("t", 0, 5), ("old", 0, 9));

        h.AdvanceMs(80_000);

        Assert.Equal(5, h.Committed("g", "t", 0));
        Assert.Equal(-1, h.Committed("g", "old", 0));
    }

    [Fact]
    public void DeleteGroups_RefusesAGroupWithMembers_AndAnUnknownGroup_DeletesAnEmptyOneWithItsOffsets()
    {
        var h = new GroupHarness();
        Stable(h, "busy", 1);
        h.Commit("idle", string.Empty, -1, ("t", 0, 3));

        var results = h.Write(s => s.DeleteGroups(["busy", "ghost", "idle"]));

        Assert.Equal(
            new short[] { (short)ErrorCode.NonEmptyGroup, (short)ErrorCode.GroupIdNotFound, 0 },
            results.Select(r => r.ErrorCode));
        Assert.Null(h.Group("idle"));
        Assert.Equal(-1, h.Committed("idle", "t", 0));

        h.Restart();
        Assert.Null(h.Group("idle"));
        Assert.Equal(-1, h.Committed("idle", "t", 0));
        Assert.NotNull(h.Group("busy"));
    }

    [Fact]
    public void OffsetDelete_OfATopicTheConsumerGroupSubscribes_IsRefused_OthersAreDeleted()
    {
        var h = new GroupHarness();
        var m = Stable(h, "g", 1)[0];
        h.Commit("g", m.MemberId, m.Generation, ("t", 0, 5), ("other", 0, 9));

        var response = h.Write(s => s.DeleteOffsets(new OffsetDeleteRequest
        {
            GroupId = "g",
            Topics =
            [
                new OffsetDeleteRequest.OffsetDeleteRequestTopic { Name = "t", Partitions = [new() { PartitionIndex = 0 }] },
                new OffsetDeleteRequest.OffsetDeleteRequestTopic { Name = "other", Partitions = [new() { PartitionIndex = 0 }] },
            ],
        }));

        Assert.Equal((short)ErrorCode.GroupSubscribedToTopic, response.Topics[0].Partitions[0].ErrorCode);
        Assert.Equal(0, response.Topics[1].Partitions[0].ErrorCode);
        Assert.Equal(5, h.Committed("g", "t", 0));
        Assert.Equal(-1, h.Committed("g", "other", 0));
    }

    [Fact]
    public void OffsetDelete_OfANonConsumerGroupWithMembers_IsNonEmptyGroup()
    {
        var h = new GroupHarness();
        var join = h.JoinNew(GroupHarness.JoinRequest("workers", protocolType: "connect", protocols: [("default", [1])]));
        h.AdvanceMs(0);
        Assert.True(join.IsCompletedSuccessfully);

        var error = Assert.Throws<InvalidOperationException>(() => h.Write(s => s.DeleteOffsets(new OffsetDeleteRequest { GroupId = "workers" })));

        Assert.Contains("members", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TopicDeleted_RemovesItsOffsetsFromEveryGroup()
    {
        var h = new GroupHarness();
        h.Commit("a", string.Empty, -1, ("gone", 0, 1), ("kept", 0, 2));
        h.Commit("b", string.Empty, -1, ("gone", 3, 4));

        h.Write(s => s.OnTopicsDeleted(new HashSet<string> { "gone" }));

        Assert.Equal(-1, h.Committed("a", "gone", 0));
        Assert.Equal(-1, h.Committed("b", "gone", 3));
        Assert.Equal(2, h.Committed("a", "kept", 0));
    }

    [Fact]
    public void Restart_ReloadsAStableGroup_ItsMembersKeepHeartbeating_AndOffsetsAreBack()
    {
        var h = new GroupHarness();
        var members = Stable(h, "g", 2);
        h.Commit("g", members[0].MemberId, members[0].Generation, ("t", 0, 11));

        h.Restart();

        var group = h.Group("g")!;
        Assert.Equal(ClassicGroupState.Stable, group.State);
        Assert.Equal(members[0].MemberId, group.LeaderId);
        Assert.Equal(members[0].Generation, group.GenerationId);
        Assert.All(members, m => Assert.Equal(ErrorCode.None, h.Heartbeat("g", m.MemberId, m.Generation)));
        Assert.Equal(11, h.Committed("g", "t", 0));
        Assert.Equal(h.Shard.DescribeGroups(["g"]).Single().Members.Select(m => m.MemberAssignment), members.Select(m => group.Member(m.MemberId).Assignment));
    }

    [Fact]
    public void Restart_DuringARebalance_FallsBackToTheStoredGeneration_TheGroupReforms()
    {
        var h = new GroupHarness();
        var members = Stable(h, "g", 2, sessionTimeoutMs: 10_000);
        h.Commit("g", members[0].MemberId, members[0].Generation, ("t", 0, 20));
        var leaderJoin = h.Join(GroupHarness.JoinRequest("g", members[0].MemberId));
        var followerJoin = h.Join(GroupHarness.JoinRequest("g", members[1].MemberId));
        var newGeneration = leaderJoin.Value().GenerationId;
        Assert.Equal(members[0].Generation + 1, newGeneration);

        h.Restart();

        // The new generation was never stored (no SyncGroup of the leader): the old one is back.
        Assert.Equal(members[0].Generation, h.Group("g")!.GenerationId);
        Assert.Equal(ErrorCode.IllegalGeneration, h.Heartbeat("g", members[1].MemberId, newGeneration));
        var rejoinLeader = h.Join(GroupHarness.JoinRequest("g", members[0].MemberId));
        var rejoinFollower = h.Join(GroupHarness.JoinRequest("g", members[1].MemberId));
        Assert.Equal(members[0].Generation + 1, rejoinLeader.Value().GenerationId);
        Assert.True(rejoinFollower.IsCompletedSuccessfully);
        Assert.Equal(20, h.Committed("g", "t", 0));
        _ = followerJoin;
    }

    [Fact]
    public void Restart_AfterMembersVanished_EvictsThemWhenTheirSessionsRunOut()
    {
        var h = new GroupHarness();
        Stable(h, "g", 2, sessionTimeoutMs: 10_000);

        h.Restart();
        h.AdvanceMs(10_000);

        var group = h.Group("g")!;
        Assert.Equal(ClassicGroupState.Empty, group.State);
        Assert.Equal(0, group.MemberCount);
    }

    [Fact]
    public void DescribeGroups_AStableGroup_ListsMembersWithMetadataAndAssignment_UnknownIsDead()
    {
        var h = new GroupHarness();
        var m = Stable(h, "g", 1)[0];

        var described = h.Shard.DescribeGroups(["g", "unknown"]);

        var g = described[0];
        Assert.Equal(("Stable", "consumer", "range"), (g.GroupState, g.ProtocolType, g.ProtocolData));
        var member = Assert.Single(g.Members);
        Assert.Equal((m.MemberId, "client", "/127.0.0.1"), (member.MemberId, member.ClientId, member.ClientHost));
        Assert.Equal(GroupHarness.Subscription("t"), member.MemberMetadata);
        Assert.Equal(GroupHarness.Assignment(("t", [0])), member.MemberAssignment);
        Assert.Equal(("unknown", "Dead", 0), (described[1].GroupId, described[1].GroupState, described[1].Members.Count));
    }

    [Fact]
    public void ListGroups_FiltersByStateCaseInsensitively_AndByType()
    {
        var h = new GroupHarness();
        Stable(h, "stable", 1);
        h.Commit("empty", string.Empty, -1, ("t", 0, 1));

        Assert.Equal(["stable"], h.Shard.ListGroups(["STABLE"], []).Select(g => g.GroupId));
        Assert.Equal(["empty"], h.Shard.ListGroups(["empty"], ["Classic"]).Select(g => g.GroupId));
        Assert.Empty(h.Shard.ListGroups([], ["consumer"]));
        Assert.Equal("classic", h.Shard.ListGroups([], []).First().GroupType);
    }
}
