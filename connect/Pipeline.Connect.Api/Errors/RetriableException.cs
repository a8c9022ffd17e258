namespace Pipeline.Connect.Api.Errors;

/// <summary>
/// A transient failure: the operation may succeed if tried again. A sink task that throws it from
/// <see cref="Sink.SinkTask.PutAsync"/> gets the same records again after the context's timeout;
/// conversions and transformations that throw it are retried for <c>errors.retry.timeout</c>.
/// </summary>
public class RetriableException : ConnectException
{
    /// <summary>An error with a message.</summary>
    public RetriableException(string message)
        : base(message)
    {
    }

    /// <summary>An error with a message and the exception that caused it.</summary>
    public RetriableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
