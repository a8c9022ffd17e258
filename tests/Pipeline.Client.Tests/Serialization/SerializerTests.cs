using Pipeline.Client.Serialization;
using Pipeline.Protocol.Compression;

namespace Pipeline.Client.Tests.Serialization;

public sealed class SerializerTests
{
    private static readonly SerializationContext Ctx = new(MessageComponentType.Value, "t");

    [Fact]
    public void Builtins_AreKafkasEncodings()
    {
        Assert.Equal([0, 0, 1, 2], Serializers.Int32.Serialize(258, Ctx));
        Assert.Equal([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe], Serializers.Int64.Serialize(-2, Ctx));
        Assert.Equal("é"u8.ToArray(), Serializers.Utf8.Serialize("é", Ctx));
        Assert.Null(Serializers.Utf8.Serialize(null, Ctx));
        Assert.Null(Serializers.Null.Serialize(null, Ctx));
        Assert.Equal(258, Deserializers.Int32.Deserialize([0, 0, 1, 2], false, Ctx));
        Assert.Equal(-2, Deserializers.Int64.Deserialize(Serializers.Int64.Serialize(-2, Ctx), false, Ctx));
        Assert.Null(Deserializers.Utf8.Deserialize(default, true, Ctx));
        Assert.Equal("", Deserializers.Utf8.Deserialize(default, false, Ctx));
        Assert.Throws<FormatException>(() => Deserializers.Int32.Deserialize([1, 2], false, Ctx));
    }

    [Fact]
    public void BufferForm_WritesTheSameBytes_AndReportsNull()
    {
        using var buffer = new PooledBufferWriter();
        Assert.True(Serializers.Utf8.Serialize("héllo", Ctx, buffer));
        Assert.Equal(Serializers.Utf8.Serialize("héllo", Ctx), buffer.ToArray());
        buffer.Reset();
        Assert.False(Serializers.ByteArray.Serialize(null, Ctx, buffer));
        Assert.Equal(0, buffer.WrittenCount);
    }

    [Fact]
    public void DefaultFor_KnownTypesOnly()
    {
        Assert.Same(Serializers.Utf8, Serializers.DefaultFor<string>());
        Assert.Same(Serializers.Int64, Serializers.DefaultFor<long>());
        Assert.Null(Serializers.DefaultFor<Guid>());
        Assert.Same(Deserializers.Ignore, Deserializers.DefaultFor<Ignore>());
    }
}
