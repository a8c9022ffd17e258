using System.Buffers;
using Pipeline.Protocol.Records;

namespace Pipeline.Storage.Compaction;

/// <summary>
/// Decides what of one stored batch survives a cleaning and writes that (Kafka's
/// MemoryRecords.filterTo with the cleaner's filter):
/// <list type="bullet">
/// <item>a record survives when it has a key and is the latest offset for that key; records
/// without a key are dropped (invalid on compacted topics);</item>
/// <item>a surviving tombstone (null value) stays until the batch's delete horizon: the first
/// cleaning that keeps it stamps the batch with horizon = now + delete.retention.ms
/// (attribute bit 6, baseTimestamp = horizon); a later cleaning past the horizon drops it;</item>
/// <item>control batches are kept as they are;</item>
/// <item>a batch whose records all go still leaves an empty batch (its base and last offset,
/// producer id, epoch and base sequence) when it is its producer's last batch, so idempotent
/// producers keep their sequence state;</item>
/// <item>unchanged batches are copied byte for byte; changed ones are re-encoded with the batch's
/// codec, keeping offsets, epochs, producer fields and lastOffsetDelta.</item>
/// </list>
/// Threads: the cleaner thread; reuses its reader, builder and output buffer.
/// </summary>
internal sealed class BatchFilter : IDisposable
{
    private readonly RecordBatchReader _reader = new();
    private readonly RecordBatchBuilder _builder = new();
    private readonly ArrayBufferWriter<byte> _output = new();

    /// <summary>Largest delete horizon among the batches kept so far (-1 if none): when the next cleaning can drop tombstones.</summary>
    public long LatestDeleteHorizon { get; private set; } = -1;

    /// <summary>
    /// Filters <paramref name="batch"/>; returns the bytes to keep (the original, a rebuilt batch,
    /// or empty when nothing is kept). The span is valid until the next call.
    /// </summary>
    public ReadOnlySpan<byte> Filter(ReadOnlySpan<byte> batch, OffsetMap map, long nowMs, long deleteRetentionMs, bool lastBatchOfProducer)
    {
        var h = new RecordBatchHeader(batch);
        if (h.IsControl)
        {
            return batch;
        }

        var total = 0;
        var kept = 0;
        var keptTombstones = 0;
        foreach (var record in _reader.Records(batch))
        {
            total++;
            if (Retain(record, map, h, nowMs))
            {
                kept++;
                keptTombstones += record.ValueIsNull ? 1 : 0;
            }
        }

        var needsHorizon = keptTombstones > 0 && !h.HasDeleteHorizon;
        if (kept == total && !needsHorizon)
        {
            if (h.HasDeleteHorizon && keptTombstones > 0)
            {
                LatestDeleteHorizon = Math.Max(LatestDeleteHorizon, h.BaseTimestamp);
            }

            return batch;
        }

        if (kept == 0 && !(h.HasProducerId && lastBatchOfProducer))
        {
            return default;
        }

        _builder.Reset();
        _builder.BaseOffset = h.BaseOffset;
        _builder.PartitionLeaderEpoch = h.PartitionLeaderEpoch;
        _builder.ProducerId = h.ProducerId;
        _builder.ProducerEpoch = h.ProducerEpoch;
        _builder.BaseSequence = h.BaseSequence;
        _builder.IsTransactional = h.IsTransactional;
        _builder.Compression = h.Compression;
        _builder.LastOffsetDeltaOverride = h.LastOffsetDelta;
        if (h.IsLogAppendTime)
        {
            _builder.TimestampType = TimestampType.LogAppendTime;
            _builder.LogAppendTime = h.MaxTimestamp;
        }

        if (kept > 0)
        {
            _builder.DeleteHorizonMs = needsHorizon ? nowMs + deleteRetentionMs : h.HasDeleteHorizon ? h.BaseTimestamp : -1;
            if (keptTombstones > 0)
            {
                LatestDeleteHorizon = Math.Max(LatestDeleteHorizon, _builder.DeleteHorizonMs);
            }

            foreach (var record in _reader.Records(batch))
            {
                if (Retain(record, map, h, nowMs))
                {
                    _builder.Append(record);
                }
            }
        }

        _output.ResetWrittenCount();
        _builder.Build(_output);
        return _output.WrittenSpan;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _builder.Dispose();
    }

    private static bool Retain(RecordView record, OffsetMap map, RecordBatchHeader h, long nowMs)
    {
        if (!record.HasKey)
        {
            return false;
        }

        if (record.Offset < map.Get(record.Key))
        {
            return false;
        }

        return !record.ValueIsNull || !h.HasDeleteHorizon || nowMs < h.BaseTimestamp;
    }
}
