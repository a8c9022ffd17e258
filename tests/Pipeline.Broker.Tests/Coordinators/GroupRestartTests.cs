using Pipeline.Broker.Tests.Fixtures;
using Pipeline.Broker.Tests.Support;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using Pipeline.Testing.Brokers;
using Pipeline.Testing.Kafka;
using Xunit;
using Xunit.Abstractions;

namespace Pipeline.Broker.Tests.Coordinators;

/// <summary>
/// Group state across broker restarts: a clean restart keeps the group and its offsets; a kill -9
/// in the middle of a rebalance loses only the unstored generation, the group re-forms, and no
/// acknowledged commit goes backwards.
/// </summary>
[Trait("Category", "Integration")]
public sealed class GroupRestartTests(ITestOutputHelper output)
{
    private const int Partitions = 4;

    [Fact]
    public async Task CleanRestart_KeepsTheGroupAndItsOffsets_TheMemberCarriesOn()
    {
        await using var broker = await InProcessBroker.StartAsync(GroupBrokerFixture.GroupProperties);
        var topic = TestTopics.Unique("restart");
        const string groupId = "restart-group";
        await using (var admin = await broker.ConnectAsync())
        {
            Assert.Equal(ErrorCode.None, await admin.CreateTopicAsync(topic, Partitions));
        }

        string memberId;
        int generation;
        await using (var member = await GroupMember.ConnectAsync(broker.Host, broker.Port, groupId))
        {
            Expect.NoError((await member.JoinAsync([topic], sessionTimeoutMs: 30_000)).ErrorCode);
            Expect.NoError((await member.SyncAsync(topic, Partitions)).ErrorCode);
            Assert.Equal(ErrorCode.None, await member.CommitAsync(topic, new Dictionary<int, long> { [0] = 10, [1] = 11, [2] = 12, [3] = 13 }));
            (memberId, generation) = (member.MemberId, member.Generation);
        }

        await broker.RestartAsync();

        await using var after = await GroupMember.ConnectAsync(broker.Host, broker.Port, groupId);
        for (var p = 0; p < Partitions; p++)
        {
            Assert.Equal(10 + p, await after.CommittedAsync(topic, p));
        }

        (after.MemberId, after.Generation) = (memberId, generation);
        Assert.Equal(ErrorCode.None, await after.HeartbeatAsync());
        var described = await after.Client.SendAsync<DescribeGroupsResponse>(new DescribeGroupsRequest { Groups = [groupId] }, 4);
        Assert.Equal("Stable", described.Groups.Single().GroupState);
        Assert.Equal(memberId, described.Groups.Single().Members.Single().MemberId);
    }

    [Fact]
    public async Task Kill9_DuringARebalance_TheGroupReforms_AndNoCommittedOffsetGoesBackwards()
    {
        await using var broker = await BrokerProcess.StartAsync(GroupBrokerFixture.GroupProperties, output);
        const string topic = "kill-topic";
        const string groupId = "kill-group";
        await using (var setup = await broker.ConnectAsync())
        {
            Assert.Equal(ErrorCode.None, await setup.CreateTopicAsync(topic, Partitions));
        }

        var acknowledged = new long[Partitions];
        var a = await GroupMember.ConnectAsync(broker.Host, broker.Port, groupId);
        var b = await GroupMember.ConnectAsync(broker.Host, broker.Port, groupId);
        await Task.WhenAll(a.JoinAsync([topic]), b.JoinAsync([topic]));
        var syncs = await Task.WhenAll(a.SyncAsync(topic, Partitions), b.SyncAsync(topic, Partitions));
        Assert.All(syncs, s => Expect.NoError(s.ErrorCode));
        var storedGeneration = a.Generation;

        // Commits from both members, each acknowledged only after the fsync.
        for (var round = 1; round <= 5; round++)
        {
            foreach (var (member, sync) in new[] { (a, syncs[0]), (b, syncs[1]) })
            {
                var offsets = GroupMember.Partitions(sync.Assignment).ToDictionary(p => p, p => (long)(round * 100) + p);
                Assert.Equal(ErrorCode.None, await member.CommitAsync(topic, offsets));
                foreach (var (p, o) in offsets)
                {
                    acknowledged[p] = o;
                }
            }
        }

        // A rebalance: both rejoin (generation + 1), nobody syncs yet; then the broker dies.
        await using var admin = await broker.ConnectAsync();
        var rejoins = await GroupMember.RebalanceAsync(a.IsLeader ? a : b, [a.IsLeader ? b : a], [topic], admin);
        Assert.All(rejoins, r => Assert.Equal(storedGeneration + 1, r.GenerationId));
        broker.Kill();
        await a.DisposeAsync();
        await b.DisposeAsync();

        await broker.RestartAsync();

        await using var a2 = await GroupMember.ConnectAsync(broker.Host, broker.Port, groupId);
        await using var b2 = await GroupMember.ConnectAsync(broker.Host, broker.Port, groupId);
        (a2.MemberId, a2.Generation, b2.MemberId, b2.Generation) = (a.MemberId, a.Generation, b.MemberId, b.Generation);
        for (var p = 0; p < Partitions; p++)
        {
            var committed = await a2.CommittedAsync(topic, p);
            Assert.True(committed >= acknowledged[p], $"partition {p}: acknowledged {acknowledged[p]}, after the kill {committed}\n{broker.Output}");
        }

        // The unstored generation is gone: the members are told so and rejoin with their ids.
        Assert.Equal(ErrorCode.IllegalGeneration, await b2.HeartbeatAsync());
        var (leader, follower) = a.IsLeader ? (a2, b2) : (b2, a2);
        await using var admin2 = await broker.ConnectAsync();
        var reformed = await GroupMember.RebalanceAsync(leader, [follower], [topic], admin2);
        Assert.All(reformed, r => Expect.NoError(r.ErrorCode));
        Assert.Equal(reformed[0].GenerationId, reformed[1].GenerationId);
        Assert.Equal(2, (a2.IsLeader ? a2 : b2).LastJoin!.Members.Count);
        var resynced = await Task.WhenAll(a2.SyncAsync(topic, Partitions), b2.SyncAsync(topic, Partitions));
        Assert.All(resynced, s => Expect.NoError(s.ErrorCode));
        Assert.Equal([0, 1, 2, 3], resynced.SelectMany(s => GroupMember.Partitions(s.Assignment)).Order());
        Assert.Equal(ErrorCode.None, await a2.HeartbeatAsync());
    }
}
