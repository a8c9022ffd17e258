using Pipeline.Broker.Coordinators.Group;
using Pipeline.Protocol;
using Xunit;

namespace Pipeline.Broker.Tests.Coordinators.Group;

/// <summary>JoinGroup and the rebalance it drives, Kafka's classic rules.</summary>
public sealed class ClassicGroupJoinTests
{
    [Fact]
    public void Join_V4WithoutMemberId_IsMemberIdRequired_WithAGeneratedId()
    {
        var h = new GroupHarness();

        var response = h.Join(GroupHarness.JoinRequest("g"), version: 4, clientId: "my-client").Value();

        Assert.Equal((short)ErrorCode.MemberIdRequired, response.ErrorCode);
        Assert.Matches("^my-client-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", response.MemberId);
        Assert.True(h.Group("g")!.IsPendingMember(response.MemberId));
    }

    [Fact]
    public void Join_V3WithoutMemberId_IsAddedAtOnce()
    {
        var h = new GroupHarness();

        var join = h.Join(GroupHarness.JoinRequest("g"), version: 3);
        h.AdvanceMs(0);
        var response = join.Value();

        Assert.Equal((short)ErrorCode.None, response.ErrorCode);
        Assert.Equal(1, response.GenerationId);
        Assert.Equal(response.MemberId, response.Leader);
    }

    [Fact]
    public void Join_OfAnEmptyGroup_WaitsForTheInitialRebalanceDelay()
    {
        var h = new GroupHarness(new GroupCoordinatorConfig { InitialRebalanceDelayMs = 3000 });

        var join = h.JoinNew("g");
        h.AdvanceMs(2999);
        Assert.False(join.IsCompleted);

        h.AdvanceMs(1);
        Assert.True(join.IsCompletedSuccessfully);
        Assert.Equal(1, join.Value().GenerationId);
        Assert.Equal(ClassicGroupState.CompletingRebalance, h.Group("g")!.State);
    }

    [Fact]
    public void Join_NewMembersDuringTheInitialDelay_ExtendItUpToTheRebalanceTimeout()
    {
        var h = new GroupHarness(new GroupCoordinatorConfig { InitialRebalanceDelayMs = 3000 });

        var first = h.JoinNew(GroupHarness.JoinRequest("g", rebalanceTimeoutMs: 5000));
        h.AdvanceMs(2000);
        var second = h.JoinNew(GroupHarness.JoinRequest("g", rebalanceTimeoutMs: 5000));
        h.AdvanceMs(1000);
        Assert.False(first.IsCompleted, "a member joined during the delay: it is extended");

        h.AdvanceMs(2000);
        Assert.True(first.IsCompletedSuccessfully && second.IsCompletedSuccessfully);
        Assert.Equal(2, first.Value().Members.Count + second.Value().Members.Count);
    }

    [Fact]
    public void TwoMembers_LeaderLearnsTheMembers_AndSyncHandsOutItsAssignment()
    {
        var h = new GroupHarness();
        var a = h.JoinNew("g", ("range", GroupHarness.Subscription("t")));
        var b = h.JoinNew("g", ("range", GroupHarness.Subscription("t")));
        h.AdvanceMs(0);

        var (ra, rb) = (a.Value(), b.Value());
        Assert.Equal(ra.GenerationId, rb.GenerationId);
        Assert.Equal(ra.MemberId, ra.Leader);
        Assert.Equal(ra.Leader, rb.Leader);
        Assert.Equal([ra.MemberId, rb.MemberId], ra.Members.Select(m => m.MemberId));
        Assert.Empty(rb.Members);
        Assert.Equal("range", ra.ProtocolName);

        var follower = h.Sync("g", rb.MemberId, rb.GenerationId);
        Assert.False(follower.IsCompleted, "a follower waits for the leader");
        var assignA = GroupHarness.Assignment(("t", [0, 1]));
        var assignB = GroupHarness.Assignment(("t", [2]));
        var leader = h.Sync("g", ra.MemberId, ra.GenerationId, new Dictionary<string, byte[]> { [ra.MemberId] = assignA, [rb.MemberId] = assignB });

        Assert.Equal(assignA, (leader.Value()).Assignment);
        Assert.Equal(assignB, (follower.Value()).Assignment);
        Assert.Equal("consumer", (follower.Value()).ProtocolType);
        Assert.Equal(ClassicGroupState.Stable, h.Group("g")!.State);
    }

    [Fact]
    public void Sync_ResponsesWaitUntilTheStoredAssignmentIsDurable()
    {
        var h = new GroupHarness();
        var (leaderId, generation) = Single(h, "g");
        h.Log.AutoFlush = false;

        var sync = h.Sync("g", leaderId, generation, new Dictionary<string, byte[]> { [leaderId] = [1] });
        Assert.False(sync.IsCompleted);

        h.Log.CompleteFlushes();
        SpinUntil(() => { h.Pump(); return sync.IsCompleted; });
        Assert.Equal([1], sync.Value().Assignment);
    }

    [Fact]
    public void Rejoin_OfAFollowerWithTheSameMetadata_GetsTheCurrentGenerationWithoutARebalance()
    {
        var h = new GroupHarness();
        var members = Stable(h, "g", 2);
        var follower = members[1];

        var again = h.Join(GroupHarness.JoinRequest("g", follower.MemberId)).Value();

        Assert.Equal((short)ErrorCode.None, again.ErrorCode);
        Assert.Equal(follower.Generation, again.GenerationId);
        Assert.Equal(ClassicGroupState.Stable, h.Group("g")!.State);
    }

    [Fact]
    public void Rejoin_OfTheLeader_StartsARebalance_OthersAreToldByHeartbeat()
    {
        var h = new GroupHarness();
        var members = Stable(h, "g", 2);
        var (leader, follower) = (members[0], members[1]);

        var leaderJoin = h.Join(GroupHarness.JoinRequest("g", leader.MemberId));

        Assert.Equal(ClassicGroupState.PreparingRebalance, h.Group("g")!.State);
        Assert.Equal(ErrorCode.RebalanceInProgress, h.Heartbeat("g", follower.MemberId, follower.Generation));
        var followerJoin = h.Join(GroupHarness.JoinRequest("g", follower.MemberId));
        Assert.True(leaderJoin.IsCompletedSuccessfully && followerJoin.IsCompletedSuccessfully);
        Assert.Equal(leader.Generation + 1, leaderJoin.Value().GenerationId);
        Assert.Equal(leader.MemberId, leaderJoin.Value().Leader);
    }

    [Fact]
    public void NewMember_JoiningAStableGroup_Rebalances_AndTheLeaderIsKept()
    {
        var h = new GroupHarness();
        var members = Stable(h, "g", 2);

        var newcomer = h.JoinNew("g");
        Assert.Equal(ErrorCode.RebalanceInProgress, h.Heartbeat("g", members[0].MemberId, members[0].Generation));
        var rejoins = members.Select(m => h.Join(GroupHarness.JoinRequest("g", m.MemberId))).ToList();

        Assert.True(newcomer.IsCompletedSuccessfully);
        Assert.All(rejoins, r => Assert.Equal(members[0].Generation + 1, r.Value().GenerationId));
        Assert.Equal(members[0].MemberId, newcomer.Value().Leader);
        Assert.Equal(3, rejoins[0].Value().Members.Count);
    }

    [Fact]
    public void Join_WithAnUnknownMemberId_IsUnknownMemberId_AndTheGroupContinues()
    {
        var h = new GroupHarness();
        var members = Stable(h, "g", 2);

        var bogus = h.Join(GroupHarness.JoinRequest("g", "nobody-1234")).Value();
        var missingGroup = h.Join(GroupHarness.JoinRequest("no-such-group", "nobody-1234")).Value();

        Assert.Equal((short)ErrorCode.UnknownMemberId, bogus.ErrorCode);
        Assert.Equal((short)ErrorCode.UnknownMemberId, missingGroup.ErrorCode);
        Assert.Equal(ClassicGroupState.Stable, h.Group("g")!.State);
        Assert.Equal(ErrorCode.None, h.Heartbeat("g", members[1].MemberId, members[1].Generation));
    }

    [Fact]
    public void Join_WithAnotherProtocolType_OrNoCommonProtocol_IsInconsistentGroupProtocol()
    {
        var h = new GroupHarness();
        var members = Stable(h, "g", 1);

        var otherType = h.Join(GroupHarness.JoinRequest("g", protocolType: "connect", protocols: [("default", [1])])).Value();
        var otherName = h.Join(GroupHarness.JoinRequest("g", protocols: [("roundrobin", GroupHarness.Subscription("t"))])).Value();
        var existingSwitching = h.Join(GroupHarness.JoinRequest("g", members[0].MemberId, protocols: [("sticky", [0])])).Value();

        Assert.Equal((short)ErrorCode.InconsistentGroupProtocol, otherType.ErrorCode);
        Assert.Equal((short)ErrorCode.InconsistentGroupProtocol, otherName.ErrorCode);
        Assert.Equal((short)ErrorCode.InconsistentGroupProtocol, existingSwitching.ErrorCode);
        Assert.Equal(ClassicGroupState.Stable, h.Group("g")!.State);
        Assert.Equal(1, h.Group("g")!.MemberCount);
    }

    [Fact]
    public void Protocol_IsTheOneMostMembersPrefer_AmongThoseAllSupport()
    {
        var h = new GroupHarness();
        var a = h.JoinNew("g", ("roundrobin", [1]), ("range", [2]));
        var b = h.JoinNew("g", ("range", [3]), ("roundrobin", [4]));
        var c = h.JoinNew("g", ("roundrobin", [5]), ("sticky", [6]), ("range", [7]));
        h.AdvanceMs(0);

        Assert.Equal("roundrobin", a.Value().ProtocolName);
        Assert.Equal(new byte[][] { [1], [4], [5] }, a.Value().Members.Select(m => m.Metadata));
    }

    [Fact]
    public void ConnectProtocol_PassesThroughUntouched()
    {
        var h = new GroupHarness();
        var metadata = new byte[] { 0, 1, 9, 9, 9 };

        var worker = h.JoinNew(GroupHarness.JoinRequest("connect-cluster", protocolType: "connect", protocols: [("sessioned", metadata), ("default", [7])]));
        h.AdvanceMs(0);

        Assert.Equal("sessioned", worker.Value().ProtocolName);
        Assert.Equal("connect", worker.Value().ProtocolType);
        Assert.Equal(metadata, worker.Value().Members.Single().Metadata);
    }

    [Fact]
    public void RebalanceTimeout_MembersThatDoNotRejoin_AreRemoved()
    {
        var h = new GroupHarness();
        var members = Stable(h, "g", 3, rebalanceTimeoutMs: 5000, sessionTimeoutMs: 60_000);

        var leaderJoin = h.Join(GroupHarness.JoinRequest("g", members[0].MemberId, rebalanceTimeoutMs: 5000, sessionTimeoutMs: 60_000));
        var secondJoin = h.Join(GroupHarness.JoinRequest("g", members[1].MemberId, rebalanceTimeoutMs: 5000, sessionTimeoutMs: 60_000));
        h.AdvanceMs(4999);
        Assert.False(leaderJoin.IsCompleted);

        h.AdvanceMs(1);
        Assert.Equal(2, leaderJoin.Value().Members.Count);
        Assert.False(h.Group("g")!.HasMember(members[2].MemberId));
        Assert.True(secondJoin.IsCompletedSuccessfully);
    }

    [Fact]
    public void Leader_ThatDoesNotRejoin_IsReplacedByAMemberThatDid()
    {
        var h = new GroupHarness();
        var members = Stable(h, "g", 2, rebalanceTimeoutMs: 5000, sessionTimeoutMs: 60_000);

        // The follower changes its subscription: a rebalance the leader misses.
        var join = h.Join(GroupHarness.JoinRequest("g", members[1].MemberId, rebalanceTimeoutMs: 5000, sessionTimeoutMs: 60_000, protocols: [("range", GroupHarness.Subscription("t", "u"))]));
        h.AdvanceMs(5000);

        Assert.Equal(members[1].MemberId, join.Value().Leader);
        Assert.Single(join.Value().Members);
    }

    [Fact]
    public void MaxSize_RefusesTheMemberBeyondIt()
    {
        var h = new GroupHarness(new GroupCoordinatorConfig { InitialRebalanceDelayMs = 0, MaxSize = 2 });
        Stable(h, "g", 2);

        var third = h.JoinNew("g").Value();

        Assert.Equal((short)ErrorCode.GroupMaxSizeReached, third.ErrorCode);
        Assert.Equal(2, h.Group("g")!.MemberCount);
    }

    [Fact]
    public void PendingMember_ThatNeverComesBack_ExpiresAfterItsSessionTimeout()
    {
        var h = new GroupHarness();
        var members = Stable(h, "g", 1, sessionTimeoutMs: 60_000);
        var required = h.Join(GroupHarness.JoinRequest("g", sessionTimeoutMs: 6000)).Value();
        Assert.True(h.Group("g")!.IsPendingMember(required.MemberId));

        h.AdvanceMs(6000);

        Assert.False(h.Group("g")!.IsPendingMember(required.MemberId));
        Assert.Equal(ErrorCode.None, h.Heartbeat("g", members[0].MemberId, members[0].Generation));
    }

    [Fact]
    public void NewMember_WhoseParkedJoinOutlivesTheJoinTimeout_IsDropped()
    {
        var h = new GroupHarness(new GroupCoordinatorConfig { InitialRebalanceDelayMs = 0, NewMemberJoinTimeoutMs = 10_000 });
        var members = Stable(h, "g", 1, rebalanceTimeoutMs: 300_000, sessionTimeoutMs: 60_000);
        var newcomer = h.JoinNew(GroupHarness.JoinRequest("g", rebalanceTimeoutMs: 300_000, sessionTimeoutMs: 60_000));

        // The old member keeps heartbeating (REBALANCE_IN_PROGRESS) but never rejoins; the newcomer's join times out.
        for (var i = 0; i < 5; i++)
        {
            h.AdvanceMs(2000);
            h.Heartbeat("g", members[0].MemberId, members[0].Generation);
        }

        Assert.True(newcomer.IsCompletedSuccessfully);
        Assert.Equal((short)ErrorCode.UnknownMemberId, newcomer.Value().ErrorCode);
    }

    /// <summary>Forms a Stable group of <paramref name="count"/> members; returns them leader first.</summary>
    internal static List<(string MemberId, int Generation)> Stable(GroupHarness h, string groupId, int count, int rebalanceTimeoutMs = 30_000, int sessionTimeoutMs = 10_000)
    {
        var joins = Enumerable.Range(0, count)
            .Select(_ => h.JoinNew(GroupHarness.JoinRequest(groupId, rebalanceTimeoutMs: rebalanceTimeoutMs, sessionTimeoutMs: sessionTimeoutMs)))
            .ToList();
        h.AdvanceMs(0);
        var responses = joins.Select(j => j.IsCompletedSuccessfully ? j.Value() : throw new InvalidOperationException("join did not complete")).ToList();
        var leader = responses.Single(r => r.MemberId == r.Leader);
        var assignment = responses.ToDictionary(r => r.MemberId, r => GroupHarness.Assignment(("t", [responses.IndexOf(r)])));
        var syncs = responses.Where(r => r != leader).Select(r => h.Sync(groupId, r.MemberId, r.GenerationId)).ToList();
        syncs.Add(h.Sync(groupId, leader.MemberId, leader.GenerationId, assignment));
        if (syncs.Any(s => !s.IsCompletedSuccessfully || s.Value().ErrorCode != 0))
        {
            throw new InvalidOperationException("sync failed");
        }

        return [(leader.MemberId, leader.GenerationId), .. responses.Where(r => r != leader).Select(r => (r.MemberId, r.GenerationId))];
    }

    /// <summary>One member, joined (CompletingRebalance, not synced yet).</summary>
    internal static (string MemberId, int Generation) Single(GroupHarness h, string groupId)
    {
        var join = h.JoinNew(groupId);
        h.AdvanceMs(0);
        return (join.Value().MemberId, join.Value().GenerationId);
    }

    internal static void SpinUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached");
            Thread.Sleep(1);
        }
    }
}
