namespace Pipeline.Connect.Api.Errors;

/// <summary>
/// The base of every error the Connect framework and its plugins raise. A task that throws one
/// (other than a <see cref="RetriableException"/>) is stopped and marked FAILED, with the
/// exception's text as its trace; the worker keeps running.
/// </summary>
public class ConnectException : Exception
{
    /// <summary>An error with a message.</summary>
    public ConnectException(string message)
        : base(message)
    {
    }

    /// <summary>An error with a message and the exception that caused it.</summary>
    public ConnectException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
