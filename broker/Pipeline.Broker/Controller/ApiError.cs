using Pipeline.Protocol;

namespace Pipeline.Broker.Controller;

/// <summary>An error code with the message Kafka would put beside it.</summary>
public readonly record struct ApiError(ErrorCode Code, string? Message = null)
{
    public static readonly ApiError None = new(ErrorCode.None);

    public bool IsError => Code != ErrorCode.None;

    public short Wire => (short)Code;

    /// <summary>
    /// For a rejected produce batch: the index of the first offending record within it, or -1 when
    /// the batch as a whole is bad. Produce v8+ reports it in record_errors, as Kafka does for
    /// INVALID_RECORD and INVALID_TIMESTAMP.
    /// </summary>
    public int RecordErrorIndex { get; init; } = -1;
}
