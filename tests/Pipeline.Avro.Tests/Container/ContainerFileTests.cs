using System.Text;
using Pipeline.Avro.Codecs;
using Pipeline.Avro.Container;
using Pipeline.Avro.Container.Codecs;
using Pipeline.Avro.Schemas;
using Xunit;

namespace Pipeline.Avro.Tests.Container;

public sealed class ContainerFileTests
{
    public static TheoryData<string> CodecNames => new() { "null", "deflate", "snappy", "zstandard" };

    private static byte[] WriteFile(ContainerCodec codec, int count, int syncInterval = 64_000, IEnumerable<KeyValuePair<string, byte[]>>? metadata = null)
    {
        using var stream = new MemoryStream();
        using (var writer = new AvroFileWriter(stream, TestData.Everything, codec, metadata, syncInterval, leaveOpen: true))
        {
            for (var i = 0; i < count; i++)
            {
                writer.Append(TestData.LogicalDatum(i));
            }
        }

        return stream.ToArray();
    }

    [Theory]
    [MemberData(nameof(CodecNames))]
    public void EveryCodec_WritesAndReadsBack(string codecName)
    {
        var bytes = WriteFile(ContainerCodec.ForName(codecName), 50);

        using var reader = new AvroFileReader(new MemoryStream(bytes));
        var values = reader.ToList();

        Assert.Equal(codecName, reader.CodecName);
        Assert.Equal(50, values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            Assert.True(GenericValues.DeepEquals(TestData.LogicalDatum(i), values[i]), $"datum {i}");
        }
    }

    [Fact]
    public void Header_HasMagicSchemaCodecAndUserMetadata()
    {
        var bytes = WriteFile(ContainerCodec.Deflate, 1, metadata: [new("app.owner", "pipeline"u8.ToArray())]);

        Assert.Equal("Obj\u0001"u8.ToArray(), bytes[..4]);
        using var reader = new AvroFileReader(new MemoryStream(bytes));
        Assert.Equal(TestData.Everything.ToJson(), Encoding.UTF8.GetString(reader.Metadata["avro.schema"]));
        Assert.Equal("deflate", Encoding.UTF8.GetString(reader.Metadata["avro.codec"]));
        Assert.Equal("pipeline", Encoding.UTF8.GetString(reader.Metadata["app.owner"]));
        Assert.Equal(16, reader.SyncMarker.Length);
    }

    [Fact]
    public void ReservedMetadataKeys_AreRejected()
    {
        Assert.Throws<ArgumentException>(() => new AvroFileWriter(new MemoryStream(), TestData.Everything, metadata: [new("avro.codec", "x"u8.ToArray())]));
    }

    [Fact]
    public void SmallSyncInterval_WritesManyBlocks_EachEndingWithTheSyncMarker()
    {
        var bytes = WriteFile(ContainerCodec.Null, 20, syncInterval: 100);
        using var reader = new AvroFileReader(new MemoryStream(bytes));

        Assert.Equal(20, reader.Count());
        Assert.Equal(20, reader.BlocksRead);
        Assert.Equal(reader.SyncMarker, bytes[^16..]);
    }

    [Fact]
    public void EmptyFile_HasNoBlocks()
    {
        var bytes = WriteFile(ContainerCodec.Null, 0);

        using var reader = new AvroFileReader(new MemoryStream(bytes));

        Assert.Empty(reader);
    }

    [Fact]
    public void ReaderSchema_ResolvesEachDatum()
    {
        var bytes = WriteFile(ContainerCodec.Snappy, 3);
        var projection = Schema.Parse("""{"type":"record","name":"pipeline.interop.Everything","fields":[{"name":"intField","type":"long"},{"name":"added","type":"string","default":"d"}]}""");

        using var reader = new AvroFileReader(new MemoryStream(bytes), projection);

        Assert.Equal([-123456L, -123455L, -123454L], reader.Cast<GenericRecord>().Select(r => r["intField"]));
    }

    [Fact]
    public void CodecAbsentFromTheHeader_MeansNull()
    {
        using var stream = new MemoryStream();
        var header = new System.Buffers.ArrayBufferWriter<byte>();
        var w = new AvroBinaryWriter(header);
        w.WriteFixed("Obj\u0001"u8);
        w.WriteLong(1);
        w.WriteString("avro.schema");
        w.WriteBytes("\"int\""u8);
        w.WriteLong(0);
        w.WriteFixed(new byte[16]);
        w.WriteLong(1);
        w.WriteLong(1);
        w.WriteInt(-3);
        w.WriteFixed(new byte[16]);
        w.Flush();

        using var reader = new AvroFileReader(new MemoryStream(header.WrittenSpan.ToArray()));

        Assert.Equal("null", reader.CodecName);
        Assert.Equal([-3], reader.Cast<int>());
    }

    [Theory]
    [MemberData(nameof(CodecNames))]
    public void Truncated_IsAnError(string codecName)
    {
        var bytes = WriteFile(ContainerCodec.ForName(codecName), 5);

        using var reader = new AvroFileReader(new MemoryStream(bytes[..^20]));

        var e = Assert.Throws<AvroException>(() => reader.ToList());
        Assert.StartsWith("truncated file", e.Message);
    }

    [Fact]
    public void WrongSyncMarker_IsCorruption()
    {
        var bytes = WriteFile(ContainerCodec.Null, 2);
        bytes[^1] ^= 0xff;

        using var reader = new AvroFileReader(new MemoryStream(bytes));

        var e = Assert.Throws<AvroException>(() => reader.ToList());
        Assert.Contains("does not match the header's", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deflate")]
    [InlineData("snappy")]
    [InlineData("zstandard")]
    public void CorruptCompressedData_IsAnError(string codecName)
    {
        var bytes = WriteFile(ContainerCodec.ForName(codecName), 5);
        var headerLength = new AvroFileReaderProbe(bytes).HeaderLength;
        for (var i = headerLength + 4; i < bytes.Length - 20; i++)
        {
            bytes[i] ^= 0x5a;
        }

        using var reader = new AvroFileReader(new MemoryStream(bytes));

        Assert.ThrowsAny<AvroException>(() => reader.ToList());
    }

    [Fact]
    public void NotAContainerFile_IsRejected()
    {
        var e = Assert.Throws<AvroException>(() => new AvroFileReader(new MemoryStream("PAR1xxxx"u8.ToArray())));

        Assert.StartsWith("not an Avro object container file", e.Message);
    }

    [Fact]
    public void SnappyBlock_CarriesABigEndianCrc32OfTheUncompressedData()
    {
        var block = ContainerCodec.Snappy.Compress("123456789"u8);

        Assert.Equal(new byte[] { 0xcb, 0xf4, 0x39, 0x26 }, block[^4..]);
        block[^1] ^= 1;
        Assert.Throws<AvroException>(() => ContainerCodec.Snappy.Decompress(block));
    }

    [Fact]
    public void DeflateBlock_IsRawDeflate()
    {
        var block = ContainerCodec.Deflate.Compress(new byte[1000]);

        Assert.NotEqual(0x78, block[0]);
        Assert.Equal(new byte[1000], ContainerCodec.Deflate.Decompress(block));
    }

    [Fact]
    public void UnknownCodec_IsRejected()
    {
        Assert.Throws<AvroException>(() => ContainerCodec.ForName("bzip2"));
    }

    /// <summary>Finds where the first block starts by reading the header.</summary>
    private sealed class AvroFileReaderProbe
    {
        public AvroFileReaderProbe(byte[] file)
        {
            var stream = new MemoryStream(file);
            using var reader = new AvroFileReader(stream, leaveOpen: true);
            HeaderLength = (int)stream.Position;
        }

        public int HeaderLength { get; }
    }
}
