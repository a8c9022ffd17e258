using Pipeline.Protocol.Records;
using Pipeline.Protocol.Tests.Compression;
using Xunit;

namespace Pipeline.Protocol.Tests.Records;

public class RecordBatchValidatorTests
{
    private const short ProduceV9 = 9;
    private static readonly RecordValidationOptions Defaults = RecordValidationOptions.Default;

    public static TheoryData<CompressionType> Codecs() => [.. CodecTestData.Codecs];

    [Theory]
    [MemberData(nameof(Codecs))]
    public void Validate_BuiltBatch_IsValidAndDescribed(CompressionType codec)
    {
        var batch = TestBatches.Mixed(codec, b =>
        {
            b.ProducerId = 42;
            b.ProducerEpoch = 7;
            b.BaseSequence = 100;
            b.IsTransactional = true;
        });
        using var validator = new RecordBatchValidator();

        var result = validator.Validate(batch, Defaults, ProduceV9, TestBatches.Now);

        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.Null(result.ErrorMessage);
        Assert.Equal(-1, result.RecordErrorIndex);
        Assert.Equal(2, result.Magic);
        Assert.False(result.IsConverted);
        Assert.Equal(batch.Length, result.BatchSize);
        Assert.Equal(5, result.RecordCount);
        Assert.Equal(4, result.LastOffsetDelta);
        Assert.Equal(TestBatches.Now, result.FirstTimestamp);
        Assert.Equal(TestBatches.Now + 5, result.MaxTimestamp);
        Assert.Equal(3, result.OffsetDeltaOfMaxTimestamp);
        Assert.Equal(codec, result.Compression);
        Assert.Equal(42, result.ProducerId);
        Assert.Equal(7, result.ProducerEpoch);
        Assert.Equal(100, result.BaseSequence);
        Assert.True(result.IsTransactional);
        Assert.False(result.IsControl);
    }

    [Theory]
    [InlineData(nameof(KafkaPythonBatches.V2None))]
    [InlineData(nameof(KafkaPythonBatches.V2Gzip))]
    [InlineData(nameof(KafkaPythonBatches.V2Snappy))]
    [InlineData(nameof(KafkaPythonBatches.V2Lz4))]
    [InlineData(nameof(KafkaPythonBatches.V2Zstd))]
    public void Validate_KafkaPythonBatch_IsValid(string fixture)
    {
        var batch = (byte[])typeof(KafkaPythonBatches).GetField(fixture)!.GetValue(null)!;
        using var validator = new RecordBatchValidator();

        var result = validator.Validate(batch, Defaults, ProduceV9, 1_700_000_000_000);

        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.Equal(5, result.RecordCount);
        Assert.Equal(1_700_000_000_028, result.MaxTimestamp);
    }

    [Fact]
    public void Validate_BadCrc_IsCorruptMessage()
    {
        var batch = TestBatches.Simple(3);
        batch[^1] ^= 1;

        AssertFails(batch, ErrorCode.CorruptMessage, "crc");
    }

    [Fact]
    public void Validate_CountBelowLastOffsetDelta_IsInvalidRecord()
    {
        var batch = TestBatches.SetInt32(TestBatches.Simple(5), RecordBatchHeader.RecordsCountOffset, 4);

        AssertFails(batch, ErrorCode.InvalidRecord, "Inconsistent batch offset range");
    }

    [Fact]
    public void Validate_CountAboveTheRecordsPresent_IsInvalidRecord()
    {
        var batch = TestBatches.Simple(5);
        TestBatches.SetInt32(batch, RecordBatchHeader.RecordsCountOffset, 6);
        TestBatches.SetInt32(batch, RecordBatchHeader.LastOffsetDeltaOffset, 5);

        AssertFails(batch, ErrorCode.InvalidRecord, "premature EOF");
    }

    [Fact]
    public void Validate_CountBelowTheRecordsPresent_IsInvalidRecord()
    {
        var batch = TestBatches.Simple(5);
        TestBatches.SetInt32(batch, RecordBatchHeader.RecordsCountOffset, 3);
        TestBatches.SetInt32(batch, RecordBatchHeader.LastOffsetDeltaOffset, 2);

        AssertFails(batch, ErrorCode.InvalidRecord, "records still remaining");
    }

    [Fact]
    public void Validate_ZeroRecords_IsInvalidRecord()
    {
        using var builder = new RecordBatchBuilder();

        AssertFails(builder.ToArray(), ErrorCode.InvalidRecord, "count");
    }

    [Fact]
    public void Validate_Truncated_IsInvalidRecord()
    {
        var batch = TestBatches.Simple(5);

        AssertFails(batch[..^3], ErrorCode.InvalidRecord, "truncated");
        AssertFails(batch[..40], ErrorCode.InvalidRecord, "truncated");
        AssertFails(batch[..10], ErrorCode.InvalidRecord, "at least one record batch");
    }

    [Fact]
    public void Validate_BatchLengthBelowTheHeader_IsCorruptMessage()
    {
        var batch = TestBatches.SetInt32(TestBatches.Simple(1), RecordBatchHeader.BatchLengthOffset, 40);

        AssertFails(batch, ErrorCode.CorruptMessage, "minimum");
    }

    [Fact]
    public void Validate_TwoBatches_IsInvalidRecord()
    {
        var one = TestBatches.Simple(2);

        AssertFails([.. one, .. one], ErrorCode.InvalidRecord, "exactly one record batch");
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void Validate_UnknownCompressionId_IsCorruptMessage(short id)
    {
        var batch = TestBatches.SetAttributes(TestBatches.Simple(2), id);

        AssertFails(batch, ErrorCode.CorruptMessage, "compression type id");
    }

    [Fact]
    public void Validate_NullKeyOnCompactedTopic_IsInvalidRecordAtThatRecord()
    {
        var batch = TestBatches.Mixed();
        using var validator = new RecordBatchValidator();

        var result = validator.Validate(batch, Defaults with { Compacted = true }, ProduceV9, TestBatches.Now);

        Assert.Equal(ErrorCode.InvalidRecord, result.Error);
        Assert.Equal(1, result.RecordErrorIndex);
        Assert.Contains("without key", result.ErrorMessage);
        Assert.True(validator.Validate(TestBatches.Simple(3), Defaults with { Compacted = true }, ProduceV9, TestBatches.Now).IsValid);
    }

    [Theory]
    [InlineData(3, false)]
    [InlineData(6, false)]
    [InlineData(7, true)]
    [InlineData(11, true)]
    public void Validate_ZstdBelowProduceV7_IsUnsupportedCompressionType(short produceVersion, bool valid)
    {
        var batch = TestBatches.Simple(3, CompressionType.Zstd);
        using var validator = new RecordBatchValidator();

        var result = validator.Validate(batch, Defaults, produceVersion, TestBatches.Now);

        Assert.Equal(valid ? ErrorCode.None : ErrorCode.UnsupportedCompressionType, result.Error);
    }

    [Fact]
    public void Validate_TimestampTooOld_IsInvalidTimestampAtThatRecord()
    {
        using var builder = new RecordBatchBuilder();
        builder.Append(TestBatches.Now, null, [1]);
        builder.Append(TestBatches.Now - 10_000, null, [2]);
        using var validator = new RecordBatchValidator();

        var result = validator.Validate(builder.ToArray(), Defaults with { TimestampBeforeMaxMs = 5_000 }, ProduceV9, TestBatches.Now);

        Assert.Equal(ErrorCode.InvalidTimestamp, result.Error);
        Assert.Equal(1, result.RecordErrorIndex);
        Assert.Contains("out of range", result.ErrorMessage);
    }

    [Fact]
    public void Validate_TimestampTooFarAhead_IsInvalidTimestamp()
    {
        var batch = TestBatches.Simple(3, timestamp: TestBatches.Now + 3_601_000);
        using var validator = new RecordBatchValidator();

        var rejected = validator.Validate(batch, Defaults with { TimestampAfterMaxMs = 3_600_000 }, ProduceV9, TestBatches.Now);
        var accepted = validator.Validate(batch, Defaults with { TimestampAfterMaxMs = 3_700_000 }, ProduceV9, TestBatches.Now);

        Assert.Equal(ErrorCode.InvalidTimestamp, rejected.Error);
        Assert.Equal(0, rejected.RecordErrorIndex);
        Assert.True(accepted.IsValid);
    }

    [Fact]
    public void Validate_TimestampErrorAndKeyError_ReportsInvalidTimestampAsKafkaDoes()
    {
        using var builder = new RecordBatchBuilder();
        builder.Append(TestBatches.Now, null, [1]);
        builder.Append(1, [1], [2]);
        using var validator = new RecordBatchValidator();

        var result = validator.Validate(builder.ToArray(), Defaults with { Compacted = true, TimestampBeforeMaxMs = 1000 }, ProduceV9, TestBatches.Now);

        Assert.Equal(ErrorCode.InvalidTimestamp, result.Error);
        Assert.Equal(1, result.RecordErrorIndex);
    }

    [Fact]
    public void Validate_NoTimestamp_SkipsTheWindowCheck()
    {
        var batch = TestBatches.Simple(1, timestamp: -1);
        using var validator = new RecordBatchValidator();

        var result = validator.Validate(batch, Defaults with { TimestampBeforeMaxMs = 0, TimestampAfterMaxMs = 0 }, ProduceV9, TestBatches.Now);

        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.Equal(-1, result.MaxTimestamp);
    }

    [Fact]
    public void Validate_LogAppendTimeTopic_ReportsNowAndIgnoresTheWindow()
    {
        var batch = TestBatches.Simple(4, timestamp: 5);
        using var validator = new RecordBatchValidator();

        var result = validator.Validate(batch, Defaults with { TimestampType = TimestampType.LogAppendTime, TimestampBeforeMaxMs = 1 }, ProduceV9, TestBatches.Now);

        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.Equal(TestBatches.Now, result.MaxTimestamp);
        Assert.Equal(3, result.OffsetDeltaOfMaxTimestamp);
    }

    [Fact]
    public void Validate_ProducerSetLogAppendTimeOnLogAppendTimeTopic_IsInvalidTimestamp()
    {
        var batch = TestBatches.Mixed(configure: b =>
        {
            b.TimestampType = TimestampType.LogAppendTime;
            b.LogAppendTime = TestBatches.Now;
        });
        using var validator = new RecordBatchValidator();

        var result = validator.Validate(batch, Defaults with { TimestampType = TimestampType.LogAppendTime }, ProduceV9, TestBatches.Now);

        Assert.Equal(ErrorCode.InvalidTimestamp, result.Error);
        Assert.Contains("LogAppendTime", result.ErrorMessage);
    }

    [Fact]
    public void Validate_ControlBatch_RefusedFromClientsAllowedFromCoordinators()
    {
        using var builder = new RecordBatchBuilder { ProducerId = 5, ProducerEpoch = 1, IsTransactional = true };
        builder.AppendEndTransactionMarker(ControlRecordType.Abort, 3, TestBatches.Now);
        var batch = builder.ToArray();
        using var validator = new RecordBatchValidator();

        var client = validator.Validate(batch, Defaults, ProduceV9, TestBatches.Now);
        var coordinator = validator.Validate(batch, Defaults, ProduceV9, TestBatches.Now, AppendOrigin.Coordinator);

        Assert.Equal(ErrorCode.InvalidRecord, client.Error);
        Assert.Contains("control records", client.ErrorMessage);
        Assert.True(coordinator.IsValid, coordinator.ErrorMessage);
        Assert.True(coordinator.IsControl);
    }

    [Fact]
    public void Validate_NonZeroBaseOffsetFromClient_IsInvalidRecord()
    {
        var batch = TestBatches.SetInt64(TestBatches.Simple(2), RecordBatchHeader.BaseOffsetOffset, 10, fixCrc: false);

        AssertFails(batch, ErrorCode.InvalidRecord, "baseOffset");
    }

    [Fact]
    public void Validate_ProducerIdWithoutSequence_IsInvalidRecord()
    {
        var batch = TestBatches.Mixed(configure: b =>
        {
            b.ProducerId = 9;
            b.ProducerEpoch = 0;
        });

        AssertFails(batch, ErrorCode.InvalidRecord, "sequence");
    }

    [Fact]
    public void Validate_LegacyMagicOnProduceV3_IsInvalidRecord()
    {
        AssertFails(KafkaPythonBatches.LegacyV1None, ErrorCode.InvalidRecord, "magic version 2", produceVersion: 3);
    }

    [Fact]
    public void Validate_MalformedRecordLength_IsInvalidRecordAtThatRecord()
    {
        var batch = TestBatches.Simple(3);
        batch[RecordBatchHeader.Size] = 0x7E; // first record claims 63 bytes
        TestBatches.WithCrc(batch);
        using var validator = new RecordBatchValidator();

        var result = validator.Validate(batch, Defaults, ProduceV9, TestBatches.Now);

        Assert.Equal(ErrorCode.InvalidRecord, result.Error);
        Assert.Equal(0, result.RecordErrorIndex);
    }

    [Fact]
    public void Validate_OverlongVarint_IsInvalidRecord()
    {
        var batch = TestBatches.Simple(1);
        var section = new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 };

        AssertFails(TestBatches.WithSection(batch, section), ErrorCode.InvalidRecord, "record");
    }

    [Fact]
    public void Validate_OffsetDeltasWithAGap_IsInvalidRecord()
    {
        using var builder = new RecordBatchBuilder();
        builder.AppendWithOffset(0, TestBatches.Now, [1], [1]);
        builder.AppendWithOffset(2, TestBatches.Now, [2], [2]);
        var batch = TestBatches.SetInt32(builder.ToArray(), RecordBatchHeader.LastOffsetDeltaOffset, 1);

        AssertFails(batch, ErrorCode.InvalidRecord, "offset delta");
    }

    [Fact]
    public void Validate_DecompressesPastTheCap_IsMessageTooLarge()
    {
        var batch = TestBatches.Simple(5000, CompressionType.Lz4);
        using var validator = new RecordBatchValidator();

        var result = validator.Validate(batch, Defaults with { MaxDecompressedBytes = 10_000 }, ProduceV9, TestBatches.Now);

        Assert.Equal(ErrorCode.MessageTooLarge, result.Error);
    }

    [Fact]
    public void Validate_CompressedPayloadThatDoesNotDecompress_IsCorruptMessage()
    {
        var batch = TestBatches.Simple(100, CompressionType.Snappy);
        batch.AsSpan(RecordBatchHeader.Size + 1, 20).Fill(0xEE);
        TestBatches.WithCrc(batch);

        AssertFails(batch, ErrorCode.CorruptMessage, "snappy");
    }

    [Fact]
    public void Validate_Reused_ForgetsThePreviousBatch()
    {
        using var validator = new RecordBatchValidator();
        Assert.False(validator.Validate(TestBatches.Simple(2)[..^1], Defaults, ProduceV9, TestBatches.Now).IsValid);

        var result = validator.Validate(TestBatches.Simple(20, CompressionType.Gzip), Defaults, ProduceV9, TestBatches.Now);

        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.Equal(20, result.RecordCount);
    }

    private static void AssertFails(byte[] records, ErrorCode expected, string messagePart, short produceVersion = ProduceV9)
    {
        using var validator = new RecordBatchValidator();
        var result = validator.Validate(records, Defaults, produceVersion, TestBatches.Now);
        Assert.Equal(expected, result.Error);
        Assert.False(result.IsValid);
        Assert.Contains(messagePart, result.ErrorMessage, StringComparison.OrdinalIgnoreCase);
    }
}
