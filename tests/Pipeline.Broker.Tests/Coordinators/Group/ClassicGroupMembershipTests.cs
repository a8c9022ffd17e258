using Pipeline.Broker.Coordinators.Group;
using Pipeline.Protocol;
using Xunit;
using static Pipeline.Broker.Tests.Coordinators.Group.ClassicGroupJoinTests;

namespace Pipeline.Broker.Tests.Coordinators.Group;

/// <summary>SyncGroup, Heartbeat, LeaveGroup, sessions and static membership (KIP-345).</summary>
public sealed class ClassicGroupMembershipTests
{
    [Fact]
    public void StaleGeneration_IsIllegalGeneration_ForHeartbeatSyncAndCommit_AndTheGroupContinues()
    {
        var h = new GroupHarness();
        var m = Stable(h, "g", 2)[1];

        Assert.Equal(ErrorCode.IllegalGeneration, h.Heartbeat("g", m.MemberId, m.Generation - 1));
        Assert.Equal((short)ErrorCode.IllegalGeneration, (h.Sync("g", m.MemberId, m.Generation + 5).Value()).ErrorCode);
        Assert.Equal((short)ErrorCode.IllegalGeneration, h.Commit("g", m.MemberId, m.Generation - 1, ("t", 0, 5)).Topics[0].Partitions[0].ErrorCode);

        Assert.Equal(ClassicGroupState.Stable, h.Group("g")!.State);
        Assert.Equal(ErrorCode.None, h.Heartbeat("g", m.MemberId, m.Generation));
        Assert.Equal(-1, h.Committed("g", "t", 0));
    }

    [Fact]
    public void UnknownMember_IsUnknownMemberId_ForHeartbeatSyncLeaveAndCommit()
    {
        var h = new GroupHarness();
        var m = Stable(h, "g", 1)[0];

        Assert.Equal(ErrorCode.UnknownMemberId, h.Heartbeat("g", "ghost", m.Generation));
        Assert.Equal(ErrorCode.UnknownMemberId, h.Heartbeat("no-group", "ghost", 1));
        Assert.Equal((short)ErrorCode.UnknownMemberId, (h.Sync("g", "ghost", m.Generation).Value()).ErrorCode);
        Assert.Equal((short)ErrorCode.UnknownMemberId, h.Leave("g", ("ghost", null)).Members[0].ErrorCode);
        Assert.Equal((short)ErrorCode.UnknownMemberId, h.Commit("g", "ghost", m.Generation, ("t", 0, 1)).Topics[0].Partitions[0].ErrorCode);
        Assert.Equal(ErrorCode.None, h.Heartbeat("g", m.MemberId, m.Generation));
    }

    [Fact]
    public void Sync_DuringARebalance_IsRebalanceInProgress()
    {
        var h = new GroupHarness();
        var members = Stable(h, "g", 2);
        _ = h.Join(GroupHarness.JoinRequest("g", members[0].MemberId));

        var sync = h.Sync("g", members[1].MemberId, members[1].Generation).Value();

        Assert.Equal((short)ErrorCode.RebalanceInProgress, sync.ErrorCode);
    }

    [Fact]
    public void Rebalance_StartedWhileFollowersWaitForTheLeader_AnswersThemRebalanceInProgress()
    {
        var h = new GroupHarness();
        var a = h.JoinNew("g");
        var b = h.JoinNew("g");
        h.AdvanceMs(0);
        var follower = a.Value().Leader == a.Value().MemberId ? b.Value() : a.Value();
        var waiting = h.Sync("g", follower.MemberId, follower.GenerationId);

        var c = h.JoinNew("g");

        Assert.Equal((short)ErrorCode.RebalanceInProgress, (waiting.Value()).ErrorCode);
        Assert.False(c.IsCompleted);
    }

    [Fact]
    public void SessionExpiry_EvictsTheSilentMember_AndTheOthersRebalanceWithoutIt()
    {
        var h = new GroupHarness();
        var members = Stable(h, "g", 2, sessionTimeoutMs: 10_000);
        var (alive, silent) = (members[0], members[1]);

        for (var i = 0; i < 4; i++)
        {
            h.AdvanceMs(3000);
            var error = h.Heartbeat("g", alive.MemberId, alive.Generation);
            if (error == ErrorCode.RebalanceInProgress)
            {
                break;
            }
        }

        Assert.False(h.Group("g")!.HasMember(silent.MemberId));
        Assert.Equal(ClassicGroupState.PreparingRebalance, h.Group("g")!.State);
        var rejoin = h.Join(GroupHarness.JoinRequest("g", alive.MemberId));
        Assert.Equal(alive.Generation + 1, rejoin.Value().GenerationId);
        Assert.Equal([alive.MemberId], rejoin.Value().Members.Select(m => m.MemberId));
        Assert.Equal(ErrorCode.UnknownMemberId, h.Heartbeat("g", silent.MemberId, alive.Generation + 1));
    }

    [Fact]
    public void PendingSync_MemberThatNeverSyncs_IsRemoved_AndTheGroupRebalances()
    {
        var h = new GroupHarness();
        var a = h.JoinNew(GroupHarness.JoinRequest("g", rebalanceTimeoutMs: 5000, sessionTimeoutMs: 60_000));
        var b = h.JoinNew(GroupHarness.JoinRequest("g", rebalanceTimeoutMs: 5000, sessionTimeoutMs: 60_000));
        h.AdvanceMs(0);
        var leader = a.Value().Leader == a.Value().MemberId ? a.Value() : b.Value();
        var silent = leader == a.Value() ? b.Value() : a.Value();
        Assert.True(h.Sync("g", leader.MemberId, leader.GenerationId, new Dictionary<string, byte[]>()).IsCompletedSuccessfully);

        h.AdvanceMs(5000);

        Assert.False(h.Group("g")!.HasMember(silent.MemberId));
        Assert.True(h.Group("g")!.HasMember(leader.MemberId));
        Assert.Equal(ClassicGroupState.PreparingRebalance, h.Group("g")!.State);
    }

    [Fact]
    public void Leave_OfAMember_RebalancesTheRest()
    {
        var h = new GroupHarness();
        var members = Stable(h, "g", 2);

        var left = h.Leave("g", (members[1].MemberId, null));

        Assert.Equal((short)ErrorCode.None, left.Members.Single().ErrorCode);
        Assert.Equal(ClassicGroupState.PreparingRebalance, h.Group("g")!.State);
        var rejoin = h.Join(GroupHarness.JoinRequest("g", members[0].MemberId));
        Assert.True(rejoin.IsCompletedSuccessfully);
        Assert.Single(rejoin.Value().Members);
    }

    [Fact]
    public void Leave_OfTheLastMember_EmptiesTheGroup_AndStoresThat()
    {
        var h = new GroupHarness();
        var m = Stable(h, "g", 1)[0];
        var before = h.Log.Records().Count;

        h.Leave("g", (m.MemberId, null));

        var group = h.Group("g")!;
        Assert.Equal(ClassicGroupState.Empty, group.State);
        Assert.Equal(m.Generation + 1, group.GenerationId);
        Assert.Equal(before + 1, h.Log.Records().Count);
    }

    [Fact]
    public void Leave_Batch_ByMemberIdAndByInstanceIdAlone_AnswersEachMember()
    {
        var h = new GroupHarness();
        var dynamic = h.JoinNew("g");
        var stat = h.Join(GroupHarness.JoinRequest("g", instanceId: "instance-1"));
        h.AdvanceMs(0);

        var left = h.Leave("g", (dynamic.Value().MemberId, null), (string.Empty, "instance-1"), (string.Empty, "instance-unknown"));

        Assert.Equal(new short[] { 0, 0, (short)ErrorCode.UnknownMemberId }, left.Members.Select(m => m.ErrorCode));
        Assert.Equal(ClassicGroupState.Empty, h.Group("g")!.State);
    }

    [Fact]
    public void StaticMember_RejoiningWithANewId_ReplacesTheOldOne_WithoutARebalance()
    {
        var h = new GroupHarness();
        var a = h.Join(GroupHarness.JoinRequest("g", instanceId: "a"));
        var b = h.Join(GroupHarness.JoinRequest("g", instanceId: "b"));
        h.AdvanceMs(0);
        var leader = a.Value().Leader == a.Value().MemberId ? a.Value() : b.Value();
        var follower = leader == a.Value() ? b.Value() : a.Value();
        var followerInstance = follower == a.Value() ? "a" : "b";
        var followerSync = h.Sync("g", follower.MemberId, follower.GenerationId, instanceId: followerInstance);
        h.Sync("g", leader.MemberId, leader.GenerationId, new Dictionary<string, byte[]> { [leader.MemberId] = [1], [follower.MemberId] = [2] }).Value();
        Assert.Equal([2], followerSync.Value().Assignment);

        // The follower restarts: same instance id, no member id.
        var rejoined = h.Join(GroupHarness.JoinRequest("g", instanceId: followerInstance)).Value();

        Assert.Equal((short)ErrorCode.None, rejoined.ErrorCode);
        Assert.NotEqual(follower.MemberId, rejoined.MemberId);
        Assert.StartsWith(followerInstance + "-", rejoined.MemberId, StringComparison.Ordinal);
        Assert.Equal(follower.GenerationId, rejoined.GenerationId);
        Assert.Equal(ClassicGroupState.Stable, h.Group("g")!.State);
        Assert.Equal([2], (h.Sync("g", rejoined.MemberId, rejoined.GenerationId, instanceId: followerInstance).Value()).Assignment);
        Assert.Equal(ErrorCode.FencedInstanceId, h.Heartbeat("g", follower.MemberId, follower.GenerationId, followerInstance));
        Assert.Equal(ErrorCode.None, h.Heartbeat("g", rejoined.MemberId, rejoined.GenerationId, followerInstance));
    }

    [Fact]
    public void StaticMember_Replaced_WhileTheOldIdIsParkedInSync_FencesThatSync()
    {
        var h = new GroupHarness();
        var a = h.Join(GroupHarness.JoinRequest("g", instanceId: "a"));
        var b = h.Join(GroupHarness.JoinRequest("g", instanceId: "b"));
        h.AdvanceMs(0);
        var follower = a.Value().Leader == a.Value().MemberId ? b.Value() : a.Value();
        var instance = follower == a.Value() ? "a" : "b";
        var parked = h.Sync("g", follower.MemberId, follower.GenerationId, instanceId: instance);

        var replacement = h.Join(GroupHarness.JoinRequest("g", instanceId: instance));

        Assert.Equal((short)ErrorCode.FencedInstanceId, (parked.Value()).ErrorCode);
        Assert.Equal(ClassicGroupState.PreparingRebalance, h.Group("g")!.State);
        Assert.False(replacement.IsCompleted);
    }

    [Fact]
    public void StaticMember_ThatDoesNotRejoin_StaysThroughARebalance()
    {
        var h = new GroupHarness();
        var dyn = h.JoinNew(GroupHarness.JoinRequest("g", rebalanceTimeoutMs: 5000, sessionTimeoutMs: 60_000));
        var stat = h.Join(GroupHarness.JoinRequest("g", instanceId: "s", rebalanceTimeoutMs: 5000, sessionTimeoutMs: 60_000));
        h.AdvanceMs(0);
        Assert.Equal(dyn.Value().MemberId, dyn.Value().Leader);
        h.Sync("g", stat.Value().MemberId, stat.Value().GenerationId, instanceId: "s");
        h.Sync("g", dyn.Value().MemberId, dyn.Value().GenerationId, new Dictionary<string, byte[]>());
        Assert.Equal(ClassicGroupState.Stable, h.Group("g")!.State);

        var rejoin = h.Join(GroupHarness.JoinRequest("g", dyn.Value().MemberId, rebalanceTimeoutMs: 5000, sessionTimeoutMs: 60_000));
        h.AdvanceMs(5000);

        Assert.True(rejoin.IsCompletedSuccessfully);
        Assert.Equal(2, rejoin.Value().Members.Count);
        Assert.True(h.Group("g")!.HasMember(stat.Value().MemberId), "a static member is not removed for missing a rebalance");
    }

    [Fact]
    public void Heartbeat_OfAStableMember_KeepsItsSessionAlive()
    {
        var h = new GroupHarness();
        var m = Stable(h, "g", 1, sessionTimeoutMs: 10_000)[0];

        for (var i = 0; i < 10; i++)
        {
            h.AdvanceMs(5000);
            Assert.Equal(ErrorCode.None, h.Heartbeat("g", m.MemberId, m.Generation));
        }

        Assert.Equal(ClassicGroupState.Stable, h.Group("g")!.State);
    }

    [Fact]
    public void OffsetCommit_OfAMember_KeepsItsSessionAlive()
    {
        var h = new GroupHarness();
        var m = Stable(h, "g", 1, sessionTimeoutMs: 10_000)[0];

        for (var i = 0; i < 5; i++)
        {
            h.AdvanceMs(6000);
            Assert.Equal((short)0, h.Commit("g", m.MemberId, m.Generation, ("t", 0, i)).Topics[0].Partitions[0].ErrorCode);
        }

        Assert.Equal(ClassicGroupState.Stable, h.Group("g")!.State);
    }
}
