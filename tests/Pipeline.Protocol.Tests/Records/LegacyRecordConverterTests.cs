using System.Buffers.Binary;
using System.Text;
using Pipeline.Protocol.Compression;
using Pipeline.Protocol.Records;
using Pipeline.Protocol.Records.Legacy;
using Xunit;

namespace Pipeline.Protocol.Tests.Records;

public class LegacyRecordConverterTests
{
    public static TheoryData<string, int, CompressionType> Fixtures()
    {
        var data = new TheoryData<string, int, CompressionType>();
        foreach (var magic in new[] { 0, 1 })
        {
            foreach (var codec in new[] { CompressionType.None, CompressionType.Gzip, CompressionType.Snappy, CompressionType.Lz4 })
            {
                data.Add($"LegacyV{magic}{(codec == CompressionType.None ? "None" : codec.ToString())}", magic, codec);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Convert_KafkaPythonMessageSet_GivesOneEquivalentV2Batch(string fixture, int magic, CompressionType codec)
    {
        var messageSet = (byte[])typeof(KafkaPythonBatches).GetField(fixture)!.GetValue(null)!;
        using var converter = new LegacyRecordConverter();
        using var output = new PooledBufferWriter();

        var result = converter.Convert(messageSet, output);

        Assert.Equal(ErrorCode.None, result.Error);
        Assert.Equal(magic, result.Magic);
        Assert.Equal(3, result.RecordCount);
        Assert.Equal(codec, result.Compression);
        Assert.Equal(output.WrittenCount, result.BatchSize);
        var batch = output.ToArray();
        var header = new RecordBatchHeader(batch);
        Assert.Equal(2, header.Magic);
        Assert.Equal(codec, header.Compression);
        Assert.Equal(3, header.RecordsCount);
        Assert.Equal(2, header.LastOffsetDelta);
        Assert.Equal(-1, header.ProducerId);
        Assert.True(RecordBatchHeader.IsCrcValid(batch));
        Assert.Equal(magic == 0 ? -1 : 1_600_000_000_002, header.MaxTimestamp);

        using var reader = new RecordBatchReader();
        var seen = new List<string>();
        foreach (var record in reader.Records(batch))
        {
            Assert.Equal(magic == 0 ? -1 : 1_600_000_000_000 + record.Offset, record.Timestamp);
            seen.Add($"{(record.KeyIsNull ? "null" : Encoding.ASCII.GetString(record.Key))}/{(record.ValueIsNull ? "null" : Encoding.ASCII.GetString(record.Value))}");
        }

        Assert.Equal(
            [$"k0/{Repeat("legacy value 0 ")}", $"null/{Repeat("legacy value 1 ")}", "k2/null"],
            seen);
    }

    [Theory]
    [InlineData(nameof(KafkaPythonBatches.LegacyV0None), 0)]
    [InlineData(nameof(KafkaPythonBatches.LegacyV1Lz4), 1)]
    [InlineData(nameof(KafkaPythonBatches.LegacyV0Lz4), 0)]
    public void Validator_LegacyOnOldProduceVersion_ConvertsAndValidates(string fixture, int magic)
    {
        var messageSet = (byte[])typeof(KafkaPythonBatches).GetField(fixture)!.GetValue(null)!;
        using var validator = new RecordBatchValidator();

        var result = validator.Validate(messageSet, RecordValidationOptions.Default, produceVersion: 2, nowMs: 1_600_000_000_000);

        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.True(result.IsConverted);
        Assert.Equal(magic, result.Magic);
        Assert.Equal(3, result.RecordCount);
        Assert.Equal(validator.ConvertedBatch.Length, result.BatchSize);
        Assert.Equal(2, new RecordBatchHeader(validator.ConvertedBatch).Magic);
    }

    [Fact]
    public void Convert_CorruptMessageCrc_IsCorruptMessage()
    {
        var messageSet = (byte[])KafkaPythonBatches.LegacyV1None.Clone();
        messageSet[40] ^= 0x10;

        var result = Convert(messageSet);

        Assert.Equal(ErrorCode.CorruptMessage, result.Error);
        Assert.Contains("crc", result.ErrorMessage, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Convert_MixedMagic_IsInvalidRecord()
    {
        var result = Convert([.. KafkaPythonBatches.LegacyV0None, .. KafkaPythonBatches.LegacyV1None]);

        Assert.Equal(ErrorCode.InvalidRecord, result.Error);
    }

    [Fact]
    public void Convert_TwoCompressedWrappers_IsInvalidRecord()
    {
        var result = Convert([.. KafkaPythonBatches.LegacyV1Gzip, .. KafkaPythonBatches.LegacyV1Gzip]);

        Assert.Equal(ErrorCode.InvalidRecord, result.Error);
        Assert.Contains("more than one batch", result.ErrorMessage);
    }

    [Fact]
    public void Convert_ZstdWrapper_IsUnsupportedCompressionType()
    {
        var wrapper = LegacyMessageBytes(magic: 1, attributes: 4, timestamp: 0, key: null, value: [1, 2, 3]);

        Assert.Equal(ErrorCode.UnsupportedCompressionType, Convert(wrapper).Error);
    }

    [Fact]
    public void Convert_InnerMessageCompressed_IsInvalidRecord()
    {
        var inner = LegacyMessageBytes(magic: 1, attributes: 1, timestamp: 5, key: null, value: [9]);
        using var gz = new PooledBufferWriter();
        GzipCodec.Compress(inner, gz);
        var wrapper = LegacyMessageBytes(magic: 1, attributes: 1, timestamp: 0, key: null, value: gz.ToArray());

        var result = Convert(wrapper);

        Assert.Equal(ErrorCode.InvalidRecord, result.Error);
    }

    [Fact]
    public void Convert_V1LogAppendTimeWrapper_InnerMessagesTakeItsTimestamp()
    {
        var inner = LegacyMessageBytes(magic: 1, attributes: 0, timestamp: 5, key: [1], value: [2]);
        using var gz = new PooledBufferWriter();
        GzipCodec.Compress(inner, gz);
        var wrapper = LegacyMessageBytes(magic: 1, attributes: 1 | 8, timestamp: 1_234_567, key: null, value: gz.ToArray());
        using var converter = new LegacyRecordConverter();
        using var output = new PooledBufferWriter();

        Assert.Equal(ErrorCode.None, converter.Convert(wrapper, output).Error);

        using var reader = new RecordBatchReader();
        foreach (var record in reader.Records(output.WrittenSpan))
        {
            Assert.Equal(1_234_567, record.Timestamp);
        }
    }

    [Fact]
    public void Convert_Truncated_IsCorruptMessage()
    {
        Assert.Equal(ErrorCode.CorruptMessage, Convert(KafkaPythonBatches.LegacyV0None[..^2]).Error);
    }

    private static LegacyConversionResult Convert(byte[] messageSet)
    {
        using var converter = new LegacyRecordConverter();
        using var output = new PooledBufferWriter();
        return converter.Convert(messageSet, output);
    }

    private static string Repeat(string s) => string.Concat(Enumerable.Repeat(s, 4));

    // offset 0 | size | crc | magic | attributes | [timestamp] | key | value, with a correct CRC.
    private static byte[] LegacyMessageBytes(sbyte magic, byte attributes, long timestamp, byte[]? key, byte[]? value)
    {
        var size = (magic == 0 ? 14 : 22) + (key?.Length ?? 0) + (value?.Length ?? 0);
        var bytes = new byte[12 + size];
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), size);
        bytes[16] = (byte)magic;
        bytes[17] = attributes;
        var p = 18;
        if (magic == 1)
        {
            BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(p), timestamp);
            p += 8;
        }

        foreach (var part in new[] { key, value })
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(p), part?.Length ?? -1);
            p += 4;
            part?.CopyTo(bytes, p);
            p += part?.Length ?? 0;
        }

        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(12), Crc32.Compute(bytes.AsSpan(16)));
        return bytes;
    }
}
