using Pipeline.Protocol;

namespace Pipeline.Client;

/// <summary>
/// A failure reported by a broker (its error code and, when it sent one, its message) or found by
/// the client (a timeout, a lost connection), expressed with Kafka's error codes so that callers
/// can branch on <see cref="Code"/> as they would on Kafka's exception classes.
/// </summary>
public class KafkaException : Exception
{
    public KafkaException(ErrorCode code, string? message = null, Exception? innerException = null)
        : base(Describe(code, message), innerException)
    {
        Code = code;
        BrokerMessage = message;
    }

    public KafkaException(KafkaError error, Exception? innerException = null)
        : this(error.Code, error.Message, innerException)
    {
    }

    public ErrorCode Code { get; }

    /// <summary>The broker's (or client's) own words, without the code prefix; null when there were none.</summary>
    public string? BrokerMessage { get; }

    public KafkaError Error => new(Code, BrokerMessage);

    /// <summary>True when Kafka classifies the code as retriable (a retry may succeed).</summary>
    public bool IsRetriable => ErrorCodes.IsRetriable(Code);

    private static string Describe(ErrorCode code, string? message) =>
        string.IsNullOrEmpty(message) ? ErrorCodes.Name(code) : $"{ErrorCodes.Name(code)}: {message}";
}
