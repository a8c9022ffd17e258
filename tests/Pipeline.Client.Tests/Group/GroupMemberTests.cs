using System.Text;
using Pipeline.Client.Group;
using Pipeline.Client.Tests.Fixtures;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Client.Tests.Group;

/// <summary>The group member's state machine against a scripted coordinator (the fake Kafka peer).</summary>
[Trait("Category", "Integration")]
public sealed class GroupMemberTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly FakeKafkaBroker _broker = new();
    private readonly RecordingProtocol _protocol = new();
    private FakeGroupCoordinator _coordinator = null!;

    public Task InitializeAsync()
    {
        _coordinator = new FakeGroupCoordinator(_broker);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    private GroupMember Member(Func<GroupMemberOptions, GroupMemberOptions>? configure = null)
    {
        var options = GroupMemberOptions.Default with
        {
            BootstrapServers = _broker.BootstrapServers,
            GroupId = "g1",
            SessionTimeout = TimeSpan.FromSeconds(2),
            HeartbeatInterval = TimeSpan.FromMilliseconds(100),
            RebalanceTimeout = TimeSpan.FromSeconds(30),
            RetryBackoff = TimeSpan.FromMilliseconds(20),
        };
        return new GroupMember((configure ?? (o => o))(options), _protocol);
    }

    private static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task PollAsync_MemberIdRequired_RejoinsWithTheGivenIdAndCompletesAsLeader()
    {
        _coordinator.Joins.Enqueue(_ => FakeGroupCoordinator.Error(ErrorCode.MemberIdRequired, "m-1"));
        await using var member = Member();

        Assert.True(await member.PollAsync(Wait));

        var joins = _coordinator.Requests<JoinGroupRequest>(ApiKey.JoinGroup);
        Assert.Equal(["", "m-1"], joins.Select(j => j.MemberId));
        Assert.Equal("test", joins[1].ProtocolType);
        Assert.Equal(["proto-a", "proto-b"], joins[1].Protocols.Select(p => p.Name));
        Assert.Equal(30000, joins[1].RebalanceTimeoutMs);
        Assert.Equal(2000, joins[1].SessionTimeoutMs);

        var context = Assert.Single(_protocol.Assigned);
        Assert.Equal("proto-a", context.ProtocolName);
        Assert.Equal(new byte[] { 1, 2, 3 }, Assert.Single(context.Members).Metadata);

        var sync = Assert.Single(_coordinator.Requests<SyncGroupRequest>(ApiKey.SyncGroup));
        Assert.Equal("m-1", Assert.Single(sync.Assignments).MemberId);
        var (generation, assignment) = Assert.Single(_protocol.Completed);
        Assert.Equal(new GroupGeneration(1, "m-1", "proto-a"), generation);
        Assert.Equal("m-1", Encoding.UTF8.GetString(assignment));
        Assert.Equal(GroupGeneration.None, Assert.Single(_protocol.Prepared));
        Assert.True(member.IsLeader);
        Assert.Equal(GroupMemberState.Stable, member.State);
    }

    [Fact]
    public async Task PollAsync_Follower_SendsNoAssignmentsAndGetsTheLeadersChoice()
    {
        _coordinator.Joins.Enqueue(j => new JoinGroupResponse { GenerationId = 7, ProtocolName = "proto-b", ProtocolType = "test", Leader = "someone-else", MemberId = "m-2" });
        _coordinator.Syncs.Enqueue(_ => new SyncGroupResponse { ProtocolType = "test", ProtocolName = "proto-b", Assignment = [42] });
        await using var member = Member();

        Assert.True(await member.PollAsync(Wait));

        Assert.Empty(_protocol.Assigned);
        Assert.Empty(Assert.Single(_coordinator.Requests<SyncGroupRequest>(ApiKey.SyncGroup)).Assignments);
        Assert.Equal(new byte[] { 42 }, Assert.Single(_protocol.Completed).Assignment);
        Assert.False(member.IsLeader);
        Assert.Equal("someone-else", member.LeaderId);
    }

    [Fact]
    public async Task Heartbeat_RebalanceInProgress_WakesThePollerWhichRejoinsWithTheSameMemberId()
    {
        await using var member = Member();
        var woken = 0;
        member.Wakeup = () => Interlocked.Increment(ref woken);
        Assert.True(await member.PollAsync(Wait));
        var first = member.Generation;

        _coordinator.HeartbeatError = ErrorCode.RebalanceInProgress;
        await Eventually(() => Volatile.Read(ref woken) > 0, "the wakeup after REBALANCE_IN_PROGRESS");
        _coordinator.HeartbeatError = ErrorCode.None;
        Assert.True(await member.PollAsync(Wait));

        Assert.Equal([GroupGeneration.None, first], _protocol.Prepared);
        var joins = _coordinator.Requests<JoinGroupRequest>(ApiKey.JoinGroup);
        Assert.Equal(first.MemberId, joins[^1].MemberId);
        Assert.Equal(first.GenerationId + 1, member.Generation.GenerationId);
        Assert.Equal(2, _protocol.Completed.Count);
    }

    [Fact]
    public async Task Heartbeat_UnknownMemberId_NextPollReportsTheLossAndJoinsAfresh()
    {
        await using var member = Member();
        Assert.True(await member.PollAsync(Wait));
        var first = member.Generation;

        _coordinator.HeartbeatError = ErrorCode.UnknownMemberId;
        await Eventually(() => member.State == GroupMemberState.Unjoined, "the reset after UNKNOWN_MEMBER_ID");
        _coordinator.HeartbeatError = ErrorCode.None;
        Assert.Equal(GroupGeneration.None, member.Generation);
        Assert.True(await member.PollAsync(Wait));

        // The second prepare says "lost": the old generation is gone, not cleanly revoked.
        Assert.Equal([GroupGeneration.None, GroupGeneration.None], _protocol.Prepared);
        Assert.Equal("", _coordinator.Requests<JoinGroupRequest>(ApiKey.JoinGroup)[^1].MemberId);
        Assert.NotEqual(first.MemberId, member.MemberId);
    }

    [Fact]
    public async Task Heartbeat_IllegalGeneration_RejoinsKeepingTheMemberId()
    {
        await using var member = Member();
        Assert.True(await member.PollAsync(Wait));
        var first = member.Generation;

        _coordinator.HeartbeatError = ErrorCode.IllegalGeneration;
        await Eventually(() => member.State == GroupMemberState.Unjoined, "the reset after ILLEGAL_GENERATION");
        _coordinator.HeartbeatError = ErrorCode.None;
        Assert.True(await member.PollAsync(Wait));

        Assert.Equal(first.MemberId, _coordinator.Requests<JoinGroupRequest>(ApiKey.JoinGroup)[^1].MemberId);
        Assert.Equal(GroupGeneration.None, _protocol.Prepared.Last());
    }

    [Fact]
    public async Task Heartbeat_FencedInstanceId_PollThrowsFromThenOn()
    {
        await using var member = Member(o => o with { GroupInstanceId = "instance-1" });
        Assert.True(await member.PollAsync(Wait));
        Assert.Equal("instance-1", _coordinator.Requests<JoinGroupRequest>(ApiKey.JoinGroup)[0].GroupInstanceId);

        _coordinator.HeartbeatError = ErrorCode.FencedInstanceId;
        await Eventually(() => _broker.OfType(ApiKey.Heartbeat).Any() && IsFenced(member), "the fenced error");
        var e = await Assert.ThrowsAsync<KafkaException>(() => member.PollAsync(Wait));
        Assert.Equal(ErrorCode.FencedInstanceId, e.Code);
    }

    [Fact]
    public async Task JoinGroup_NotCoordinator_FindsTheCoordinatorAgainAndJoins()
    {
        _coordinator.Joins.Enqueue(_ => FakeGroupCoordinator.Error(ErrorCode.NotCoordinator));
        await using var member = Member();

        Assert.True(await member.PollAsync(Wait));

        Assert.Equal(2, _broker.OfType(ApiKey.FindCoordinator).Count());
        Assert.Equal(2, _broker.OfType(ApiKey.JoinGroup).Count());
    }

    [Fact]
    public async Task SyncGroup_RebalanceInProgress_RejoinsWithTheMemberIdFromJoin()
    {
        _coordinator.Syncs.Enqueue(_ => new SyncGroupResponse { ErrorCode = (short)ErrorCode.RebalanceInProgress });
        await using var member = Member();

        Assert.True(await member.PollAsync(Wait));

        var joins = _coordinator.Requests<JoinGroupRequest>(ApiKey.JoinGroup);
        Assert.Equal(2, joins.Count);
        Assert.NotEqual("", joins[1].MemberId);
        Assert.Single(_protocol.Prepared);
        Assert.Single(_protocol.Completed);
    }

    [Fact]
    public async Task JoinGroup_InconsistentProtocol_IsFatal()
    {
        _coordinator.Joins.Enqueue(_ => FakeGroupCoordinator.Error(ErrorCode.InconsistentGroupProtocol));
        await using var member = Member();

        var e = await Assert.ThrowsAsync<KafkaException>(() => member.PollAsync(Wait));
        Assert.Equal(ErrorCode.InconsistentGroupProtocol, e.Code);
    }

    [Fact]
    public async Task PollAsync_TimeoutDuringJoin_ReturnsFalseAndTheNextPollFinishesTheSameJoin()
    {
        var release = new ManualResetEventSlim();
        _coordinator.Joins.Enqueue(j =>
        {
            release.Wait(Wait);
            return _coordinator.JoinAlone(j);
        });
        await using var member = Member();

        Assert.False(await member.PollAsync(TimeSpan.FromMilliseconds(200)));
        release.Set();
        Assert.True(await member.PollAsync(Wait));
        Assert.Single(_broker.OfType(ApiKey.JoinGroup));
    }

    [Fact]
    public async Task NoPollForTheRebalanceTimeout_DynamicMemberLeavesAndLaterRejoinsAsLost()
    {
        await using var member = Member(o => o with { RebalanceTimeout = TimeSpan.FromMilliseconds(400) });
        Assert.True(await member.PollAsync(Wait));
        var first = member.MemberId;

        await Eventually(() => _broker.OfType(ApiKey.LeaveGroup).Any(), "the LeaveGroup after the poll timeout");
        var leave = Assert.Single(_coordinator.Requests<LeaveGroupRequest>(ApiKey.LeaveGroup));
        Assert.Equal(first, Assert.Single(leave.Members).MemberId);
        Assert.Equal(GroupMemberState.Unjoined, member.State);

        Assert.True(await member.PollAsync(Wait));
        Assert.Equal(GroupGeneration.None, _protocol.Prepared.Last());
    }

    [Fact]
    public async Task LeaveAsync_DynamicMember_RunsLeavePrepareAndSendsLeaveGroup()
    {
        await using var member = Member();
        Assert.True(await member.PollAsync(Wait));
        var generation = member.Generation;

        await member.LeaveAsync("test is done");

        Assert.Equal(generation, Assert.Single(_protocol.Left));
        Assert.Equal(generation.MemberId, Assert.Single(Assert.Single(_coordinator.Requests<LeaveGroupRequest>(ApiKey.LeaveGroup)).Members).MemberId);
        Assert.Equal(GroupMemberState.Unjoined, member.State);
    }

    [Fact]
    public async Task DisposeAsync_StaticMember_DoesNotSendLeaveGroup()
    {
        var member = Member(o => o with { GroupInstanceId = "static-1" });
        Assert.True(await member.PollAsync(Wait));

        await member.DisposeAsync();

        Assert.Single(_protocol.Left);
        Assert.Empty(_broker.OfType(ApiKey.LeaveGroup));
    }

    [Fact]
    public async Task Heartbeats_AreSentWhileStableWithTheCurrentGeneration()
    {
        await using var member = Member();
        Assert.True(await member.PollAsync(Wait));

        await Eventually(() => _broker.OfType(ApiKey.Heartbeat).Count() >= 3, "three heartbeats");
        var beats = _coordinator.Requests<HeartbeatRequest>(ApiKey.Heartbeat);
        Assert.All(beats, b => Assert.Equal((b.GroupId, b.GenerationId, b.MemberId), ("g1", member.Generation.GenerationId, member.MemberId)));

        // The coordinator's connection is its own, apart from the bootstrap one.
        Assert.True(_broker.ConnectionCount >= 2);
    }

    /// <summary>True once a poll fails with FENCED_INSTANCE_ID (a stable member's poll returns at once).</summary>
    private static bool IsFenced(GroupMember member)
    {
        try
        {
            member.PollAsync(TimeSpan.Zero).GetAwaiter().GetResult();
            return false;
        }
        catch (KafkaException e) when (e.Code == ErrorCode.FencedInstanceId)
        {
            return true;
        }
    }
}
