using Pipeline.Protocol;

namespace Pipeline.Broker.Coordinators.Runtime;

/// <summary>
/// An error an operation answers with (Kafka's ApiException): thrown by the state machine before
/// it changes anything (unknown member, stale generation, ...) and by the runtime when the shard
/// is not here, still loading, or its records could not be written.
/// </summary>
public sealed class CoordinatorException : Exception
{
    public CoordinatorException(ErrorCode error, string? message = null)
        : base(message ?? ErrorCodes.Name(error))
    {
        Error = error;
    }

    public CoordinatorException(ErrorCode error, string message, Exception inner)
        : base(message, inner)
    {
        Error = error;
    }

    public ErrorCode Error { get; }

    /// <summary>The error code a client gets for <paramref name="e"/> (Kafka's handleOperationException).</summary>
    public static ErrorCode ToClientError(Exception e) => e switch
    {
        CoordinatorException c => c.Error switch
        {
            ErrorCode.UnknownTopicOrPartition or ErrorCode.NotEnoughReplicas or ErrorCode.RequestTimedOut => ErrorCode.CoordinatorNotAvailable,
            ErrorCode.NotLeaderOrFollower or ErrorCode.KafkaStorageError => ErrorCode.NotCoordinator,
            ErrorCode.MessageTooLarge or ErrorCode.RecordListTooLarge or ErrorCode.InvalidFetchSize => ErrorCode.UnknownServerError,
            var code => code,
        },
        OperationCanceledException => ErrorCode.NotCoordinator,
        _ => ErrorCode.UnknownServerError,
    };
}
