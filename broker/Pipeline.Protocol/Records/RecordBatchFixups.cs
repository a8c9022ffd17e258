using System.Buffers.Binary;

namespace Pipeline.Protocol.Records;

/// <summary>
/// In-place edits the leader makes to a validated v2 batch before appending it (Kafka's
/// MutableRecordBatch setters, as LogValidator uses them on the in-place path).
/// </summary>
public static class RecordBatchFixups
{
    /// <summary>
    /// Sets the base offset and the partition leader epoch. Both lie before the CRC'd range
    /// (bytes 21..end), so the CRC stays valid and nothing else is touched.
    /// </summary>
    public static void AssignOffsets(Span<byte> batch, long baseOffset, int partitionLeaderEpoch)
    {
        RecordBatchHeader.SetBaseOffset(batch, baseOffset);
        RecordBatchHeader.SetPartitionLeaderEpoch(batch, partitionLeaderEpoch);
    }

    /// <summary>
    /// Sets the timestamp type (attributes bit 3) and maxTimestamp, recomputing the CRC only
    /// when either changes (Kafka's DefaultRecordBatch.setMaxTimestamp). baseTimestamp is left
    /// as the producer wrote it, as Kafka does: readers of a LogAppendTime batch take every
    /// record's timestamp from maxTimestamp. Returns whether the batch changed.
    /// </summary>
    public static bool SetMaxTimestamp(Span<byte> batch, TimestampType timestampType, long maxTimestamp)
    {
        var header = new RecordBatchHeader(batch);
        var logAppendTime = timestampType == TimestampType.LogAppendTime;
        if (header.IsLogAppendTime == logAppendTime && header.MaxTimestamp == maxTimestamp)
        {
            return false;
        }

        var attributes = (short)(logAppendTime
            ? header.Attributes | RecordBatchHeader.TimestampTypeMask
            : header.Attributes & ~RecordBatchHeader.TimestampTypeMask);
        BinaryPrimitives.WriteInt16BigEndian(batch[RecordBatchHeader.AttributesOffset..], attributes);
        BinaryPrimitives.WriteInt64BigEndian(batch[RecordBatchHeader.MaxTimestampOffset..], maxTimestamp);
        RecordBatchHeader.UpdateCrc(batch);
        return true;
    }

    /// <summary>LogAppendTime topics: the batch takes the broker's clock as its timestamp.</summary>
    public static bool SetLogAppendTime(Span<byte> batch, long appendTimeMs) =>
        SetMaxTimestamp(batch, TimestampType.LogAppendTime, appendTimeMs);

    /// <summary>
    /// The whole leader-side edit in one call: offsets and epoch, then the timestamp fix-up for the
    /// topic's message.timestamp.type (LogAppendTime: <paramref name="nowMs"/>; CreateTime: the
    /// max timestamp validation computed from the records, in case the producer's header disagrees).
    /// </summary>
    public static void PrepareForAppend(
        Span<byte> batch,
        long baseOffset,
        int partitionLeaderEpoch,
        TimestampType topicTimestampType,
        long nowMs,
        in RecordBatchValidationResult validation)
    {
        AssignOffsets(batch, baseOffset, partitionLeaderEpoch);
        if (topicTimestampType == TimestampType.LogAppendTime)
        {
            SetLogAppendTime(batch, nowMs);
        }
        else
        {
            SetMaxTimestamp(batch, TimestampType.CreateTime, validation.MaxTimestamp);
        }
    }
}
