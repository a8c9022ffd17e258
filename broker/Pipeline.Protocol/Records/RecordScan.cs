namespace Pipeline.Protocol.Records;

/// <summary>
/// The per-record half of produce validation: one pass over a (decompressed) records section.
/// Like LogValidator it keeps going after a key or timestamp error so that the error code is
/// INVALID_TIMESTAMP whenever any record has a bad timestamp, and reports the first offending
/// record; a record that does not parse stops the pass.
/// </summary>
internal readonly struct RecordScan
{
    public ErrorCode Error { get; init; }

    public string? Message { get; init; }

    public int ErrorIndex { get; init; }

    public long FirstTimestamp { get; init; }

    public long MaxTimestamp { get; init; }

    public int OffsetDeltaOfMaxTimestamp { get; init; }

    public static RecordScan Run(ReadOnlySpan<byte> section, RecordBatchHeader header, RecordValidationOptions options, long nowMs)
    {
        var count = header.RecordsCount;
        var batchIsLogAppendTime = header.IsLogAppendTime;
        var baseTimestamp = header.BaseTimestamp;
        var createTime = options.TimestampType == TimestampType.CreateTime;
        long firstTimestamp = -1, maxTimestamp = -1;
        var maxDelta = -1;
        var firstKeyError = -1;
        var firstTimestampError = -1;
        string? timestampMessage = null;
        var position = 0;
        for (var i = 0; i < count; i++)
        {
            if (position >= section.Length)
            {
                return Fail(ErrorCode.InvalidRecord, $"Incorrect declared batch size, premature EOF reached: {count} record(s) declared, {i} found", -1);
            }

            var error = RecordView.TryParse(section, ref position, out var record);
            if (error != RecordParseError.None)
            {
                return Fail(ErrorCode.InvalidRecord, $"Found invalid record structure in record {i}: {RecordParseErrors.Describe(error)}", i);
            }

            if (record.OffsetDelta != i)
            {
                return Fail(ErrorCode.InvalidRecord, $"record {i} has offset delta {record.OffsetDelta}; deltas must run 0..{count - 1}", i);
            }

            var timestamp = batchIsLogAppendTime ? header.MaxTimestamp : baseTimestamp + record.TimestampDelta;
            if (i == 0)
            {
                firstTimestamp = timestamp;
            }

            if (timestamp > maxTimestamp)
            {
                maxTimestamp = timestamp;
                maxDelta = i;
            }

            if (options.Compacted && record.KeyIsNull)
            {
                if (firstKeyError < 0)
                {
                    firstKeyError = i;
                }

                continue;
            }

            string? timestampProblem = null;
            if (createTime && timestamp != -1)
            {
                var diff = nowMs - timestamp;
                if (diff > options.TimestampBeforeMaxMs || -diff > options.TimestampAfterMaxMs)
                {
                    timestampProblem = $"Timestamp {timestamp} of message with offset {record.OffsetDelta} is out of range. The timestamp should be within [{nowMs - options.TimestampBeforeMaxMs}, {nowMs + options.TimestampAfterMaxMs}]";
                }
            }
            else if (batchIsLogAppendTime)
            {
                timestampProblem = "Invalid timestamp type in message. Producer should not set timestamp type to LogAppendTime.";
            }

            if (timestampProblem is not null && firstTimestampError < 0)
            {
                firstTimestampError = i;
                timestampMessage = timestampProblem;
            }
        }

        if (position != section.Length)
        {
            return Fail(ErrorCode.InvalidRecord, $"Incorrect declared batch size, records still remaining in file: {section.Length - position} byte(s) after {count} record(s)", -1);
        }

        if (firstTimestampError >= 0)
        {
            return Fail(ErrorCode.InvalidTimestamp, timestampMessage!, firstTimestampError);
        }

        if (firstKeyError >= 0)
        {
            return Fail(ErrorCode.InvalidRecord, "Compacted topic cannot accept message without key", firstKeyError);
        }

        return new RecordScan
        {
            Error = ErrorCode.None,
            ErrorIndex = -1,
            FirstTimestamp = firstTimestamp,
            MaxTimestamp = maxTimestamp,
            OffsetDeltaOfMaxTimestamp = maxDelta,
        };
    }

    private static RecordScan Fail(ErrorCode error, string message, int index) =>
        new() { Error = error, Message = message, ErrorIndex = index };
}
