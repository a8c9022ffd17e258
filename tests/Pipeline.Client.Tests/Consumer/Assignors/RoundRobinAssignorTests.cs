using Pipeline.Client.Consumer.Assignors;
using Pipeline.Protocol;
using static Pipeline.Client.Tests.Consumer.Assignors.AssignorScenario;

namespace Pipeline.Client.Tests.Consumer.Assignors;

public sealed class RoundRobinAssignorTests
{
    private readonly RoundRobinAssignor _assignor = new();

    [Fact]
    public void Assign_SameSubscriptions_DealsPartitionsInTurn()
    {
        var members = new[] { Member("b", "x", "y"), Member("a", "x", "y") };
        var topics = new Dictionary<string, int> { ["y"] = 2, ["x"] = 3 };
        var result = _assignor.Assign(topics, members);

        AssertValid(topics, members, result);
        Assert.Equal([new TopicPartition("x", 0), new TopicPartition("x", 2), new TopicPartition("y", 1)], result["a"]);
        Assert.Equal([new TopicPartition("x", 1), new TopicPartition("y", 0)], result["b"]);
    }

    [Fact]
    public void Assign_MemberNotSubscribed_IsSkippedForThatTopic()
    {
        var members = new[] { Member("a", "x"), Member("b", "x", "y"), Member("c", "x", "y") };
        var topics = new Dictionary<string, int> { ["x"] = 3, ["y"] = 3 };
        var result = _assignor.Assign(topics, members);

        AssertValid(topics, members, result);
        Assert.Equal(Partitions("x", 0), result["a"]);
        Assert.Equal(Partitions("x", 1).Concat(Partitions("y", 0, 2)), result["b"]);
        Assert.Equal(Partitions("x", 2).Concat(Partitions("y", 1)), result["c"]);
    }
}
