using Pipeline.Protocol.Compression;
using Pipeline.Protocol.Records;
using Xunit;

namespace Pipeline.Protocol.Tests.Compression;

public class CompressionCodecsTests
{
    public static TheoryData<CompressionType, string> CodecsAndPayloads()
    {
        var data = new TheoryData<CompressionType, string>();
        foreach (var codec in CodecTestData.Codecs)
        {
            foreach (var payload in new[] { "empty", "one", "random1MiB", "compressible" })
            {
                data.Add(codec, payload);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CodecsAndPayloads))]
    public void Compress_ThenDecompress_ReturnsTheInput(CompressionType codec, string payload)
    {
        var input = CodecTestData.Payload(payload);
        using var compressed = new PooledBufferWriter();
        using var output = new PooledBufferWriter();

        var written = CompressionCodecs.Compress(codec, input, compressed);
        var read = CompressionCodecs.Decompress(codec, compressed.WrittenSpan, output);

        Assert.Equal(compressed.WrittenCount, written);
        Assert.Equal(input.Length, read);
        Assert.True(input.AsSpan().SequenceEqual(output.WrittenSpan));
        if (payload == "compressible" && codec != CompressionType.None)
        {
            Assert.True(written < input.Length / 10, $"{codec} compressed {input.Length} to {written}");
        }
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("one")]
    [InlineData("random1MiB")]
    [InlineData("compressible")]
    public void Snappy_XerialFraming_RoundTripsAndStartsWithTheMagic(string payload)
    {
        var input = CodecTestData.Payload(payload);
        using var compressed = new PooledBufferWriter();
        using var output = new PooledBufferWriter();

        CompressionCodecs.Compress(CompressionType.Snappy, input, compressed, snappyFraming: SnappyFraming.Xerial);
        SnappyCodec.Decompress(compressed.WrittenSpan, output);

        Assert.True(SnappyCodec.IsXerial(compressed.WrittenSpan));
        Assert.Equal([0, 0, 0, 1, 0, 0, 0, 1], compressed.WrittenSpan[8..16].ToArray());
        Assert.True(input.AsSpan().SequenceEqual(output.WrittenSpan));
    }

    [Fact]
    public void Lz4_Compress_WritesKafkasFrameDescriptor()
    {
        using var compressed = new PooledBufferWriter();

        Lz4Codec.Compress(CodecTestData.Compressible(200_000), compressed);

        // magic 04 22 4D 18, FLG 0x60 (v01, independent blocks, no checksums, no size), BD 0x40 (64 KiB)
        Assert.Equal([0x04, 0x22, 0x4D, 0x18, 0x60, 0x40], compressed.WrittenSpan[..6].ToArray());
    }

    [Theory]
    [InlineData(CompressionType.Gzip, 1)]
    [InlineData(CompressionType.Gzip, 9)]
    [InlineData(CompressionType.Lz4, 1)]
    [InlineData(CompressionType.Lz4, 17)]
    [InlineData(CompressionType.Zstd, -5)]
    [InlineData(CompressionType.Zstd, 19)]
    public void Compress_AtKafkaLevels_RoundTrips(CompressionType codec, int level)
    {
        var input = CodecTestData.Compressible(100_000);
        using var compressed = new PooledBufferWriter();
        using var output = new PooledBufferWriter();

        CompressionCodecs.Compress(codec, input, compressed, level);
        CompressionCodecs.Decompress(codec, compressed.WrittenSpan, output);

        Assert.True(input.AsSpan().SequenceEqual(output.WrittenSpan));
    }

    [Fact]
    public void Gzip_LevelOutOfRange_Throws()
    {
        using var compressed = new PooledBufferWriter();

        Assert.Throws<ArgumentOutOfRangeException>(() => GzipCodec.Compress([1, 2, 3], compressed, level: 10));
    }

    [Theory]
    [InlineData(CompressionType.Gzip)]
    [InlineData(CompressionType.Snappy)]
    [InlineData(CompressionType.Lz4)]
    [InlineData(CompressionType.Zstd)]
    public void Decompress_Truncated_ThrowsCompressionException(CompressionType codec)
    {
        var input = CodecTestData.Random(10_000, seed: 3);
        using var compressed = new PooledBufferWriter();
        using var output = new PooledBufferWriter();
        CompressionCodecs.Compress(codec, input, compressed);

        var truncated = compressed.WrittenSpan[..(compressed.WrittenCount - 20)].ToArray();

        Assert.ThrowsAny<CompressionException>(() => CompressionCodecs.Decompress(codec, truncated, output));
    }

    [Theory]
    [InlineData(CompressionType.Gzip)]
    [InlineData(CompressionType.Snappy)]
    [InlineData(CompressionType.Lz4)]
    [InlineData(CompressionType.Zstd)]
    public void Decompress_Garbage_ThrowsCompressionException(CompressionType codec)
    {
        using var output = new PooledBufferWriter();
        var garbage = CodecTestData.Random(500, seed: 11);
        garbage[0] = 0xFF;

        Assert.ThrowsAny<CompressionException>(() => CompressionCodecs.Decompress(codec, garbage, output));
    }

    [Fact]
    public void Decompress_UnknownCodecId_ThrowsCompressionException()
    {
        using var output = new PooledBufferWriter();

        Assert.Throws<CompressionException>(() => CompressionCodecs.Decompress((CompressionType)5, [1, 2, 3], output));
    }

    [Theory]
    [InlineData("producer", true, null)]
    [InlineData("uncompressed", true, CompressionType.None)]
    [InlineData("gzip", true, CompressionType.Gzip)]
    [InlineData("snappy", true, CompressionType.Snappy)]
    [InlineData("lz4", true, CompressionType.Lz4)]
    [InlineData("zstd", true, CompressionType.Zstd)]
    [InlineData("brotli", false, null)]
    public void TryParseTopicConfig_KafkaValues_Parse(string value, bool valid, CompressionType? expected)
    {
        Assert.Equal(valid, CompressionCodecs.TryParseTopicConfig(value, out var type));
        Assert.Equal(expected, type);
    }
}
