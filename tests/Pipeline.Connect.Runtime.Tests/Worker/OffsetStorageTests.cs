using Pipeline.Connect.Runtime.Standalone;
using Pipeline.Connect.Runtime.Worker;
using Pipeline.Testing.IO;

namespace Pipeline.Connect.Runtime.Tests.Worker;

public sealed class OffsetStorageTests
{
    [Fact]
    public void OffsetJson_Key_CompactArrayOfNameAndPartition()
    {
        var key = OffsetJson.Key("jdbc-src", new Dictionary<string, object?> { ["protocol"] = "1", ["table"] = "db.public.orders", ["n"] = 3, ["ok"] = true, ["none"] = null });
        Assert.Equal("""["jdbc-src",{"n":3,"none":null,"ok":true,"protocol":"1","table":"db.public.orders"}]""", key);
        Assert.Equal("""{"path":"a+b<c>é"}""", OffsetJson.Map(new Dictionary<string, object?> { ["path"] = "a+b<c>é" }));
    }

    [Fact]
    public void OffsetJson_Key_SamePartitionBuiltInAnotherOrder_SameKey()
    {
        var a = OffsetJson.Key("c", new Dictionary<string, object?> { ["table"] = "t", ["protocol"] = "1" });
        var b = OffsetJson.Key("c", new Dictionary<string, object?> { ["protocol"] = "1", ["table"] = "t" });
        Assert.Equal(a, b);
    }

    [Fact]
    public void OffsetJson_ParseBack_IntegersAsLongAndFractionsAsDouble()
    {
        Assert.True(OffsetJson.TryParseKey("""["c",{"file":"x","line":7}]""", out var connector, out var partition));
        Assert.Equal("c", connector);
        Assert.Equal("x", partition["file"]);
        Assert.IsType<long>(partition["line"]);
        var offset = OffsetJson.ParseMap("""{"pos":10,"ratio":0.5,"s":null}""")!;
        Assert.Equal(10L, offset["pos"]);
        Assert.Equal(0.5, offset["ratio"]);
        Assert.Null(offset["s"]);
        Assert.False(OffsetJson.TryParseKey("""{"not":"an array"}""", out _, out _));
        Assert.Null(OffsetJson.ParseMap(null));
    }

    [Fact]
    public async Task FileStore_SetThenReopen_EntriesSurviveAndNullDeletes()
    {
        using var dir = new TempDirectory("offsets");
        var path = dir.Combine("sub", "offsets.json");
        await using (var store = new FileOffsetBackingStore(path))
        {
            await store.StartAsync(default);
            await store.SetAsync(new Dictionary<string, string?> { ["a"] = "1", ["b"] = "2" }, default);
            await store.SetAsync(new Dictionary<string, string?> { ["a"] = null, ["c"] = "3" }, default);
        }

        Assert.False(File.Exists(path + ".tmp"));
        await using var reopened = new FileOffsetBackingStore(path);
        await reopened.StartAsync(default);
        Assert.Equal(new Dictionary<string, string> { ["b"] = "2", ["c"] = "3" }, await reopened.AllAsync(default));
        Assert.Equal(new Dictionary<string, string> { ["c"] = "3" }, await reopened.GetAsync(["c", "a", "zz"], default));
    }

    [Fact]
    public async Task WriterAndReader_OffsetFlushed_ReaderSeesItUnderTheConnectorOnly()
    {
        using var dir = new TempDirectory("offsets");
        await using var store = new FileOffsetBackingStore(dir.Combine("o.json"));
        await store.StartAsync(default);
        var writer = new OffsetStorageWriter(store, "conn");
        var partition = new Dictionary<string, object?> { ["file"] = "in.txt" };
        Assert.False(await writer.FlushAsync(TimeSpan.FromSeconds(5), default));
        writer.Offset(partition, new Dictionary<string, object?> { ["position"] = 42L });
        Assert.True(writer.HasPending);
        Assert.True(await writer.FlushAsync(TimeSpan.FromSeconds(5), default));
        Assert.False(writer.HasPending);

        Assert.Equal(42L, new OffsetStorageReader(store, "conn").Offset(partition)!["position"]);
        Assert.Null(new OffsetStorageReader(store, "other").Offset(partition));
        var many = new OffsetStorageReader(store, "conn").Offsets([partition, new Dictionary<string, object?> { ["file"] = "nope" }]);
        Assert.NotNull(many[0].Value);
        Assert.Null(many[1].Value);
    }

    [Fact]
    public void SubmittedRecords_AckedOutOfOrder_OnlyContiguousPrefixPerPartitionCommittable()
    {
        var submitted = new SubmittedRecords();
        var p1 = new Dictionary<string, object?> { ["p"] = 1L };
        var p2 = new Dictionary<string, object?> { ["p"] = 2L };
        var a = submitted.Submit("p1", p1, Offset(1));
        var b = submitted.Submit("p1", p1, Offset(2));
        var c = submitted.Submit("p1", p1, Offset(3));
        var d = submitted.Submit("p2", p2, Offset(10));
        b.Ack();
        d.Ack();
        var first = submitted.DrainCommittable();
        Assert.Equal(10L, Assert.Single(first).Offset!["o"]);
        Assert.Equal(2, submitted.Pending);

        a.Ack();
        Assert.Equal(2L, Assert.Single(submitted.DrainCommittable()).Offset!["o"]);
        c.Ack();
        Assert.Equal(3L, Assert.Single(submitted.DrainCommittable()).Offset!["o"]);
        Assert.Empty(submitted.DrainCommittable());
        Assert.Equal(0, submitted.Pending);
    }

    private static Dictionary<string, object?> Offset(long o) => new() { ["o"] = o };
}
