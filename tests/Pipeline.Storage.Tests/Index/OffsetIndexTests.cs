using Pipeline.Storage.Index;
using Pipeline.Testing.IO;

namespace Pipeline.Storage.Tests.Index;

public sealed class OffsetIndexTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Lookup_FindsTheLastEntryAtOrBelowTheTarget()
    {
        var index = new OffsetIndex(_dir.Combine("a.index"), 100, 1024);
        index.Append(104, 0);
        index.Append(110, 500);
        index.Append(120, 900);

        Assert.Equal(new OffsetPosition(100, 0), index.Lookup(103));
        Assert.Equal(new OffsetPosition(104, 0), index.Lookup(104));
        Assert.Equal(new OffsetPosition(110, 500), index.Lookup(119));
        Assert.Equal(new OffsetPosition(120, 900), index.Lookup(5000));
        Assert.Equal(new OffsetPosition(110, 500), index.LookupByPosition(899));
        Assert.Null(index.LookupByPosition(-1));
    }

    [Fact]
    public void Append_FullIndex_ReportsFullAtSegmentIndexBytes()
    {
        var index = new OffsetIndex(_dir.Combine("a.index"), 0, 24);
        index.Append(1, 10);
        index.Append(2, 20);
        Assert.False(index.IsFull);
        index.Append(3, 30);

        Assert.True(index.IsFull);
        Assert.Equal(3, index.Count);
    }

    [Fact]
    public void PersistAndLoad_RoundTripsEntriesInKafkasLayout()
    {
        var path = _dir.Combine("00000000000000000050.index");
        var index = new OffsetIndex(path, 50, 1024);
        index.Append(55, 0);
        index.Append(60, 4096);
        index.Persist(sync: true);

        var bytes = File.ReadAllBytes(path);
        Assert.Equal([0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 0x10, 0], bytes);
        var loaded = new OffsetIndex(path, 50, 1024);
        Assert.True(loaded.TryLoad(logSize: 5000, out _));
        Assert.Equal(new OffsetPosition(60, 4096), loaded.LastEntry);
    }

    [Fact]
    public void TryLoad_EntriesPastTheLogOrOutOfOrder_FailsSoTheSegmentRebuilds()
    {
        var path = _dir.Combine("x.index");
        var index = new OffsetIndex(path, 0, 1024);
        index.Append(5, 100);
        index.Append(9, 200);
        index.Persist(sync: false);

        Assert.False(new OffsetIndex(path, 0, 1024).TryLoad(logSize: 150, out var problem));
        Assert.NotNull(problem);
        File.WriteAllBytes(path, new byte[16]);
        Assert.False(new OffsetIndex(path, 0, 1024).TryLoad(logSize: 1000, out _));
        File.WriteAllBytes(path, new byte[7]);
        Assert.False(new OffsetIndex(path, 0, 1024).TryLoad(logSize: 1000, out _));
        File.Delete(path);
        Assert.False(new OffsetIndex(path, 0, 1024).TryLoad(logSize: 1000, out _));
    }

    [Fact]
    public void TruncateToPosition_DropsEntriesAtAndAfterIt()
    {
        var path = _dir.Combine("t.index");
        var index = new OffsetIndex(path, 0, 1024);
        index.Append(5, 100);
        index.Append(9, 200);
        index.Append(12, 300);
        index.Persist(sync: false);

        index.TruncateToPosition(200);
        index.Persist(sync: false);

        Assert.Equal(1, index.Count);
        Assert.Equal(8, new FileInfo(path).Length);
    }
}
