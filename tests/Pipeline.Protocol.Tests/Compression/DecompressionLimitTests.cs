using Pipeline.Protocol.Compression;
using Pipeline.Protocol.Records;
using Xunit;

namespace Pipeline.Protocol.Tests.Compression;

public class DecompressionLimitTests
{
    public static TheoryData<CompressionType, SnappyFraming> Codecs() => new()
    {
        { CompressionType.None, SnappyFraming.Raw },
        { CompressionType.Gzip, SnappyFraming.Raw },
        { CompressionType.Snappy, SnappyFraming.Raw },
        { CompressionType.Snappy, SnappyFraming.Xerial },
        { CompressionType.Lz4, SnappyFraming.Raw },
        { CompressionType.Zstd, SnappyFraming.Raw },
    };

    [Theory]
    [MemberData(nameof(Codecs))]
    public void Decompress_BombPastTheCap_ThrowsAndStopsNearTheCap(CompressionType codec, SnappyFraming framing)
    {
        // 8 MiB of zeros shrink to a few KiB (a classic bomb).
        var bomb = new byte[8 << 20];
        using var compressed = new PooledBufferWriter();
        using var output = new PooledBufferWriter();
        CompressionCodecs.Compress(codec, bomb, compressed, snappyFraming: framing);

        var e = Assert.Throws<DecompressionLimitExceededException>(() => CompressionCodecs.Decompress(codec, compressed.WrittenSpan, output, maxOutputBytes: 1 << 20));

        Assert.Equal(1 << 20, e.Limit);
        Assert.True(output.WrittenCount <= (1 << 20) + (64 << 10), $"wrote {output.WrittenCount} bytes before stopping");
    }

    [Theory]
    [MemberData(nameof(Codecs))]
    public void Decompress_ExactlyAtTheCap_Succeeds(CompressionType codec, SnappyFraming framing)
    {
        var input = CodecTestData.Compressible(100_000);
        using var compressed = new PooledBufferWriter();
        using var output = new PooledBufferWriter();
        CompressionCodecs.Compress(codec, input, compressed, snappyFraming: framing);

        CompressionCodecs.Decompress(codec, compressed.WrittenSpan, output, maxOutputBytes: input.Length);

        Assert.Equal(input.Length, output.WrittenCount);
    }

    [Fact]
    public void Snappy_BlockDeclaringAHugeLength_IsRefusedBeforeDecoding()
    {
        // uvarint 0xFFFFFFFF then one literal byte: IronSnappy would allocate 4 GiB for it.
        byte[] block = [0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00, 0x41];
        using var output = new PooledBufferWriter();

        Assert.Throws<DecompressionLimitExceededException>(() => SnappyCodec.Decompress(block, output, maxOutputBytes: 1 << 20));
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void Snappy_BlockClaimingMoreThanItCanHold_IsCorruptEvenUnderTheCap()
    {
        // uvarint 100000 followed by 4 bytes: no snappy block that small decodes to 100000 bytes.
        byte[] block = [0xA0, 0x8D, 0x06, 0x00, 0x41, 0x42, 0x43];
        using var output = new PooledBufferWriter();

        var e = Assert.Throws<CompressionException>(() => SnappyCodec.Decompress(block, output));
        Assert.IsNotType<DecompressionLimitExceededException>(e);
        Assert.Equal(100_000, SnappyCodec.DecodedLength(block));
    }
}
