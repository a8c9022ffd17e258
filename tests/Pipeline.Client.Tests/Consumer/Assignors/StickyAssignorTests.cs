using Pipeline.Client.Consumer.Assignors;
using Pipeline.Protocol;
using static Pipeline.Client.Tests.Consumer.Assignors.AssignorScenario;

namespace Pipeline.Client.Tests.Consumer.Assignors;

public sealed class StickyAssignorTests
{
    private readonly StickyAssignor _assignor = new();

    [Fact]
    public void Assign_PreviousAssignmentInUserData_IsKeptUnderTheEagerProtocol()
    {
        IConsumerPartitionAssignor a = _assignor;
        var topics = new Dictionary<string, int> { ["t"] = 4 };

        // Eager members own nothing at join time; what they had travels in the user data.
        var members = new[]
        {
            new MemberSubscription("a", null, ["t"], [], -1, null, a.SubscriptionUserData(["t"], [new TopicPartition("t", 3), new TopicPartition("t", 1)], 5)),
            new MemberSubscription("b", null, ["t"], [], -1, null, a.SubscriptionUserData(["t"], [new TopicPartition("t", 0), new TopicPartition("t", 2)], 5)),
        };
        var result = _assignor.Assign(topics, members);

        Assert.Equal(Partitions("t", 1, 3).ToHashSet(), result["a"].ToHashSet());
        Assert.Equal(Partitions("t", 0, 2).ToHashSet(), result["b"].ToHashSet());
    }

    [Fact]
    public void UserData_LibrdkafkaLayout_RoundTrips()
    {
        IConsumerPartitionAssignor a = _assignor;
        var bytes = a.SubscriptionUserData(["x", "y"], [new TopicPartition("y", 2), new TopicPartition("x", 0), new TopicPartition("y", 1)], 9)!;

        // [topic count][topic "x" [1 partition: 0]][topic "y" [2 partitions: 1, 2]] generation 9
        var expected = new byte[]
        {
            0, 0, 0, 2,
            0, 1, (byte)'x', 0, 0, 0, 1, 0, 0, 0, 0,
            0, 1, (byte)'y', 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2,
            0, 0, 0, 9,
        };
        Assert.Equal(expected, bytes);
    }
}
