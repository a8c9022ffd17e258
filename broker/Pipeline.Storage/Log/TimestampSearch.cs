using System.Buffers;
using Pipeline.Protocol.Records;

namespace Pipeline.Storage.Log;

/// <summary>
/// ListOffsets lookups that need record timestamps (KIP-79 by timestamp, KIP-734 max timestamp):
/// segments and batches are narrowed with the time index and batch headers, then the one
/// candidate batch is read (decompressed if needed) to find the exact record.
/// Threads: the request thread; no lock (reads published bytes only).
/// </summary>
internal static class TimestampSearch
{
    [ThreadStatic]
    private static RecordBatchReader? t_reader;

    public static OffsetAndTimestamp? FindOffsetByTimestamp(PartitionLog log, long timestamp)
    {
        var logStart = log.LogStartOffset;
        foreach (var segment in log.Segments)
        {
            if (segment.MaxTimestamp < timestamp || segment.NextOffset <= logStart)
            {
                continue;
            }

            if (segment.FindBatchByTimestamp(timestamp, logStart, out var position, out var size)
                && FirstRecord(segment, position, size, logStart, timestamp, exact: false) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    public static OffsetAndTimestamp? OffsetOfMaxTimestamp(PartitionLog log)
    {
        LogSegment? best = null;
        foreach (var segment in log.Segments)
        {
            if (segment.MaxTimestamp >= 0 && (best is null || segment.MaxTimestamp > best.MaxTimestamp) && segment.NextOffset > log.LogStartOffset)
            {
                best = segment;
            }
        }

        if (best is null || !best.FindBatch(best.OffsetOfMaxTimestamp, out var position, out var size))
        {
            return null;
        }

        return FirstRecord(best, position, size, log.LogStartOffset, best.MaxTimestamp, exact: true);
    }

    // The first record of the batch at `position` with offset >= minOffset and a timestamp
    // >= (or, when exact, equal to) `timestamp`.
    private static OffsetAndTimestamp? FirstRecord(LogSegment segment, long position, int size, long minOffset, long timestamp, bool exact)
    {
        if (!segment.Log.TryAcquire())
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var batch = buffer.AsSpan(0, size);
            if (segment.Log.Read(batch, position) != size)
            {
                return null;
            }

            var epoch = new RecordBatchHeader(batch).PartitionLeaderEpoch;
            var reader = t_reader ??= new RecordBatchReader();
            foreach (var record in reader.Records(batch))
            {
                if (record.Offset >= minOffset && (exact ? record.Timestamp == timestamp : record.Timestamp >= timestamp))
                {
                    return new OffsetAndTimestamp(record.Offset, record.Timestamp, epoch);
                }
            }

            return null;
        }
        catch (CorruptRecordException)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            segment.Log.ReleaseRef();
        }
    }
}
