namespace Pipeline.Protocol.Records;

/// <summary>
/// Thrown while reading batches or records whose bytes do not parse (a record length runs past
/// the batch, a varint is too long, a batch's codec is unknown). Validation of produced data does
/// not throw; it returns <see cref="RecordBatchValidationResult"/> instead. <see cref="Error"/> is
/// the Kafka error that describes the problem best.
/// </summary>
public sealed class CorruptRecordException : Exception
{
    public CorruptRecordException(ErrorCode error, string message)
        : base(message)
    {
        Error = error;
    }

    public CorruptRecordException(ErrorCode error, string message, Exception inner)
        : base(message, inner)
    {
        Error = error;
    }

    public ErrorCode Error { get; }
}
