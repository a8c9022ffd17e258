using Pipeline.Client.Consumer;
using Pipeline.Client.Group;
using Pipeline.Protocol;

namespace Pipeline.Client.Tests.Consumer;

public sealed class ConsumerProtocolCodecTests
{
    [Fact]
    public void Subscription_V3_RoundTripsTopicsOwnedGenerationAndRack()
    {
        var bytes = ConsumerProtocolCodec.EncodeSubscription(["b", "a"], [1, 2], [new TopicPartition("a", 2), new TopicPartition("a", 0)], 12, "rack-1");
        Assert.Equal(new byte[] { 0, 3 }, bytes[..2]);

        var s = ConsumerProtocolCodec.DecodeSubscription(new GroupMemberMetadata("m", "i", bytes));
        Assert.Equal(["a", "b"], s.Topics);
        Assert.Equal([new TopicPartition("a", 0), new TopicPartition("a", 2)], s.OwnedPartitions);
        Assert.Equal(12, s.Generation);
        Assert.Equal("rack-1", s.RackId);
        Assert.Equal(new byte[] { 1, 2 }, s.UserData);
        Assert.Equal("i", s.GroupInstanceId);
    }

    [Fact]
    public void Subscription_LibrdkafkaV1Bytes_AreReadWithoutAGeneration()
    {
        // librdkafka 2.0: version 1, topics ["t"], empty user data, owned [t: 0, 1].
        var bytes = new byte[]
        {
            0, 1,
            0, 0, 0, 1, 0, 1, (byte)'t',
            0, 0, 0, 0,
            0, 0, 0, 1, 0, 1, (byte)'t', 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1,
        };
        var s = ConsumerProtocolCodec.DecodeSubscription(new GroupMemberMetadata("rdkafka-1", null, bytes));
        Assert.Equal(["t"], s.Topics);
        Assert.Equal([new TopicPartition("t", 0), new TopicPartition("t", 1)], s.OwnedPartitions);
        Assert.Equal(-1, s.Generation);
    }

    [Fact]
    public void Subscription_Garbage_CountsAsNoTopics()
    {
        var s = ConsumerProtocolCodec.DecodeSubscription(new GroupMemberMetadata("m", null, [0, 3, 0, 0, 0, 9]));
        Assert.Empty(s.Topics);
    }

    [Fact]
    public void Assignment_RoundTripsAndEmptyBytesMeanNothing()
    {
        var bytes = ConsumerProtocolCodec.EncodeAssignment([new TopicPartition("x", 1), new TopicPartition("w", 0), new TopicPartition("x", 0)]);
        Assert.Equal([new TopicPartition("w", 0), new TopicPartition("x", 0), new TopicPartition("x", 1)], ConsumerProtocolCodec.DecodeAssignment(bytes));
        Assert.Empty(ConsumerProtocolCodec.DecodeAssignment([]));
    }
}
