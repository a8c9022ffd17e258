using Pipeline.Client.Consumer.Assignors;
using Pipeline.Protocol;
using static Pipeline.Client.Tests.Consumer.Assignors.AssignorScenario;

namespace Pipeline.Client.Tests.Consumer.Assignors;

public sealed class RangeAssignorTests
{
    private readonly RangeAssignor _assignor = new();

    [Fact]
    public void Assign_UnevenPartitions_FirstMembersTakeOneMore()
    {
        var members = new[] { Member("b", "t"), Member("a", "t") };
        var result = _assignor.Assign(new Dictionary<string, int> { ["t"] = 5 }, members);

        Assert.Equal(Partitions("t", 0, 1, 2), result["a"]);
        Assert.Equal(Partitions("t", 3, 4), result["b"]);
    }

    [Fact]
    public void Assign_TwoTopics_CoPartitionedPartitionsGoToTheSameMember()
    {
        var members = new[] { Member("a", "x", "y"), Member("b", "x", "y"), Member("c", "x", "y") };
        var topics = new Dictionary<string, int> { ["x"] = 3, ["y"] = 3 };
        var result = _assignor.Assign(topics, members);

        AssertValid(topics, members, result);
        Assert.Equal([new TopicPartition("x", 0), new TopicPartition("y", 0)], result["a"]);
        Assert.Equal([new TopicPartition("x", 2), new TopicPartition("y", 2)], result["c"]);
    }

    [Fact]
    public void Assign_DifferentSubscriptions_EachTopicSplitAmongItsSubscribers()
    {
        var members = new[] { Member("a", "x"), Member("b", "x", "y"), Member("c", "y") };
        var topics = new Dictionary<string, int> { ["x"] = 2, ["y"] = 4, ["missing"] = 0 };
        var result = _assignor.Assign(topics, members);

        AssertValid(topics, members, result);
        Assert.Equal(Partitions("x", 0), result["a"]);
        Assert.Equal(Partitions("x", 1).Concat(Partitions("y", 0, 1)), result["b"]);
        Assert.Equal(Partitions("y", 2, 3), result["c"]);
    }

    [Fact]
    public void Assign_StaticMembers_OrderedByInstanceIdNotMemberId()
    {
        var members = new[]
        {
            new MemberSubscription("zzz-new-id", "instance-1", ["t"], []),
            new MemberSubscription("aaa-new-id", "instance-2", ["t"], []),
        };
        var result = _assignor.Assign(new Dictionary<string, int> { ["t"] = 4 }, members);

        // A static member that restarts with a new member id gets its partitions back.
        Assert.Equal(Partitions("t", 0, 1), result["zzz-new-id"]);
        Assert.Equal(Partitions("t", 2, 3), result["aaa-new-id"]);
    }

    [Fact]
    public void Assign_MoreMembersThanPartitions_SomeGetNothing()
    {
        var members = new[] { Member("a", "t"), Member("b", "t"), Member("c", "t") };
        var result = _assignor.Assign(new Dictionary<string, int> { ["t"] = 2 }, members);

        Assert.Single(result["a"]);
        Assert.Single(result["b"]);
        Assert.Empty(result["c"]);
    }
}
