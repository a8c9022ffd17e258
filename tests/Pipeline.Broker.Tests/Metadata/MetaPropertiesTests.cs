using Pipeline.Broker.Config;
using Pipeline.Broker.Metadata;
using Pipeline.Protocol.Config;
using Pipeline.Testing.IO;
using Xunit;

namespace Pipeline.Broker.Tests.Metadata;

/// <summary>meta.properties: written on first start, then checked: a log dir never changes node or cluster.</summary>
public sealed class MetaPropertiesTests : IDisposable
{
    private readonly TempDirectory _dir = new("meta-properties");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void EnsureFormatted_EmptyDirs_WritesOneClusterIdToAll()
    {
        var dirs = new[] { _dir.Combine("a"), _dir.Combine("b") };

        var clusterId = MetaProperties.EnsureFormatted(dirs, 3, null);

        Assert.False(string.IsNullOrEmpty(clusterId));
        foreach (var d in dirs)
        {
            var props = PropertiesFile.Load(Path.Combine(d, MetaProperties.FileName));
            Assert.Equal(clusterId, props["cluster.id"]);
            Assert.Equal("3", props["node.id"]);
            Assert.Equal("1", props["version"]);
        }

        Assert.NotEqual(
            PropertiesFile.Load(Path.Combine(dirs[0], MetaProperties.FileName))["directory.id"],
            PropertiesFile.Load(Path.Combine(dirs[1], MetaProperties.FileName))["directory.id"]);
    }

    [Fact]
    public void EnsureFormatted_Again_KeepsTheClusterIdAndFormatsNewDirsWithIt()
    {
        var first = MetaProperties.EnsureFormatted([_dir.Combine("a")], 1, null);

        var second = MetaProperties.EnsureFormatted([_dir.Combine("a"), _dir.Combine("b")], 1, null);

        Assert.Equal(first, second);
        Assert.Equal(first, PropertiesFile.Load(_dir.Combine("b", MetaProperties.FileName))["cluster.id"]);
    }

    [Fact]
    public void EnsureFormatted_ConfiguredClusterId_IsUsed()
    {
        Assert.Equal("my-cluster", MetaProperties.EnsureFormatted([_dir.Combine("a")], 1, "my-cluster"));
    }

    [Fact]
    public void EnsureFormatted_DirOfAnotherNode_Throws()
    {
        MetaProperties.EnsureFormatted([_dir.Combine("a")], 1, null);

        var e = Assert.Throws<BrokerConfigException>(() => MetaProperties.EnsureFormatted([_dir.Combine("a")], 2, null));

        Assert.Contains("node.id=1", e.Message);
    }

    [Fact]
    public void EnsureFormatted_DirOfAnotherCluster_Throws()
    {
        MetaProperties.EnsureFormatted([_dir.Combine("a")], 1, "one");

        Assert.Throws<BrokerConfigException>(() => MetaProperties.EnsureFormatted([_dir.Combine("a")], 1, "two"));
    }
}
