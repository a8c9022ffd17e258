using Pipeline.Connect.Runtime.Worker;

namespace Pipeline.Connect.Runtime.Tests.Worker;

public sealed class OffsetKeyCacheTests
{
    [Fact]
    public void Key_SameMapInstance_ReturnsTheCachedKey()
    {
        var cache = new OffsetKeyCache("c");
        var partition = new Dictionary<string, object?> { ["file"] = "/in/a.csv", ["n"] = 1L };

        var first = cache.Key(partition);
        var second = cache.Key(partition);

        Assert.Equal(OffsetJson.Key("c", partition), first);
        Assert.Same(first, second);
    }

    [Fact]
    public void Key_EqualMapOtherInstance_ReturnsTheCachedKey()
    {
        var cache = new OffsetKeyCache("c");
        var first = cache.Key(new Dictionary<string, object?> { ["file"] = "a", ["n"] = 1L });

        var second = cache.Key(new Dictionary<string, object?> { ["n"] = 1L, ["file"] = "a" });

        Assert.Same(first, second);
    }

    [Fact]
    public void Key_MapRefilledInPlace_FollowsTheNewContent()
    {
        var cache = new OffsetKeyCache("c");
        var partition = new Dictionary<string, object?> { ["file"] = "a" };
        cache.Key(partition);

        partition["file"] = "b";
        var changed = cache.Key(partition);
        partition["extra"] = null;
        var grown = cache.Key(partition);
        partition.Remove("extra");
        partition.Remove("file");
        partition["other"] = "b";
        var renamed = cache.Key(partition);

        Assert.Equal("[\"c\",{\"file\":\"b\"}]", changed);
        Assert.Equal("[\"c\",{\"extra\":null,\"file\":\"b\"}]", grown);
        Assert.Equal("[\"c\",{\"other\":\"b\"}]", renamed);
    }

    [Fact]
    public void Key_SameNumberOtherType_KeepsTheWrittenForm()
    {
        var cache = new OffsetKeyCache("c");

        var asLong = cache.Key(new Dictionary<string, object?> { ["n"] = 1L });
        var asDouble = cache.Key(new Dictionary<string, object?> { ["n"] = 1.5 });

        Assert.Equal("[\"c\",{\"n\":1}]", asLong);
        Assert.Equal("[\"c\",{\"n\":1.5}]", asDouble);
    }

    [Fact]
    public void Key_MutableValueChangedInPlace_IsNotServedFromTheCache()
    {
        var cache = new OffsetKeyCache("c");
        var list = new List<object?> { 1L };
        var partition = new Dictionary<string, object?> { ["l"] = list };
        cache.Key(partition);

        list.Add(2L);

        Assert.Equal("[\"c\",{\"l\":[1,2]}]", cache.Key(partition));
    }
}
