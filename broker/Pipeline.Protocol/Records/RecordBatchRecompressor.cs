using System.Buffers;
using System.Buffers.Binary;
using Pipeline.Protocol.Compression;

namespace Pipeline.Protocol.Records;

/// <summary>
/// Re-encodes a v2 batch with another codec when a topic's compression.type is not
/// <c>producer</c> and differs from the batch's. A v2 record's bytes do not depend on the codec
/// (deltas are relative to the header), so this inflates the records section, compresses it with
/// the target codec and writes a header that differs only in attributes bits 0-2, batchLength and
/// CRC: same records, offsets, timestamps and producer fields. Keep one instance per thread.
/// </summary>
public sealed class RecordBatchRecompressor : IDisposable
{
    private readonly RecordBatchReader _reader;
    private readonly PooledBufferWriter _compressed = new();

    public RecordBatchRecompressor(int maxDecompressedBytes = CompressionCodecs.DefaultMaxDecompressedBytes)
    {
        _reader = new RecordBatchReader(maxDecompressedBytes);
    }

    /// <summary>
    /// Whether a batch must be re-encoded for a topic. <paramref name="topicCompression"/> null
    /// means compression.type=producer. Uncompressed control batches are left alone, as Kafka does.
    /// </summary>
    public static bool IsNeeded(CompressionType batchCompression, CompressionType? topicCompression, bool isControl) =>
        topicCompression is { } target && target != batchCompression && !(isControl && batchCompression == CompressionType.None);

    /// <summary>Writes the re-encoded batch to <paramref name="destination"/> and returns its size. Throws <see cref="CorruptRecordException"/> if the batch does not decode.</summary>
    public int Recompress(
        ReadOnlySpan<byte> batch,
        CompressionType target,
        IBufferWriter<byte> destination,
        int level = CompressionCodecs.DefaultLevel,
        SnappyFraming snappyFraming = SnappyFraming.Raw)
    {
        var section = _reader.DecompressRecords(batch);
        ReadOnlySpan<byte> payload = section;

        // An empty batch (compaction leftovers) stays uncompressed, as Kafka writes them.
        if (section.IsEmpty)
        {
            target = CompressionType.None;
        }

        if (target != CompressionType.None)
        {
            _compressed.Reset();
            CompressionCodecs.Compress(target, section, _compressed, level, snappyFraming);
            payload = _compressed.WrittenSpan;
        }

        var size = RecordBatchHeader.Size + payload.Length;
        var output = destination.GetSpan(size)[..size];
        batch[..RecordBatchHeader.Size].CopyTo(output);
        payload.CopyTo(output[RecordBatchHeader.Size..]);
        BinaryPrimitives.WriteInt32BigEndian(output[RecordBatchHeader.BatchLengthOffset..], size - RecordBatchHeader.LogOverhead);
        var attributes = (new RecordBatchHeader(output).Attributes & ~RecordBatchHeader.CompressionMask) | (int)target;
        BinaryPrimitives.WriteInt16BigEndian(output[RecordBatchHeader.AttributesOffset..], (short)attributes);
        RecordBatchHeader.UpdateCrc(output);
        destination.Advance(size);
        return size;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _compressed.Dispose();
    }
}
