using Pipeline.Protocol.Compression;
using Pipeline.Protocol.Records;
using Xunit;

namespace Pipeline.Protocol.Tests.Compression;

/// <summary>Our decoders read what other implementations wrote (fixtures in <see cref="CodecFixtures"/>).</summary>
public class ForeignFrameTests
{
    public static TheoryData<string, CompressionType> Fixtures() => new()
    {
        { nameof(CodecFixtures.GzipCli), CompressionType.Gzip },
        { nameof(CodecFixtures.GzipTwoMembers), CompressionType.Gzip },
        { nameof(CodecFixtures.SnappyRawPython), CompressionType.Snappy },
        { nameof(CodecFixtures.SnappyXerialKafkaPython), CompressionType.Snappy },
        { nameof(CodecFixtures.Lz4Cli), CompressionType.Lz4 },
        { nameof(CodecFixtures.Lz4KafkaPython), CompressionType.Lz4 },
        { nameof(CodecFixtures.Lz4LinkedWithChecksums), CompressionType.Lz4 },
        { nameof(CodecFixtures.ZstdCliStdin), CompressionType.Zstd },
        { nameof(CodecFixtures.ZstdPython), CompressionType.Zstd },
        { nameof(CodecFixtures.ZstdTwoFrames), CompressionType.Zstd },
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Decompress_FrameFromAnotherImplementation_ReturnsTheOriginal(string fixture, CompressionType codec)
    {
        var compressed = (byte[])typeof(CodecFixtures).GetField(fixture)!.GetValue(null)!;
        var expected = fixture == nameof(CodecFixtures.Lz4LinkedWithChecksums)
            ? [.. CodecTestData.FixtureInput, .. CodecTestData.FixtureInput]
            : CodecTestData.FixtureInput;
        using var output = new PooledBufferWriter();

        var read = CompressionCodecs.Decompress(codec, compressed, output);

        Assert.Equal(expected.Length, read);
        Assert.True(expected.AsSpan().SequenceEqual(output.WrittenSpan));
    }

    [Fact]
    public void SnappyXerialFixture_HasSeveralBlocks()
    {
        var fixture = CodecFixtures.SnappyXerialKafkaPython;

        Assert.True(SnappyCodec.IsXerial(fixture));
        var firstBlock = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(fixture.AsSpan(16));
        Assert.True(16 + 4 + firstBlock < fixture.Length, "expected a second block after the first");
    }

    [Fact]
    public void Lz4_OldKafkaHeaderChecksum_IsRejectedUnlessLegacyMode()
    {
        using var output = new PooledBufferWriter();

        Assert.Throws<CompressionException>(() => Lz4Codec.Decompress(CodecFixtures.Lz4OldKafkaHeaderChecksum, output));

        output.Reset();
        Lz4Codec.Decompress(CodecFixtures.Lz4OldKafkaHeaderChecksum, output, legacyHeaderChecksum: true);
        Assert.True(CodecTestData.FixtureInput.AsSpan().SequenceEqual(output.WrittenSpan));
    }

    [Fact]
    public void Lz4_LegacyModeOnACorrectFrame_StillDecodes()
    {
        using var output = new PooledBufferWriter();

        Lz4Codec.Decompress(CodecFixtures.Lz4KafkaPython, output, legacyHeaderChecksum: true);

        Assert.True(CodecTestData.FixtureInput.AsSpan().SequenceEqual(output.WrittenSpan));
    }

    [Fact]
    public void Lz4_OurFrame_HasTheHeaderChecksumOfTheSpec()
    {
        // HC = (xxh32(FLG..BD) >> 8) & 0xFF; for FLG 0x60 BD 0x40 that byte is 0x82 in every
        // Kafka-written frame (the Java client writes the same descriptor).
        using var compressed = new PooledBufferWriter();
        Lz4Codec.Compress([1, 2, 3], compressed);

        Assert.Equal(0x82, compressed.WrittenSpan[6]);
        Assert.Equal(0x82u, (XxHash32.Hash([0x60, 0x40]) >> 8) & 0xFF);
    }
}
