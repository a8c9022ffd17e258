using Pipeline.Broker.Metadata;
using Pipeline.Broker.Tests.Support;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using Pipeline.Testing.Kafka;
using Xunit;

namespace Pipeline.Broker.Tests.Coordinators;

/// <summary>
/// The group APIs over the wire against an in-process broker: a group forming and sharing
/// partitions, the errors that bad members get while the group goes on, offsets in every request
/// version, the administrative APIs, and consumer lag from committed and end offsets.
/// </summary>
[Trait("Category", "Integration")]
public sealed class GroupApisTests : IClassFixture<GroupBrokerFixture>
{
    private readonly GroupBrokerFixture _fixture;

    public GroupApisTests(GroupBrokerFixture fixture)
    {
        _fixture = fixture;
    }

    private Task<GroupMember> MemberAsync(string groupId, string? instanceId = null) =>
        GroupMember.ConnectAsync(_fixture.Broker.Host, _fixture.Broker.Port, groupId, instanceId);

    [Fact]
    public async Task FindCoordinator_CreatesConsumerOffsets_Compacted_WithKafkasPartitionCount()
    {
        await using var client = await _fixture.ConnectAsync();

        var response = await client.SendAsync<FindCoordinatorResponse>(new FindCoordinatorRequest { KeyType = 0, CoordinatorKeys = ["some-group"] }, 4);

        Expect.NoError(response.Coordinators.Single().ErrorCode);
        var metadata = await client.MetadataAsync(TopicNames.ConsumerOffsets);
        var topic = metadata.Topics.Single();
        Expect.NoError(topic.ErrorCode);
        Assert.True(topic.IsInternal);
        Assert.Equal(50, topic.Partitions.Count);
        var configs = await client.DescribeConfigsAsync(AdminRequests.TopicResource, TopicNames.ConsumerOffsets, ["cleanup.policy"]);
        Assert.Equal("compact", configs.Configs.Single().Value);
    }

    [Fact]
    public async Task TwoMembers_FormAGroup_AndShareThePartitions()
    {
        var (groupId, topic) = await GroupAndTopicAsync(4);
        await using var a = await MemberAsync(groupId);
        await using var b = await MemberAsync(groupId);

        var joins = await Task.WhenAll(a.JoinAsync([topic]), b.JoinAsync([topic]));

        Assert.All(joins, j => Expect.NoError(j.ErrorCode));
        Assert.Equal(joins[0].GenerationId, joins[1].GenerationId);
        var (leader, follower) = a.IsLeader ? (a, b) : (b, a);
        Assert.Equal(2, leader.LastJoin!.Members.Count);
        var syncs = await Task.WhenAll(follower.SyncAsync(topic, 4), leader.SyncAsync(topic, 4));
        Assert.All(syncs, s => Expect.NoError(s.ErrorCode));
        var owned = syncs.Select(s => GroupMember.Partitions(s.Assignment)).ToList();
        Assert.Empty(owned[0].Intersect(owned[1]));
        Assert.Equal([0, 1, 2, 3], owned.SelectMany(p => p).Order());
        Assert.Equal(ErrorCode.None, await a.HeartbeatAsync());

        var described = await a.Client.SendAsync<DescribeGroupsResponse>(new DescribeGroupsRequest { Groups = [groupId], IncludeAuthorizedOperations = true }, 5);
        var group = described.Groups.Single();
        Assert.Equal(("Stable", "consumer", "range", 2), (group.GroupState, group.ProtocolType, group.ProtocolData, group.Members.Count));
        Assert.All(group.Members, m => Assert.Equal("/127.0.0.1", m.ClientHost));
        Assert.NotEqual(int.MinValue, group.AuthorizedOperations);
    }

    [Fact]
    public async Task BadMembers_GetKafkasErrors_AndTheGroupGoesOn()
    {
        var (groupId, topic) = await GroupAndTopicAsync(2);
        await using var good = await MemberAsync(groupId);
        Expect.NoError((await good.JoinAsync([topic])).ErrorCode);
        Expect.NoError((await good.SyncAsync(topic, 2)).ErrorCode);
        var client = good.Client;

        var stale = await client.SendAsync<HeartbeatResponse>(new HeartbeatRequest { GroupId = groupId, MemberId = good.MemberId, GenerationId = good.Generation - 1 }, 3);
        var unknown = await client.SendAsync<HeartbeatResponse>(new HeartbeatRequest { GroupId = groupId, MemberId = "stranger", GenerationId = good.Generation }, 3);
        var wrongProtocol = await client.SendAsync<JoinGroupResponse>(GroupMember.Request(groupId, string.Empty, [topic], protocolType: "connect"), 5);
        var wrongName = await client.SendAsync<JoinGroupResponse>(GroupMember.Request(groupId, string.Empty, [topic], protocol: "roundrobin"), 3);
        var shortSession = await client.SendAsync<JoinGroupResponse>(GroupMember.Request(groupId, string.Empty, [topic], sessionTimeoutMs: 10), 5);
        var noGroupId = await client.SendAsync<JoinGroupResponse>(GroupMember.Request(string.Empty, string.Empty, [topic]), 5);
        var syncNoProtocol = await client.SendAsync<SyncGroupResponse>(new SyncGroupRequest { GroupId = groupId, MemberId = good.MemberId, GenerationId = good.Generation }, 5);
        var staleCommit = await client.SendAsync<OffsetCommitResponse>(new OffsetCommitRequest
        {
            GroupId = groupId,
            MemberId = good.MemberId,
            GenerationIdOrMemberEpoch = good.Generation + 3,
            Topics = [new() { Name = topic, Partitions = [new() { PartitionIndex = 0, CommittedOffset = 1 }] }],
        }, 8);

        Expect.Error(ErrorCode.IllegalGeneration, stale.ErrorCode);
        Expect.Error(ErrorCode.UnknownMemberId, unknown.ErrorCode);
        Expect.Error(ErrorCode.InconsistentGroupProtocol, wrongProtocol.ErrorCode);
        Expect.Error(ErrorCode.InconsistentGroupProtocol, wrongName.ErrorCode);
        Expect.Error(ErrorCode.InvalidSessionTimeout, shortSession.ErrorCode);
        Expect.Error(ErrorCode.InvalidGroupId, noGroupId.ErrorCode);
        Expect.Error(ErrorCode.InconsistentGroupProtocol, syncNoProtocol.ErrorCode);
        Expect.Error(ErrorCode.IllegalGeneration, staleCommit.Topics[0].Partitions[0].ErrorCode);
        Assert.Equal(ErrorCode.None, await good.HeartbeatAsync());
        Assert.Equal(ErrorCode.None, await good.CommitAsync(topic, new Dictionary<int, long> { [0] = 5 }));
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(5, 5)]
    [InlineData(7, 7)]
    [InlineData(8, 8)]
    [InlineData(9, 9)]
    public async Task OffsetCommit_ThenFetch_InEachVersion(short commitVersion, short fetchVersion)
    {
        var (groupId, topic) = await GroupAndTopicAsync(2);
        await using var client = await _fixture.ConnectAsync();
        var commit = new OffsetCommitRequest
        {
            GroupId = groupId,
            GenerationIdOrMemberEpoch = -1,
            RetentionTimeMs = -1,
            Topics =
            [
                new() { Name = topic, Partitions = [new() { PartitionIndex = 0, CommittedOffset = 17, CommittedMetadata = "m", CommittedLeaderEpoch = 0 }, new() { PartitionIndex = 7, CommittedOffset = 1 }] },
                new() { Name = "no-such-topic-" + groupId, Partitions = [new() { PartitionIndex = 0, CommittedOffset = 1 }] },
            ],
        };

        var committed = await client.SendAsync<OffsetCommitResponse>(commit, commitVersion);

        Expect.NoError(committed.Topics[0].Partitions[0].ErrorCode);
        Expect.Error(ErrorCode.UnknownTopicOrPartition, committed.Topics[0].Partitions[1].ErrorCode);
        Expect.Error(ErrorCode.UnknownTopicOrPartition, committed.Topics[1].Partitions[0].ErrorCode);
        var request = new OffsetFetchRequest();
        if (fetchVersion >= 8)
        {
            request.Groups = [new() { GroupId = groupId, Topics = [new() { Name = topic, PartitionIndexes = [0, 1] }] }, new() { GroupId = "other-" + groupId, Topics = null }];
        }
        else
        {
            request.GroupId = groupId;
            request.Topics = [new() { Name = topic, PartitionIndexes = [0, 1] }];
        }

        var fetched = await client.SendAsync<OffsetFetchResponse>(request, fetchVersion);

        var partitions = fetchVersion >= 8
            ? fetched.Groups[0].Topics.Single().Partitions.Select(p => (p.PartitionIndex, p.CommittedOffset, p.Metadata)).ToList()
            : fetched.Topics.Single().Partitions.Select(p => (p.PartitionIndex, p.CommittedOffset, p.Metadata)).ToList();
        Assert.Equal([(0, 17L, "m"), (1, -1L, string.Empty)], partitions);
        if (fetchVersion >= 8)
        {
            Assert.Equal(("other-" + groupId, 0, 0), (fetched.Groups[1].GroupId, fetched.Groups[1].Topics.Count, (int)fetched.Groups[1].ErrorCode));
        }
    }

    [Fact]
    public async Task OffsetFetch_WithNullTopics_ReturnsEveryCommittedPartition()
    {
        var (groupId, topic) = await GroupAndTopicAsync(3);
        await using var client = await _fixture.ConnectAsync();
        await client.SendAsync<OffsetCommitResponse>(new OffsetCommitRequest
        {
            GroupId = groupId,
            GenerationIdOrMemberEpoch = -1,
            Topics = [new() { Name = topic, Partitions = [new() { PartitionIndex = 0, CommittedOffset = 3 }, new() { PartitionIndex = 2, CommittedOffset = 4 }] }],
        }, 7);

        var all = await client.SendAsync<OffsetFetchResponse>(new OffsetFetchRequest { GroupId = groupId, Topics = null }, 7);

        Assert.Equal([(0, 3L), (2, 4L)], all.Topics.Single().Partitions.Select(p => (p.PartitionIndex, p.CommittedOffset)));
    }

    [Fact]
    public async Task ConsumerLag_IsTheLogEndOffsetMinusTheCommittedOffset()
    {
        var (groupId, topic) = await GroupAndTopicAsync(1);
        await using var client = await _fixture.ConnectAsync();
        for (var i = 0; i < 10; i++)
        {
            await client.ProduceAsync(topic, 0, TestRecord.Of($"k{i}", $"v{i}"));
        }

        await client.SendAsync<OffsetCommitResponse>(new OffsetCommitRequest
        {
            GroupId = groupId,
            GenerationIdOrMemberEpoch = -1,
            Topics = [new() { Name = topic, Partitions = [new() { PartitionIndex = 0, CommittedOffset = 4 }] }],
        }, 7);

        var lag = await client.LogEndOffsetAsync(topic, 0) - await GroupMember.CommittedAsync(client, groupId, topic, 0);

        Assert.Equal(6, lag);
    }

    [Fact]
    public async Task LeaveGroup_V0SingleMember_AndV3Batch()
    {
        var (groupId, topic) = await GroupAndTopicAsync(1);
        await using var a = await MemberAsync(groupId);
        Expect.NoError((await a.JoinAsync([topic])).ErrorCode);
        Expect.NoError((await a.SyncAsync(topic, 1)).ErrorCode);

        var v0 = await a.Client.SendAsync<LeaveGroupResponse>(new LeaveGroupRequest { GroupId = groupId, MemberId = a.MemberId }, 0);
        var again = await a.Client.SendAsync<LeaveGroupResponse>(new LeaveGroupRequest { GroupId = groupId, MemberId = a.MemberId }, 0);
        var batch = await a.Client.SendAsync<LeaveGroupResponse>(new LeaveGroupRequest
        {
            GroupId = groupId,
            Members = [new() { MemberId = "x" }, new() { MemberId = string.Empty, GroupInstanceId = "nobody" }],
        }, 3);

        Expect.NoError(v0.ErrorCode);
        Expect.Error(ErrorCode.UnknownMemberId, again.ErrorCode);
        Assert.Equal([(short)ErrorCode.UnknownMemberId, (short)ErrorCode.UnknownMemberId], batch.Members.Select(m => m.ErrorCode));
    }

    [Fact]
    public async Task ListDescribeDelete_AdministerGroups()
    {
        var (groupId, topic) = await GroupAndTopicAsync(1);
        await using var client = await _fixture.ConnectAsync();
        await using var member = await MemberAsync(groupId + "-live");
        Expect.NoError((await member.JoinAsync([topic])).ErrorCode);
        Expect.NoError((await member.SyncAsync(topic, 1)).ErrorCode);
        await client.SendAsync<OffsetCommitResponse>(new OffsetCommitRequest
        {
            GroupId = groupId,
            GenerationIdOrMemberEpoch = -1,
            Topics = [new() { Name = topic, Partitions = [new() { PartitionIndex = 0, CommittedOffset = 9 }] }],
        }, 7);

        var stable = await client.SendAsync<ListGroupsResponse>(new ListGroupsRequest { StatesFilter = ["Stable"] }, 4);
        var all = await client.SendAsync<ListGroupsResponse>(new ListGroupsRequest(), 0);
        var consumerOnly = await client.SendAsync<ListGroupsResponse>(new ListGroupsRequest { TypesFilter = ["consumer"] }, 5);
        var deleted = await client.SendAsync<DeleteGroupsResponse>(new DeleteGroupsRequest { GroupsNames = [groupId, groupId + "-live", "missing-" + groupId] }, 2);
        var consumerDescribe = await client.SendAsync<ConsumerGroupDescribeResponse>(new ConsumerGroupDescribeRequest { GroupIds = [groupId + "-live"] }, 0);

        Assert.Contains(stable.Groups, g => g.GroupId == groupId + "-live");
        Assert.DoesNotContain(stable.Groups, g => g.GroupId == groupId);
        Assert.Contains(all.Groups, g => g.GroupId == groupId && g.ProtocolType.Length == 0);
        Assert.Empty(consumerOnly.Groups);
        Assert.Equal(
            [(groupId, 0), (groupId + "-live", (short)ErrorCode.NonEmptyGroup), ("missing-" + groupId, (short)ErrorCode.GroupIdNotFound)],
            deleted.Results.Select(r => (r.GroupId, r.ErrorCode)));
        Assert.Equal(-1, await GroupMember.CommittedAsync(client, groupId, topic, 0));
        Expect.Error(ErrorCode.GroupIdNotFound, consumerDescribe.Groups.Single().ErrorCode);
    }

    [Fact]
    public async Task OffsetDelete_RefusesASubscribedTopic_DeletesOthers_UnknownTopicsAreReported()
    {
        var (groupId, topic) = await GroupAndTopicAsync(1);
        var other = TestTopics.Unique("other");
        await using var member = await MemberAsync(groupId);
        await member.Client.CreateTopicAsync(other, 1);
        Expect.NoError((await member.JoinAsync([topic])).ErrorCode);
        Expect.NoError((await member.SyncAsync(topic, 1)).ErrorCode);
        Assert.Equal(ErrorCode.None, await member.CommitAsync(topic, new Dictionary<int, long> { [0] = 1 }));
        Assert.Equal(ErrorCode.None, await member.CommitAsync(other, new Dictionary<int, long> { [0] = 2 }));

        var response = await member.Client.SendAsync<OffsetDeleteResponse>(new OffsetDeleteRequest
        {
            GroupId = groupId,
            Topics = [new() { Name = topic, Partitions = [new() { PartitionIndex = 0 }] }, new() { Name = other, Partitions = [new() { PartitionIndex = 0 }] }, new() { Name = "ghost-" + groupId, Partitions = [new() { PartitionIndex = 0 }] }],
        }, 0);

        Expect.NoError(response.ErrorCode);
        var errors = response.Topics.ToDictionary(t => t.Name, t => t.Partitions.Single().ErrorCode);
        Expect.Error(ErrorCode.GroupSubscribedToTopic, errors[topic]);
        Expect.NoError(errors[other]);
        Expect.Error(ErrorCode.UnknownTopicOrPartition, errors["ghost-" + groupId]);
        Assert.Equal(-1, await member.CommittedAsync(other, 0));
        Assert.Equal(1, await member.CommittedAsync(topic, 0));
    }

    [Fact]
    public async Task StaticMember_RestartingWithTheSameInstanceId_FencesItsOldSelf_NoRebalance()
    {
        var (groupId, topic) = await GroupAndTopicAsync(2);
        await using var first = await MemberAsync(groupId, "instance-a");
        Expect.NoError((await first.JoinAsync([topic])).ErrorCode);
        Expect.NoError((await first.SyncAsync(topic, 2, version: 5)).ErrorCode);
        var generation = first.Generation;

        await using var second = await MemberAsync(groupId, "instance-a");
        var rejoin = await second.JoinAsync([topic]);

        Expect.NoError(rejoin.ErrorCode);
        Assert.Equal(generation, rejoin.GenerationId);
        Assert.NotEqual(first.MemberId, second.MemberId);
        Assert.Equal(ErrorCode.FencedInstanceId, await first.HeartbeatAsync());
        Assert.Equal(ErrorCode.None, await second.HeartbeatAsync());
    }

    private async Task<(string GroupId, string Topic)> GroupAndTopicAsync(int partitions)
    {
        var topic = TestTopics.Unique("grp-topic");
        await using var client = await _fixture.ConnectAsync();
        Assert.Equal(ErrorCode.None, await client.CreateTopicAsync(topic, partitions));
        return (TestTopics.Unique("group"), topic);
    }
}
