using System.Buffers.Binary;
using Pipeline.Protocol.Records;

namespace Pipeline.Storage.IO;

/// <summary>
/// Structural checks of stored v2 batches, shared by recovery, read verification and follower
/// appends: the length covers at least a header, magic is 2, offsets move forward and fit a
/// segment's int32 relative offsets, the record count is sane, and the CRC-32C over bytes 21..end
/// matches. Pure functions; any thread.
/// </summary>
internal static class BatchValidator
{
    /// <summary>
    /// Checks the header at the start of <paramref name="head"/> (at least <see cref="RecordBatchHeader.Size"/>
    /// bytes or all that is left in the file). <paramref name="remaining"/> is the number of file
    /// bytes from the batch start to the end of the readable range.
    /// </summary>
    public static BatchCheck CheckHeader(
        ReadOnlySpan<byte> head, long remaining, long minBaseOffset, long segmentBaseOffset, out int totalSize, out string? reason)
    {
        totalSize = 0;
        reason = null;
        if (remaining == 0)
        {
            return BatchCheck.End;
        }

        if (remaining < RecordBatchHeader.LogOverhead || head.Length < RecordBatchHeader.LogOverhead)
        {
            reason = "file ends inside a batch header";
            return BatchCheck.Torn;
        }

        var batchLength = BinaryPrimitives.ReadInt32BigEndian(head[RecordBatchHeader.BatchLengthOffset..]);
        if (batchLength < RecordBatchHeader.Size - RecordBatchHeader.LogOverhead)
        {
            reason = $"batch length {batchLength} is smaller than a batch header";
            return BatchCheck.Corrupt;
        }

        totalSize = batchLength + RecordBatchHeader.LogOverhead;
        if (totalSize < 0 || totalSize > remaining || head.Length < RecordBatchHeader.Size)
        {
            reason = $"batch of {batchLength + (long)RecordBatchHeader.LogOverhead} bytes runs past the end of the file ({remaining} bytes left)";
            return BatchCheck.Torn;
        }

        var header = new RecordBatchHeader(head);
        if (header.Magic != 2)
        {
            reason = $"magic {header.Magic} is not 2";
            return BatchCheck.Corrupt;
        }

        if (header.LastOffsetDelta < 0 || header.RecordsCount < 0)
        {
            reason = "negative last offset delta or record count";
            return BatchCheck.Corrupt;
        }

        if (header.BaseOffset < minBaseOffset)
        {
            reason = $"base offset {header.BaseOffset} is below the expected {minBaseOffset} (offsets must increase)";
            return BatchCheck.Corrupt;
        }

        if (header.LastOffset - segmentBaseOffset > int.MaxValue || header.LastOffset < header.BaseOffset)
        {
            reason = $"last offset {header.LastOffset} does not fit the segment based at {segmentBaseOffset}";
            return BatchCheck.Corrupt;
        }

        return BatchCheck.Valid;
    }

    /// <summary>Full check of one whole batch (header rules plus CRC).</summary>
    public static BatchCheck CheckBatch(ReadOnlySpan<byte> batch, long minBaseOffset, long segmentBaseOffset, out string? reason)
    {
        var check = CheckHeader(batch, batch.Length, minBaseOffset, segmentBaseOffset, out var size, out reason);
        if (check != BatchCheck.Valid)
        {
            return check;
        }

        if (!RecordBatchHeader.IsCrcValid(batch[..size]))
        {
            reason = "CRC-32C mismatch";
            return BatchCheck.Corrupt;
        }

        return BatchCheck.Valid;
    }
}
