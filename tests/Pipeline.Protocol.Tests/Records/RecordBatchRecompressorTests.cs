using Pipeline.Protocol.Compression;
using Pipeline.Protocol.Records;
using Pipeline.Protocol.Tests.Compression;
using Xunit;

namespace Pipeline.Protocol.Tests.Records;

public class RecordBatchRecompressorTests
{
    public static TheoryData<CompressionType, CompressionType> Pairs()
    {
        var data = new TheoryData<CompressionType, CompressionType>();
        foreach (var from in CodecTestData.Codecs)
        {
            foreach (var to in CodecTestData.Codecs)
            {
                if (from != to)
                {
                    data.Add(from, to);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Recompress_KeepsRecordsAndProducerFields_ChangesOnlyTheCodec(CompressionType from, CompressionType to)
    {
        var original = TestBatches.Mixed(from, b =>
        {
            b.ProducerId = 11;
            b.ProducerEpoch = 2;
            b.BaseSequence = 30;
            b.IsTransactional = true;
            b.PartitionLeaderEpoch = 4;
        });
        using var recompressor = new RecordBatchRecompressor();
        using var output = new PooledBufferWriter();

        var size = recompressor.Recompress(original, to, output);

        var batch = output.ToArray();
        Assert.Equal(batch.Length, size);
        var header = new RecordBatchHeader(batch);
        var before = new RecordBatchHeader(original);
        Assert.Equal(to, header.Compression);
        Assert.Equal(batch.Length, header.TotalSize);
        Assert.Equal(before.ProducerId, header.ProducerId);
        Assert.Equal(before.ProducerEpoch, header.ProducerEpoch);
        Assert.Equal(before.BaseSequence, header.BaseSequence);
        Assert.True(header.IsTransactional);
        Assert.Equal(before.MaxTimestamp, header.MaxTimestamp);
        Assert.Equal(before.LastOffsetDelta, header.LastOffsetDelta);
        Assert.Equal(4, header.PartitionLeaderEpoch);
        Assert.True(RecordBatchHeader.IsCrcValid(batch));
        using var validator = new RecordBatchValidator();
        Assert.True(validator.Validate(batch, RecordValidationOptions.Default, 9, TestBatches.Now).IsValid);
        Assert.Equal(Records(original), Records(batch));
    }

    [Fact]
    public void IsNeeded_FollowsTheTopicConfig()
    {
        Assert.False(RecordBatchRecompressor.IsNeeded(CompressionType.Gzip, topicCompression: null, isControl: false));
        Assert.False(RecordBatchRecompressor.IsNeeded(CompressionType.Gzip, CompressionType.Gzip, isControl: false));
        Assert.True(RecordBatchRecompressor.IsNeeded(CompressionType.Gzip, CompressionType.Zstd, isControl: false));
        Assert.True(RecordBatchRecompressor.IsNeeded(CompressionType.Lz4, CompressionType.None, isControl: false));
        Assert.False(RecordBatchRecompressor.IsNeeded(CompressionType.None, CompressionType.Zstd, isControl: true));
    }

    private static List<string> Records(byte[] batch)
    {
        using var reader = new RecordBatchReader();
        var list = new List<string>();
        foreach (var record in reader.Records(batch))
        {
            list.Add($"{record.Offset}@{record.Timestamp}:{Convert.ToHexString(record.RawBytes)}");
        }

        return list;
    }
}
