using Pipeline.Storage.Index;
using Pipeline.Testing.IO;

namespace Pipeline.Storage.Tests.Index;

public sealed class TimeIndexTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void MaybeAppend_OnlyGrowingTimestampsAreKept()
    {
        var index = new TimeIndex(_dir.Combine("a.timeindex"), 0, 1200);
        index.MaybeAppend(100, 3);
        index.MaybeAppend(90, 5);
        index.MaybeAppend(100, 6);
        index.MaybeAppend(150, 9);

        Assert.Equal(2, index.Count);
        Assert.Equal(new TimestampOffset(100, 3), index.Lookup(120));
        Assert.Equal(new TimestampOffset(150, 9), index.Lookup(150));
        Assert.Equal(new TimestampOffset(-1, 0), index.Lookup(99));
    }

    [Fact]
    public void MaybeAppend_FullIndexOnRoll_ReplacesTheLastEntry()
    {
        var index = new TimeIndex(_dir.Combine("a.timeindex"), 0, 24);
        index.MaybeAppend(10, 1);
        index.MaybeAppend(20, 2);
        index.MaybeAppend(30, 3);
        index.MaybeAppend(40, 4, replaceWhenFull: true);

        Assert.True(index.IsFull);
        Assert.Equal(new TimestampOffset(40, 4), index.LastEntry);
        Assert.Equal(new TimestampOffset(10, 1), index.Lookup(39));
    }

    [Fact]
    public void PersistAndLoad_RoundTripsTwelveByteEntries()
    {
        var path = _dir.Combine("00000000000000000010.timeindex");
        var index = new TimeIndex(path, 10, 1200);
        index.MaybeAppend(1_700_000_000_000, 12);
        index.MaybeAppend(1_700_000_000_500, 20);
        index.Persist(sync: true);

        Assert.Equal(24, new FileInfo(path).Length);
        var loaded = new TimeIndex(path, 10, 1200);
        Assert.True(loaded.TryLoad(maxOffsetExclusive: 100, out _));
        Assert.Equal(new TimestampOffset(1_700_000_000_500, 20), loaded.LastEntry);
        Assert.False(new TimeIndex(path, 10, 1200).TryLoad(maxOffsetExclusive: 15, out _));
    }
}
