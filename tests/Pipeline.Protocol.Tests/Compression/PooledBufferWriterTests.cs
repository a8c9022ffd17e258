using Pipeline.Protocol.Compression;
using Xunit;

namespace Pipeline.Protocol.Tests.Compression;

public class PooledBufferWriterTests
{
    [Fact]
    public void Write_ManyChunks_KeepsEverythingInOrder()
    {
        using var writer = new PooledBufferWriter();
        var expected = new List<byte>();
        for (var i = 0; i < 1000; i++)
        {
            var chunk = new byte[i % 37];
            Array.Fill(chunk, (byte)i);
            writer.Write(chunk);
            expected.AddRange(chunk);
        }

        Assert.Equal(expected.ToArray(), writer.ToArray());
        Assert.Equal(expected.Count, writer.WrittenCount);
    }

    [Fact]
    public void Reset_KeepsASmallBufferAndForgetsTheContent()
    {
        using var writer = new PooledBufferWriter(initialCapacity: 1024);
        writer.Write(new byte[100]);
        var capacity = writer.Capacity;

        writer.Reset();

        Assert.Equal(0, writer.WrittenCount);
        Assert.Equal(capacity, writer.Capacity);
    }

    [Fact]
    public void Reset_ReturnsABufferAboveTheRetainLimit()
    {
        using var writer = new PooledBufferWriter(retainLimit: 4096);
        writer.Write(new byte[10_000]);

        writer.Reset();

        Assert.Equal(0, writer.Capacity);
    }

    [Fact]
    public void Advance_PastTheSpanHandedOut_Throws()
    {
        using var writer = new PooledBufferWriter();
        var length = writer.GetSpan(10).Length;

        Assert.Throws<InvalidOperationException>(() => writer.Advance(length + 1));
    }

    [Fact]
    public void WrittenSpan_IsWritableInPlace()
    {
        using var writer = new PooledBufferWriter();
        writer.Write([1, 2, 3]);

        writer.WrittenSpan[1] = 9;

        Assert.Equal([1, 9, 3], writer.ToArray());
    }
}
