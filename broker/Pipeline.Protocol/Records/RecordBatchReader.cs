using Pipeline.Protocol.Compression;

namespace Pipeline.Protocol.Records;

/// <summary>
/// Reads the records of v2 batches: an uncompressed batch is walked in place; a compressed one
/// is first inflated into this reader's pooled buffer. Keep one reader per thread of work (a log
/// cleaner, a fetch converter) and reuse it: after warm-up it allocates nothing. The records
/// returned by <see cref="Records"/> are valid until the next call or <see cref="Dispose"/>.
/// <code>
/// using var reader = new RecordBatchReader();
/// foreach (var record in reader.Records(batch)) { use(record.Offset, record.Key, record.KeyIsNull); }
/// </code>
/// </summary>
public sealed class RecordBatchReader : IDisposable
{
    private readonly PooledBufferWriter _decompressed = new();

    public RecordBatchReader(int maxDecompressedBytes = CompressionCodecs.DefaultMaxDecompressedBytes)
    {
        MaxDecompressedBytes = maxDecompressedBytes;
    }

    public int MaxDecompressedBytes { get; }

    /// <summary>
    /// The records of the batch at the start of <paramref name="batch"/> (which may extend past
    /// it). Throws <see cref="CorruptRecordException"/> when the header is not a v2 header, the
    /// batch is truncated, or the payload does not decompress. The CRC is not checked here; see
    /// <see cref="RecordBatchHeader.IsCrcValid"/>.
    /// </summary>
    public RecordEnumerator Records(ReadOnlySpan<byte> batch)
    {
        var header = CheckHeader(batch);
        return new RecordEnumerator(RecordsSection(batch, header), header);
    }

    /// <summary>The records section of the batch, decompressed if needed (no record parsing).</summary>
    public ReadOnlySpan<byte> DecompressRecords(ReadOnlySpan<byte> batch) => RecordsSection(batch, CheckHeader(batch));

    public void Dispose() => _decompressed.Dispose();

    private ReadOnlySpan<byte> RecordsSection(ReadOnlySpan<byte> batch, RecordBatchHeader header)
    {
        var payload = batch[RecordBatchHeader.Size..header.TotalSize];
        var compression = header.Compression;
        if (compression == CompressionType.None)
        {
            return payload;
        }

        _decompressed.Reset();
        try
        {
            CompressionCodecs.Decompress(compression, payload, _decompressed, MaxDecompressedBytes);
        }
        catch (DecompressionLimitExceededException e)
        {
            throw new CorruptRecordException(ErrorCode.MessageTooLarge, e.Message, e);
        }
        catch (CompressionException e)
        {
            throw new CorruptRecordException(ErrorCode.CorruptMessage, $"{CompressionCodecs.Name(compression)} records do not decompress: {e.Message}", e);
        }

        return _decompressed.WrittenSpan;
    }

    private static RecordBatchHeader CheckHeader(ReadOnlySpan<byte> batch)
    {
        if (batch.Length < RecordBatchHeader.Size)
        {
            throw new CorruptRecordException(ErrorCode.CorruptMessage, $"record batch of {batch.Length} byte(s) is shorter than its {RecordBatchHeader.Size}-byte header");
        }

        var header = new RecordBatchHeader(batch);
        if (header.Magic != 2)
        {
            throw new CorruptRecordException(ErrorCode.CorruptMessage, $"record batch has magic {header.Magic}, expected 2");
        }

        if (header.BatchLength < RecordBatchHeader.Size - RecordBatchHeader.LogOverhead || header.TotalSize > batch.Length)
        {
            throw new CorruptRecordException(ErrorCode.CorruptMessage, $"record batch length {header.BatchLength} does not fit the {batch.Length} byte(s) given");
        }

        if ((int)header.Compression > (int)CompressionType.Zstd)
        {
            throw new CorruptRecordException(ErrorCode.CorruptMessage, $"record batch uses unknown compression type id {(int)header.Compression}");
        }

        return header;
    }
}
