using Pipeline.Protocol.Records;
using Pipeline.Protocol.Tests.Compression;
using Xunit;

namespace Pipeline.Protocol.Tests.Records;

public class RecordBatchReaderTests
{
    public static TheoryData<CompressionType> Codecs() => [.. CodecTestData.Codecs];

    [Theory]
    [MemberData(nameof(Codecs))]
    public void Records_BuiltBatch_YieldsEveryFieldBack(CompressionType codec)
    {
        var batch = TestBatches.Mixed(codec);
        using var reader = new RecordBatchReader();

        var seen = 0;
        foreach (var record in reader.Records(batch))
        {
            Assert.Equal(seen, record.OffsetDelta);
            Assert.Equal(seen, record.Offset);
            switch (seen)
            {
                case 0:
                    Assert.Equal(TestBatches.Now, record.Timestamp);
                    Assert.Equal("key-0"u8.ToArray(), record.Key.ToArray());
                    Assert.Equal("value-0"u8.ToArray(), record.Value.ToArray());
                    Assert.Equal(["trace=abc"], Headers(record));
                    break;
                case 1:
                    Assert.True(record.KeyIsNull);
                    Assert.False(record.HasKey);
                    Assert.Equal("value-1"u8.ToArray(), record.Value.ToArray());
                    Assert.Equal(0, record.HeaderCount);
                    break;
                case 2:
                    Assert.False(record.KeyIsNull);
                    Assert.True(record.ValueIsNull);
                    Assert.Equal(["h=null", "k2=vv"], Headers(record));
                    break;
                case 3:
                    Assert.Equal(TestBatches.Now + 5, record.Timestamp);
                    Assert.Equal(500, record.Value.Length);
                    break;
                case 4:
                    Assert.Equal(TestBatches.Now + 3, record.Timestamp);
                    Assert.False(record.KeyIsNull);
                    Assert.False(record.ValueIsNull);
                    Assert.True(record.Key.IsEmpty);
                    Assert.True(record.Value.IsEmpty);
                    Assert.Equal(["empty="], Headers(record));
                    break;
            }

            Assert.False(record.IsControl);
            seen++;
        }

        Assert.Equal(5, seen);
        var header = new RecordBatchHeader(batch);
        Assert.Equal(codec, header.Compression);
        Assert.Equal(TestBatches.Now + 5, header.MaxTimestamp);
        Assert.Equal(TestBatches.Now, header.BaseTimestamp);
        Assert.True(RecordBatchHeader.IsCrcValid(batch));
    }

    public static TheoryData<string, CompressionType> KafkaPythonV2() => new()
    {
        { nameof(KafkaPythonBatches.V2None), CompressionType.None },
        { nameof(KafkaPythonBatches.V2Gzip), CompressionType.Gzip },
        { nameof(KafkaPythonBatches.V2Snappy), CompressionType.Snappy },
        { nameof(KafkaPythonBatches.V2Lz4), CompressionType.Lz4 },
        { nameof(KafkaPythonBatches.V2Zstd), CompressionType.Zstd },
    };

    [Theory]
    [MemberData(nameof(KafkaPythonV2))]
    public void Records_KafkaPythonBatch_ReadsAsWritten(string fixture, CompressionType codec)
    {
        var batch = (byte[])typeof(KafkaPythonBatches).GetField(fixture)!.GetValue(null)!;
        var header = new RecordBatchHeader(batch);
        using var reader = new RecordBatchReader();

        Assert.Equal(codec, header.Compression);
        Assert.True(RecordBatchHeader.IsCrcValid(batch));
        var keys = new List<string>();
        var values = new List<string>();
        var headers = new List<string>();
        foreach (var record in reader.Records(batch))
        {
            Assert.Equal(1_700_000_000_000 + (7 * record.Offset), record.Timestamp);
            keys.Add(record.KeyIsNull ? "null" : System.Text.Encoding.UTF8.GetString(record.Key));
            values.Add(record.ValueIsNull ? "null" : System.Text.Encoding.UTF8.GetString(record.Value));
            headers.Add(string.Join(",", Headers(record)));
        }

        var v = string.Concat(Enumerable.Repeat("value ", 12));
        Assert.Equal(["key-0", "null", "key-2", "key-3", ""], keys);
        Assert.Equal([v + "0", v + "1", "null", v + "3", ""], values);
        Assert.Equal(["trace=abc", "", "h=null,k2=vv", "", "empty="], headers);
        if (codec == CompressionType.Zstd)
        {
            Assert.True(header.IsTransactional);
            Assert.Equal(1234, header.ProducerId);
            Assert.Equal(5, header.ProducerEpoch);
            Assert.Equal(10, header.BaseSequence);
        }
    }

    [Fact]
    public void Records_LogAppendTimeBatch_EveryRecordTakesTheMaxTimestamp()
    {
        var batch = TestBatches.Mixed(CompressionType.Lz4, b =>
        {
            b.TimestampType = TimestampType.LogAppendTime;
            b.LogAppendTime = 1_800_000_000_000;
        });
        using var reader = new RecordBatchReader();

        foreach (var record in reader.Records(batch))
        {
            Assert.Equal(1_800_000_000_000, record.Timestamp);
        }

        Assert.True(new RecordBatchHeader(batch).IsLogAppendTime);
    }

    [Fact]
    public void Records_ControlBatch_ExposesTheMarkerType()
    {
        using var builder = new RecordBatchBuilder { ProducerId = 77, ProducerEpoch = 3, IsTransactional = true, BaseOffset = 500 };
        builder.AppendEndTransactionMarker(ControlRecordType.Commit, coordinatorEpoch: 12, timestamp: TestBatches.Now);
        var batch = builder.ToArray();
        using var reader = new RecordBatchReader();

        var count = 0;
        foreach (var record in reader.Records(batch))
        {
            Assert.True(record.IsControl);
            Assert.Equal(ControlRecordType.Commit, record.ControlType);
            Assert.Equal(500, record.Offset);
            Assert.True(ControlRecord.TryReadEndTransactionMarker(record.Value, out var epoch));
            Assert.Equal(12, epoch);
            count++;
        }

        var header = new RecordBatchHeader(batch);
        Assert.Equal(1, count);
        Assert.True(header.IsControl);
        Assert.True(header.IsTransactional);
        Assert.Equal(-1, header.BaseSequence);
    }

    [Fact]
    public void Records_AfterTheDeclaredCount_ExtraBytesThrow()
    {
        var batch = TestBatches.Simple(3);
        var lying = TestBatches.SetInt32(batch, RecordBatchHeader.RecordsCountOffset, 2);
        using var reader = new RecordBatchReader();

        var e = Assert.Throws<CorruptRecordException>(() =>
        {
            foreach (var record in reader.Records(lying))
            {
                _ = record.Offset;
            }
        });
        Assert.Equal(ErrorCode.InvalidRecord, e.Error);
    }

    [Fact]
    public void Records_NotMagic2_Throws()
    {
        var batch = TestBatches.Simple(1);
        batch[RecordBatchHeader.MagicOffset] = 1;
        using var reader = new RecordBatchReader();

        Assert.Throws<CorruptRecordException>(() => reader.Records(batch));
    }

    [Fact]
    public void Records_CompressedPayloadCorrupt_ThrowsCorruptMessage()
    {
        var batch = TestBatches.Simple(50, CompressionType.Zstd);
        batch[RecordBatchHeader.Size + 10] ^= 0xFF;
        using var reader = new RecordBatchReader();

        var e = Assert.Throws<CorruptRecordException>(() => reader.Records(batch));
        Assert.Equal(ErrorCode.CorruptMessage, e.Error);
    }

    [Fact]
    public void Records_DecompressesPastTheReadersCap_ThrowsMessageTooLarge()
    {
        var batch = TestBatches.Simple(2000, CompressionType.Gzip);
        using var reader = new RecordBatchReader(maxDecompressedBytes: 1000);

        var e = Assert.Throws<CorruptRecordException>(() => reader.Records(batch));
        Assert.Equal(ErrorCode.MessageTooLarge, e.Error);
    }

    [Fact]
    public void Reader_ReusedAcrossCodecs_ReadsEachBatch()
    {
        using var reader = new RecordBatchReader();
        foreach (var codec in CodecTestData.Codecs)
        {
            var count = 0;
            foreach (var record in reader.Records(TestBatches.Simple(100, codec)))
            {
                Assert.Equal($"key-{count}", System.Text.Encoding.UTF8.GetString(record.Key));
                count++;
            }

            Assert.Equal(100, count);
        }
    }

    internal static List<string> Headers(RecordView record)
    {
        var list = new List<string>();
        foreach (var h in record.Headers)
        {
            list.Add(System.Text.Encoding.UTF8.GetString(h.Key) + "=" + (h.ValueIsNull ? "null" : System.Text.Encoding.UTF8.GetString(h.Value)));
        }

        return list;
    }
}
