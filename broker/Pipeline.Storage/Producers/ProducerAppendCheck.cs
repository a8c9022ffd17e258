using Pipeline.Protocol;

namespace Pipeline.Storage.Producers;

/// <summary>
/// Outcome of checking a batch against producer state before it is appended. Valid: append it.
/// Duplicate: a retry of a batch already stored at <see cref="Original"/>'s offsets; nothing is
/// appended and the producer is answered with those offsets (Kafka answers NONE). Otherwise
/// <see cref="Error"/> says why it is refused (OUT_OF_ORDER_SEQUENCE_NUMBER,
/// INVALID_PRODUCER_EPOCH, INVALID_TXN_STATE, TRANSACTION_COORDINATOR_FENCED) with Kafka's text.
/// The valid and duplicate outcomes allocate nothing.
/// </summary>
public readonly struct ProducerAppendCheck
{
    private ProducerAppendCheck(ErrorCode error, string? message, bool isDuplicate, BatchMetadata original)
    {
        Error = error;
        Message = message;
        IsDuplicate = isDuplicate;
        Original = original;
    }

    public static ProducerAppendCheck Valid => default;

    public ErrorCode Error { get; }

    public string? Message { get; }

    public bool IsDuplicate { get; }

    public BatchMetadata Original { get; }

    public bool IsValid => Error == ErrorCode.None && !IsDuplicate;

    public static ProducerAppendCheck Duplicate(BatchMetadata original) => new(ErrorCode.None, null, true, original);

    public static ProducerAppendCheck Failed(ErrorCode error, string message) => new(error, message, false, default);
}
