using Pipeline.Protocol.Records;
using Xunit;

namespace Pipeline.Protocol.Tests.Records;

public class RecordBatchFixupsTests
{
    [Fact]
    public void AssignOffsets_SetsBaseOffsetAndEpoch_CrcStaysValid()
    {
        var batch = TestBatches.Simple(3, CompressionType.Gzip);
        var crc = new RecordBatchHeader(batch).Crc;

        RecordBatchFixups.AssignOffsets(batch, 1_000_000, partitionLeaderEpoch: 17);

        var header = new RecordBatchHeader(batch);
        Assert.Equal(1_000_000, header.BaseOffset);
        Assert.Equal(1_000_002, header.LastOffset);
        Assert.Equal(17, header.PartitionLeaderEpoch);
        Assert.Equal(crc, header.Crc);
        Assert.True(RecordBatchHeader.IsCrcValid(batch));
    }

    [Fact]
    public void SetLogAppendTime_SetsBit3AndMaxTimestamp_RecomputesCrc_KeepsBaseTimestamp()
    {
        var batch = TestBatches.Mixed(CompressionType.Snappy);
        var baseTimestamp = new RecordBatchHeader(batch).BaseTimestamp;

        Assert.True(RecordBatchFixups.SetLogAppendTime(batch, 1_900_000_000_000));

        var header = new RecordBatchHeader(batch);
        Assert.True(header.IsLogAppendTime);
        Assert.Equal(CompressionType.Snappy, header.Compression);
        Assert.Equal(1_900_000_000_000, header.MaxTimestamp);
        Assert.Equal(baseTimestamp, header.BaseTimestamp);
        Assert.True(RecordBatchHeader.IsCrcValid(batch));
        using var reader = new RecordBatchReader();
        foreach (var record in reader.Records(batch))
        {
            Assert.Equal(1_900_000_000_000, record.Timestamp);
        }
    }

    [Fact]
    public void SetMaxTimestamp_AlreadyRight_ChangesNothing()
    {
        var batch = TestBatches.Simple(3);
        var before = (byte[])batch.Clone();

        Assert.False(RecordBatchFixups.SetMaxTimestamp(batch, TimestampType.CreateTime, new RecordBatchHeader(batch).MaxTimestamp));
        Assert.Equal(before, batch);
    }

    [Fact]
    public void PrepareForAppend_CreateTimeWithAWrongHeaderMax_TakesTheMaxFromTheRecords()
    {
        var batch = TestBatches.SetInt64(TestBatches.Simple(3), RecordBatchHeader.MaxTimestampOffset, 1);
        using var validator = new RecordBatchValidator();
        var result = validator.Validate(batch, RecordValidationOptions.Default, 9, TestBatches.Now);

        RecordBatchFixups.PrepareForAppend(batch, 50, 2, TimestampType.CreateTime, TestBatches.Now + 99, result);

        var header = new RecordBatchHeader(batch);
        Assert.Equal(TestBatches.Now + 2, header.MaxTimestamp);
        Assert.Equal(50, header.BaseOffset);
        Assert.Equal(2, header.PartitionLeaderEpoch);
        Assert.False(header.IsLogAppendTime);
        Assert.True(RecordBatchHeader.IsCrcValid(batch));
    }

    [Fact]
    public void PrepareForAppend_LogAppendTime_StampsNow()
    {
        var batch = TestBatches.Simple(3, CompressionType.Zstd);
        using var validator = new RecordBatchValidator();
        var options = RecordValidationOptions.Default with { TimestampType = TimestampType.LogAppendTime };
        var result = validator.Validate(batch, options, 9, TestBatches.Now);

        RecordBatchFixups.PrepareForAppend(batch, 7, 1, TimestampType.LogAppendTime, TestBatches.Now, result);

        var header = new RecordBatchHeader(batch);
        Assert.True(header.IsLogAppendTime);
        Assert.Equal(TestBatches.Now, header.MaxTimestamp);
        Assert.True(RecordBatchHeader.IsCrcValid(batch));
    }
}
