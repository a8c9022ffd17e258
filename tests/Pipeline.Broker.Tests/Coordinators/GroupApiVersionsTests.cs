using Pipeline.Broker.Tests.Support;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using Xunit;

namespace Pipeline.Broker.Tests.Coordinators;

/// <summary>A member's whole life (join, sync, heartbeat, leave) in every version of the group APIs.</summary>
[Trait("Category", "Integration")]
public sealed class GroupApiVersionsTests : IClassFixture<GroupBrokerFixture>
{
    private readonly GroupBrokerFixture _fixture;

    public GroupApiVersionsTests(GroupBrokerFixture fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData(0, 0, 0, 0)]
    [InlineData(1, 1, 1, 1)]
    [InlineData(2, 1, 1, 1)]
    [InlineData(3, 2, 2, 2)]
    [InlineData(4, 3, 3, 3)]
    [InlineData(5, 3, 3, 3)]
    [InlineData(6, 4, 4, 4)]
    [InlineData(7, 5, 4, 4)]
    [InlineData(8, 5, 4, 5)]
    [InlineData(9, 5, 4, 5)]
    public async Task Member_JoinsSyncsHeartbeatsAndLeaves(short join, short sync, short heartbeat, short leave)
    {
        var topic = TestTopics.Unique("versions");
        var groupId = TestTopics.Unique($"join-v{join}");
        await using (var admin = await _fixture.ConnectAsync())
        {
            Assert.Equal(ErrorCode.None, await Pipeline.Testing.Kafka.KafkaTestOperations.CreateTopicAsync(admin, topic, 2));
        }

        await using var member = await GroupMember.ConnectAsync(_fixture.Broker.Host, _fixture.Broker.Port, groupId);

        var joined = await member.JoinAsync([topic], join);

        Expect.NoError(joined.ErrorCode);
        Assert.Equal(1, joined.GenerationId);
        Assert.Equal(joined.MemberId, joined.Leader);
        Assert.Equal("range", joined.ProtocolName);
        if (join >= 7)
        {
            Assert.Equal("consumer", joined.ProtocolType);
        }

        var synced = await member.SyncAsync(topic, 2, sync);
        Expect.NoError(synced.ErrorCode);
        Assert.Equal([0, 1], GroupMember.Partitions(synced.Assignment));
        Assert.Equal(ErrorCode.None, await member.HeartbeatAsync(heartbeat));

        var request = new LeaveGroupRequest { GroupId = groupId, MemberId = member.MemberId };
        if (leave >= 3)
        {
            request.Members = [new() { MemberId = member.MemberId, Reason = "done" }];
        }

        var left = await member.Client.SendAsync<LeaveGroupResponse>(request, leave);
        Expect.NoError(left.ErrorCode);
        Assert.All(left.Members, m => Expect.NoError(m.ErrorCode));
        var described = await member.Client.SendAsync<DescribeGroupsResponse>(new DescribeGroupsRequest { Groups = [groupId] }, DescribeGroupsRequest.HighestSupportedVersion);
        Assert.Equal("Empty", described.Groups.Single().GroupState);
    }
}
