using Pipeline.Broker.Metadata;
using Pipeline.Protocol.Primitives;
using Pipeline.Testing.IO;
using Xunit;

namespace Pipeline.Broker.Tests.Metadata;

/// <summary>The single-node metadata file: what is saved loads back the same; a damaged file stops
/// the start with a message that says what to do, never an empty cluster.</summary>
public sealed class MetadataStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new("metadata-store");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_WithoutAFile_IsAnEmptyImageOfTheCluster()
    {
        var store = new MetadataStore(_dir.Path);

        var image = store.Load("cluster-1");

        Assert.False(store.Exists);
        Assert.Equal("cluster-1", image.ClusterId);
        Assert.Empty(image.TopicsByName);
    }

    [Fact]
    public void SaveThenLoad_RoundTripsTopicsPartitionsAndConfigs()
    {
        var store = new MetadataStore(_dir.Path);
        var orders = new TopicImage("orders", Uuid.NewRandom(), [new PartitionImage(0, 1, 3, [1], [1]), new PartitionImage(1, 1, 0, [1], [1])], new Dictionary<string, string> { ["retention.ms"] = "1000", ["cleanup.policy"] = "compact,delete" });
        var empty = new TopicImage("a.b", Uuid.NewRandom(), [new PartitionImage(0, 1, 0, [1], [1])], new Dictionary<string, string>());
        var image = MetadataImage.Empty.WithClusterId("cluster-1").WithTopic(orders).WithTopic(empty);

        store.Save(image);
        var loaded = new MetadataStore(_dir.Path).Load("cluster-1");

        Assert.True(store.Exists);
        Assert.Equal(["a.b", "orders"], loaded.TopicsByName.Keys.Order());
        var o = loaded.TopicsByName["orders"];
        Assert.Equal(orders.TopicId, o.TopicId);
        Assert.Same(o, loaded.TopicsById[orders.TopicId]);
        Assert.Equal(orders.Configs, o.Configs);
        Assert.Equal([(0, 1, 3), (1, 1, 0)], o.Partitions.Select(p => (p.Index, p.Leader, p.LeaderEpoch)));
        Assert.Equal([1], o.Partitions[0].Replicas);
        Assert.Equal([1], o.Partitions[0].Isr);
    }

    [Fact]
    public void Save_ReplacesTheFileWithoutLeavingATempFile()
    {
        var store = new MetadataStore(_dir.Path);
        store.Save(MetadataImage.Empty.WithClusterId("c").WithTopic(new TopicImage("x", Uuid.NewRandom(), [new PartitionImage(0, 1, 0, [1], [1])], new Dictionary<string, string>())));

        store.Save(MetadataImage.Empty.WithClusterId("c"));

        Assert.Empty(store.Load("c").TopicsByName);
        Assert.Equal([MetadataStore.FileName], Directory.GetFiles(_dir.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("{\"version\":1,\"topics\":[{\"name\":\"t\",\"topicId\":\"nope\",\"partitions\":[],\"configs\":{}}]}")]
    public void Load_DamagedFile_ThrowsInvalidDataNamingTheFile(string content)
    {
        File.WriteAllText(Path.Combine(_dir.Path, MetadataStore.FileName), content);

        var e = Assert.Throws<InvalidDataException>(() => new MetadataStore(_dir.Path).Load("c"));

        Assert.Contains(MetadataStore.FileName, e.Message);
    }
}
