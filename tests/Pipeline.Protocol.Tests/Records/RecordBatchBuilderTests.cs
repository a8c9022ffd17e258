using Pipeline.Protocol.Records;
using Xunit;

namespace Pipeline.Protocol.Tests.Records;

public class RecordBatchBuilderTests
{
    [Fact]
    public void AppendRecordView_CompactionStyleRebuild_KeepsOffsetsTimestampsHeadersAndSpan()
    {
        var original = TestBatches.Mixed(CompressionType.Gzip, b => b.BaseOffset = 1000);
        using var reader = new RecordBatchReader();
        using var builder = new RecordBatchBuilder
        {
            BaseOffset = 1000,
            Compression = CompressionType.Gzip,
            LastOffsetDeltaOverride = new RecordBatchHeader(original).LastOffsetDelta,
            DeleteHorizonMs = TestBatches.Now + 86_400_000,
        };

        foreach (var record in reader.Records(original))
        {
            if (record.Offset != 1001 && record.Offset != 1004)
            {
                builder.Append(record);
            }
        }

        var rebuilt = builder.ToArray();
        var header = new RecordBatchHeader(rebuilt);
        Assert.Equal(1000, header.BaseOffset);
        Assert.Equal(4, header.LastOffsetDelta);
        Assert.Equal(3, header.RecordsCount);
        Assert.True(header.HasDeleteHorizon);
        Assert.Equal(TestBatches.Now + 86_400_000, header.BaseTimestamp);
        Assert.True(RecordBatchHeader.IsCrcValid(rebuilt));

        var seen = new List<string>();
        foreach (var record in reader.Records(rebuilt))
        {
            seen.Add($"{record.Offset}@{record.Timestamp}:{string.Join(",", RecordBatchReaderTests.Headers(record))}");
        }

        Assert.Equal(
            [$"1000@{TestBatches.Now}:trace=abc", $"1002@{TestBatches.Now + 2}:h=null,k2=vv", $"1003@{TestBatches.Now + 5}:"],
            seen);
    }

    [Fact]
    public void Build_NoRecords_IsAnUncompressedEmptyBatch()
    {
        using var builder = new RecordBatchBuilder { BaseOffset = 10, LastOffsetDeltaOverride = 4, Compression = CompressionType.Zstd, ProducerId = 3, ProducerEpoch = 1, BaseSequence = 8 };

        var batch = builder.ToArray();

        var header = new RecordBatchHeader(batch);
        Assert.Equal(RecordBatchHeader.Size, batch.Length);
        Assert.Equal(0, header.RecordsCount);
        Assert.Equal(4, header.LastOffsetDelta);
        Assert.Equal(CompressionType.None, header.Compression);
        Assert.Equal(-1, header.BaseTimestamp);
        Assert.Equal(-1, header.MaxTimestamp);
        Assert.Equal(8, header.BaseSequence);
        Assert.True(RecordBatchHeader.IsCrcValid(batch));
    }

    [Fact]
    public void Append_OffsetsNotIncreasing_Throws()
    {
        using var builder = new RecordBatchBuilder();
        builder.AppendWithOffset(5, TestBatches.Now, null, [1]);

        Assert.Throws<ArgumentOutOfRangeException>(() => builder.AppendWithOffset(5, TestBatches.Now, null, [1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Append(-5, null, [1]));
    }

    [Fact]
    public void Append_DataRecordInAControlBatch_Throws()
    {
        using var builder = new RecordBatchBuilder();
        builder.AppendEndTransactionMarker(ControlRecordType.Abort, 1, TestBatches.Now);

        Assert.Throws<InvalidOperationException>(() => builder.Append(TestBatches.Now, null, [1]));
    }

    [Fact]
    public void Reset_ReusesTheBuilderWithDefaults()
    {
        using var builder = new RecordBatchBuilder { Compression = CompressionType.Lz4, ProducerId = 9 };
        builder.Append(TestBatches.Now, [1], [2]);
        builder.ToArray();

        builder.Reset();
        builder.Append(TestBatches.Now, [3], [4]);
        var header = new RecordBatchHeader(builder.ToArray());

        Assert.Equal(CompressionType.None, header.Compression);
        Assert.Equal(-1, header.ProducerId);
        Assert.Equal(1, header.RecordsCount);
    }

    [Fact]
    public void Build_ProducesTheBytesKafkaPythonProduces()
    {
        // Same records and header fields as KafkaPythonBatches.V2None: the encodings must agree byte for byte.
        using var builder = new RecordBatchBuilder();
        var v = TestBatches.Utf8(string.Concat(Enumerable.Repeat("value ", 12)));
        builder.Append(1_700_000_000_000, TestBatches.Utf8("key-0"), [.. v, (byte)'0'], [new RecordHeader("trace", TestBatches.Utf8("abc"))]);
        builder.Append(1_700_000_000_007, null, [.. v, (byte)'1']);
        builder.Append(1_700_000_000_014, TestBatches.Utf8("key-2"), null, [new RecordHeader("h", null), new RecordHeader("k2", TestBatches.Utf8("vv"))]);
        builder.Append(1_700_000_000_021, TestBatches.Utf8("key-3"), [.. v, (byte)'3']);
        builder.Append(1_700_000_000_028, [], [], [new RecordHeader("empty", [])]);

        var ours = builder.ToArray();
        var theirs = (byte[])KafkaPythonBatches.V2None.Clone();

        // kafka-python writes partitionLeaderEpoch 0 where Kafka clients write -1; compare the rest.
        RecordBatchHeader.SetPartitionLeaderEpoch(theirs, -1);
        Assert.Equal(Convert.ToHexString(theirs), Convert.ToHexString(ours));
    }
}
