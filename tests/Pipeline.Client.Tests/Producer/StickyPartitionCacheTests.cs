using Pipeline.Client.Producer;
using Pipeline.Client.Tests.Fixtures;

namespace Pipeline.Client.Tests.Producer;

public sealed class StickyPartitionCacheTests
{
    [Fact]
    public void Partition_StaysUntilANewBatchIsNeeded_ThenMovesToAnotherAvailablePartition()
    {
        var topic = TestMetadata.Cluster(1, new Dictionary<string, int> { ["t"] = 4 }, ("t", 3)).Topics["t"];
        var cache = new StickyPartitionCache();
        var first = cache.Partition(topic);
        Assert.Equal(first, cache.Partition(topic));
        for (var i = 0; i < 50; i++)
        {
            var previous = cache.Partition(topic);
            var next = cache.NextPartition(topic, previous);
            Assert.NotEqual(previous, next);
            Assert.NotEqual(3, next);
        }
    }

    [Fact]
    public void NextPartition_AnotherThreadAlreadyMoved_KeepsItsChoice()
    {
        var topic = TestMetadata.Cluster(1, new Dictionary<string, int> { ["t"] = 10 }).Topics["t"];
        var cache = new StickyPartitionCache();
        var a = cache.Partition(topic);
        var b = cache.NextPartition(topic, a);
        Assert.Equal(b, cache.NextPartition(topic, a));
    }

    [Fact]
    public void Partition_SingleAvailablePartition_IsAlwaysIt()
    {
        var topic = TestMetadata.Cluster(1, new Dictionary<string, int> { ["t"] = 3 }, ("t", 0), ("t", 2)).Topics["t"];
        var cache = new StickyPartitionCache();
        Assert.Equal(1, cache.Partition(topic));
        Assert.Equal(1, cache.NextPartition(topic, 1));
    }
}
