namespace Pipeline.Connect.Api.Errors;

/// <summary>
/// Data that does not fit its schema, or cannot be converted: a value of the wrong type, a
/// missing required field, bytes a converter cannot read. With <c>errors.tolerance=all</c> the
/// runtime skips (and reports) records whose conversion or transformation throws this.
/// </summary>
public class DataException : ConnectException
{
    /// <summary>An error with a message.</summary>
    public DataException(string message)
        : base(message)
    {
    }

    /// <summary>An error with a message and the exception that caused it.</summary>
    public DataException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
