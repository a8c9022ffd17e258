namespace Pipeline.Protocol.Records;

/// <summary>
/// What <see cref="RecordBatchValidator.Validate"/> found. On failure only <see cref="Error"/>,
/// <see cref="ErrorMessage"/> and <see cref="RecordErrorIndex"/> mean anything (the latter feeds
/// ProduceResponse's record_errors). On success the rest describes the batch to append, which is
/// the request's bytes, or <see cref="RecordBatchValidator.ConvertedBatch"/> when
/// <see cref="IsConverted"/>. Success allocates nothing (the message is null).
/// </summary>
public readonly struct RecordBatchValidationResult
{
    public ErrorCode Error { get; init; }

    public string? ErrorMessage { get; init; }

    /// <summary>Index of the first offending record within the batch, or -1 when the batch as a whole is bad.</summary>
    public int RecordErrorIndex { get; init; }

    public bool IsValid => Error == ErrorCode.None;

    /// <summary>Magic of the bytes received (0 or 1 for legacy message sets, otherwise 2).</summary>
    public sbyte Magic { get; init; }

    /// <summary>The input was a legacy message set; the v2 batch to append is the validator's ConvertedBatch.</summary>
    public bool IsConverted { get; init; }

    /// <summary>Size of the v2 batch to append, the 12-byte log overhead included (compare with max.message.bytes).</summary>
    public int BatchSize { get; init; }

    public int RecordCount { get; init; }

    public int LastOffsetDelta { get; init; }

    public long FirstTimestamp { get; init; }

    /// <summary>Largest record timestamp (-1 if none); for a LogAppendTime topic, the append time (now).</summary>
    public long MaxTimestamp { get; init; }

    /// <summary>Offset delta of the record holding <see cref="MaxTimestamp"/> (the last one for LogAppendTime).</summary>
    public int OffsetDeltaOfMaxTimestamp { get; init; }

    public CompressionType Compression { get; init; }

    public long ProducerId { get; init; }

    public short ProducerEpoch { get; init; }

    public int BaseSequence { get; init; }

    public bool IsTransactional { get; init; }

    public bool IsControl { get; init; }

    public static RecordBatchValidationResult Failed(ErrorCode error, string message, int recordIndex = -1) =>
        new() { Error = error, ErrorMessage = message, RecordErrorIndex = recordIndex, ProducerId = -1, ProducerEpoch = -1, BaseSequence = -1 };
}
