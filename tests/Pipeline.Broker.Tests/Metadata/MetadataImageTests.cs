using Pipeline.Broker.Metadata;
using Pipeline.Protocol.Primitives;
using Xunit;

namespace Pipeline.Broker.Tests.Metadata;

/// <summary>Images are immutable snapshots: changes make new images, indexes by name and id stay in step.</summary>
public sealed class MetadataImageTests
{
    [Fact]
    public void WithTopic_AddsItByNameAndIdAndBumpsTheEpoch()
    {
        var empty = MetadataImage.Empty.WithClusterId("c");
        var topic = Topic("t", 2);

        var image = empty.WithTopic(topic);

        Assert.Same(topic, image.TopicsByName["t"]);
        Assert.Same(topic, image.TopicsById[topic.TopicId]);
        Assert.Equal(empty.Epoch + 1, image.Epoch);
        Assert.Equal("c", image.ClusterId);
        Assert.Empty(empty.TopicsByName);
    }

    [Fact]
    public void WithTopic_SameNameNewId_DropsTheOldId()
    {
        var old = Topic("t", 1);
        var replacement = Topic("t", 3);

        var image = MetadataImage.Empty.WithTopic(old).WithTopic(replacement);

        Assert.Same(replacement, image.TopicsByName["t"]);
        Assert.False(image.TopicsById.ContainsKey(old.TopicId));
        Assert.Single(image.TopicsById);
    }

    [Fact]
    public void WithoutTopic_RemovesBothIndexEntries_AndUnknownNamesChangeNothing()
    {
        var topic = Topic("t", 1);
        var image = MetadataImage.Empty.WithTopic(topic);

        var removed = image.WithoutTopic("t");

        Assert.Empty(removed.TopicsByName);
        Assert.Empty(removed.TopicsById);
        Assert.Same(removed, removed.WithoutTopic("t"));
        Assert.True(image.TopicsByName.ContainsKey("t"));
    }

    [Fact]
    public void TopicImage_ReportsCountReplicationAndInternal()
    {
        var topic = new TopicImage("__consumer_offsets", Uuid.NewRandom(), [new PartitionImage(0, 1, 0, [1, 2], [1])], new Dictionary<string, string>());

        Assert.True(topic.IsInternal);
        Assert.Equal(1, topic.PartitionCount);
        Assert.Equal(2, topic.ReplicationFactor);
    }

    private static TopicImage Topic(string name, int partitions) =>
        new(name, Uuid.NewRandom(), Enumerable.Range(0, partitions).Select(i => new PartitionImage(i, 1, 0, [1], [1])).ToArray(), new Dictionary<string, string>());
}
