using Pipeline.Protocol.Records;

namespace Pipeline.Storage.Producers;

/// <summary>
/// The COMMIT / ABORT marker of a control batch, read straight from the first record (control
/// batches are never compressed). Record layout (reference 5.3/5.5): length varint | attributes
/// int8 | timestampDelta varlong | offsetDelta varint | keyLength varint | key (version int16,
/// type int16) | valueLength varint | value (version int16, coordinatorEpoch int32) | headers.
/// </summary>
internal readonly record struct EndTransactionMarker(ControlRecordType Type, int CoordinatorEpoch, long Timestamp)
{
    /// <summary>
    /// False when the batch holds no record (a marker whose transaction was cleaned away) or its
    /// first record is not a readable COMMIT/ABORT marker.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> batch, out EndTransactionMarker marker)
    {
        marker = default;
        var header = new RecordBatchHeader(batch);
        if (header.RecordsCount <= 0 || header.Compression != CompressionType.None || batch.Length < header.TotalSize)
        {
            return false;
        }

        var records = batch[RecordBatchHeader.Size..header.TotalSize];
        var p = 0;
        if (!TryReadVarlong(records, ref p, out _) || ++p > records.Length
            || !TryReadVarlong(records, ref p, out var timestampDelta)
            || !TryReadVarlong(records, ref p, out _)
            || !TryReadVarlong(records, ref p, out var keyLength)
            || keyLength < ControlRecord.KeySize || p + keyLength > records.Length)
        {
            return false;
        }

        var type = ControlRecord.ReadType(records.Slice(p, (int)keyLength));
        p += (int)keyLength;
        if (type is not (ControlRecordType.Commit or ControlRecordType.Abort)
            || !TryReadVarlong(records, ref p, out var valueLength)
            || valueLength < 0 || p + valueLength > records.Length
            || !ControlRecord.TryReadEndTransactionMarker(records.Slice(p, (int)valueLength), out var coordinatorEpoch))
        {
            return false;
        }

        var timestamp = header.IsLogAppendTime ? header.MaxTimestamp : header.BaseTimestamp + timestampDelta;
        marker = new EndTransactionMarker(type, coordinatorEpoch, timestamp);
        return true;
    }

    // A zig-zag varint of at most 10 bytes (the record framing's own encoding).
    private static bool TryReadVarlong(ReadOnlySpan<byte> source, ref int position, out long value)
    {
        ulong raw = 0;
        for (var shift = 0; shift < 70 && position < source.Length; shift += 7)
        {
            var b = source[position++];
            raw |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                value = (long)(raw >> 1) ^ -(long)(raw & 1);
                return true;
            }
        }

        value = 0;
        return false;
    }
}
