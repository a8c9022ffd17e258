using Pipeline.Protocol.Compression;
using Pipeline.Protocol.Records.Legacy;

namespace Pipeline.Protocol.Records;

/// <summary>
/// Checks the <c>records</c> bytes of ONE partition of a ProduceRequest before they are
/// appended, with the rules of Kafka's ProduceRequest.validateRecords, UnifiedLog's
/// analyzeAndValidateRecords and LogValidator (reference section 5.4):
/// <list type="bullet">
/// <item>Produce v3+: exactly one batch, magic 2, no trailing bytes (INVALID_RECORD); zstd below
/// Produce v7 is UNSUPPORTED_COMPRESSION_TYPE.</item>
/// <item>batchLength fits the bytes; the CRC-32C matches, the codec id is 0-4 (CORRUPT_MESSAGE).</item>
/// <item>From clients: base offset 0, records count &gt;= 1 and lastOffsetDelta = count - 1, no
/// control batch, a producer id needs a base sequence (INVALID_RECORD).</item>
/// <item>Records (decompressed into a pooled buffer when needed): each parses exactly, offset
/// deltas run 0..n-1, exactly <c>count</c> records (INVALID_RECORD); compacted topics need keys
/// (INVALID_RECORD); CreateTime timestamps within the before/after window and no producer-set
/// LogAppendTime (INVALID_TIMESTAMP), as LogValidator.validateTimestamp.</item>
/// <item>Produce v0-v2 may carry legacy magic 0/1 message sets; they are converted to one v2 batch
/// (<see cref="ConvertedBatch"/>) which is then validated like any other.</item>
/// </list>
/// Deviation: Kafka rebuilds a compressed batch whose offset deltas are not 0..n-1 instead of
/// refusing it; no client of ours writes such batches, so they are refused.
/// Not checked here: max.message.bytes (compare <see cref="RecordBatchValidationResult.BatchSize"/>),
/// producer epochs and sequences (producer state). One validator per thread of work; after
/// warm-up a valid uncompressed batch allocates nothing.
/// <code>
/// var result = validator.Validate(records, topicOptions, request.Version, now);
/// if (!result.IsValid) -> partition error (result.Error, result.ErrorMessage, result.RecordErrorIndex)
/// if (result.BatchSize > maxMessageBytes) -> MESSAGE_TOO_LARGE
/// Span&lt;byte&gt; batch = result.IsConverted ? validator.ConvertedBatch : (the request's bytes, writable);
/// if (RecordBatchRecompressor.IsNeeded(result.Compression, topicCodec, result.IsControl))
///     batch = (recompressor.Recompress(batch, topicCodec.Value, pooled, level) into pooled; check the size again);
/// RecordBatchFixups.PrepareForAppend(batch, logEndOffset, leaderEpoch, topicOptions.TimestampType, now, result);
/// </code>
/// </summary>
public sealed class RecordBatchValidator : IDisposable
{
    private readonly PooledBufferWriter _decompressed = new();
    private readonly PooledBufferWriter _converted = new();
    private readonly LegacyRecordConverter _legacy = new();

    /// <summary>The v2 batch made from a legacy message set by the last <see cref="Validate"/> with IsConverted; writable for fix-ups.</summary>
    public Span<byte> ConvertedBatch => _converted.WrittenSpan;

    public RecordBatchValidationResult Validate(
        ReadOnlySpan<byte> records,
        RecordValidationOptions options,
        short produceVersion,
        long nowMs,
        AppendOrigin origin = AppendOrigin.Client)
    {
        if (records.Length <= RecordBatchHeader.MagicOffset)
        {
            return RecordBatchValidationResult.Failed(ErrorCode.InvalidRecord, $"Produce request must have at least one record batch per partition ({records.Length} byte(s) received)");
        }

        var magic = (sbyte)records[RecordBatchHeader.MagicOffset];
        if (magic == 2)
        {
            return ValidateV2(records, options, produceVersion, nowMs, origin, converted: false, magic);
        }

        if (produceVersion >= 3)
        {
            return RecordBatchValidationResult.Failed(ErrorCode.InvalidRecord, $"Produce requests with version {produceVersion} are only allowed to contain record batches with magic version 2 (got magic {magic})");
        }

        if (magic is not (0 or 1))
        {
            return RecordBatchValidationResult.Failed(ErrorCode.CorruptMessage, $"unknown message magic {magic}");
        }

        _converted.Reset();
        var conversion = _legacy.Convert(records, _converted, options.MaxDecompressedBytes);
        if (conversion.Error != ErrorCode.None)
        {
            return RecordBatchValidationResult.Failed(conversion.Error, conversion.ErrorMessage!);
        }

        return ValidateV2(_converted.WrittenSpan, options, produceVersion: 3, nowMs, origin, converted: true, magic);
    }

    public void Dispose()
    {
        _decompressed.Dispose();
        _converted.Dispose();
        _legacy.Dispose();
    }

    private RecordBatchValidationResult ValidateV2(
        ReadOnlySpan<byte> records, RecordValidationOptions options, short produceVersion, long nowMs, AppendOrigin origin, bool converted, sbyte inputMagic)
    {
        if (records.Length < RecordBatchHeader.Size)
        {
            return RecordBatchValidationResult.Failed(ErrorCode.InvalidRecord, $"record batch is truncated: {records.Length} byte(s), the header alone is {RecordBatchHeader.Size}");
        }

        var header = new RecordBatchHeader(records);
        if (header.BatchLength < RecordBatchHeader.Size - RecordBatchHeader.LogOverhead)
        {
            return RecordBatchValidationResult.Failed(ErrorCode.CorruptMessage, $"record batch length {header.BatchLength} is less than the minimum of {RecordBatchHeader.Size - RecordBatchHeader.LogOverhead}");
        }

        if (header.TotalSize > records.Length)
        {
            return RecordBatchValidationResult.Failed(ErrorCode.InvalidRecord, $"record batch is truncated: batchLength says {header.TotalSize} byte(s), {records.Length} received");
        }

        if (header.TotalSize < records.Length)
        {
            return RecordBatchValidationResult.Failed(ErrorCode.InvalidRecord, $"Produce requests are only allowed to contain exactly one record batch ({records.Length - header.TotalSize} byte(s) follow the first)");
        }

        var compressionId = header.Attributes & RecordBatchHeader.CompressionMask;
        if (produceVersion < 7 && compressionId == (int)CompressionType.Zstd)
        {
            return RecordBatchValidationResult.Failed(ErrorCode.UnsupportedCompressionType, $"Produce requests with version {produceVersion} are not allowed to use ZStandard compression");
        }

        if (origin == AppendOrigin.Client && header.BaseOffset != 0)
        {
            return RecordBatchValidationResult.Failed(ErrorCode.InvalidRecord, $"The baseOffset of the record batch should be 0, but it is {header.BaseOffset}");
        }

        if (!RecordBatchHeader.IsCrcValid(records))
        {
            return RecordBatchValidationResult.Failed(ErrorCode.CorruptMessage, $"Record is corrupt (stored crc = {header.Crc}, computed crc = {RecordBatchHeader.ComputeCrc(records)})");
        }

        if (compressionId > (int)CompressionType.Zstd)
        {
            return RecordBatchValidationResult.Failed(ErrorCode.CorruptMessage, $"Unknown compression type id: {compressionId}");
        }

        if (origin == AppendOrigin.Client)
        {
            var failure = CheckClientBatch(header);
            if (failure is not null)
            {
                return RecordBatchValidationResult.Failed(ErrorCode.InvalidRecord, failure);
            }
        }

        ReadOnlySpan<byte> section = records[RecordBatchHeader.Size..];
        if (header.Compression != CompressionType.None)
        {
            _decompressed.Reset();
            try
            {
                CompressionCodecs.Decompress(header.Compression, section, _decompressed, options.MaxDecompressedBytes);
            }
            catch (DecompressionLimitExceededException e)
            {
                return RecordBatchValidationResult.Failed(ErrorCode.MessageTooLarge, e.Message);
            }
            catch (CompressionException e)
            {
                return RecordBatchValidationResult.Failed(ErrorCode.CorruptMessage, $"{CompressionCodecs.Name(header.Compression)} records do not decompress: {e.Message}");
            }
            catch (CodecNotAvailableException e)
            {
                return RecordBatchValidationResult.Failed(ErrorCode.UnknownServerError, e.Message);
            }

            section = _decompressed.WrittenSpan;
        }

        var scan = RecordScan.Run(section, header, options, nowMs);
        if (scan.Error != ErrorCode.None)
        {
            return RecordBatchValidationResult.Failed(scan.Error, scan.Message!, scan.ErrorIndex);
        }

        var logAppendTime = options.TimestampType == TimestampType.LogAppendTime;
        return new RecordBatchValidationResult
        {
            Error = ErrorCode.None,
            RecordErrorIndex = -1,
            Magic = inputMagic,
            IsConverted = converted,
            BatchSize = header.TotalSize,
            RecordCount = header.RecordsCount,
            LastOffsetDelta = header.LastOffsetDelta,
            FirstTimestamp = scan.FirstTimestamp,
            MaxTimestamp = logAppendTime ? nowMs : scan.MaxTimestamp,
            OffsetDeltaOfMaxTimestamp = logAppendTime ? header.LastOffsetDelta : scan.OffsetDeltaOfMaxTimestamp,
            Compression = header.Compression,
            ProducerId = header.ProducerId,
            ProducerEpoch = header.ProducerEpoch,
            BaseSequence = header.BaseSequence,
            IsTransactional = header.IsTransactional,
            IsControl = header.IsControl,
        };
    }

    // LogValidator.validateBatch for AppendOrigin.CLIENT; null when the batch passes.
    private static string? CheckClientBatch(RecordBatchHeader header)
    {
        var countFromOffsets = (long)header.LastOffsetDelta + 1;
        if (countFromOffsets <= 0)
        {
            return $"Batch has an invalid offset range: [{header.BaseOffset}, {header.LastOffset}]";
        }

        if (header.RecordsCount <= 0)
        {
            return $"Invalid reported count for record batch: {header.RecordsCount}";
        }

        if (countFromOffsets != header.RecordsCount)
        {
            return $"Inconsistent batch offset range [{header.BaseOffset}, {header.LastOffset}] and count of records {header.RecordsCount}";
        }

        if (header.IsControl)
        {
            return "Clients are not allowed to write control records";
        }

        if (header.HasProducerId && header.BaseSequence < 0)
        {
            return $"Invalid sequence number {header.BaseSequence} in record batch with producerId {header.ProducerId}";
        }

        return null;
    }
}
