namespace Pipeline.Connect.Runtime.Herder;

/// <summary>
/// A request the herder refuses, with the HTTP status the REST layer answers and the message of
/// Kafka Connect's error body (<c>{"error_code": status, "message": ...}</c>).
/// </summary>
public class ConnectRestException : Exception
{
    /// <summary>An error answered with <paramref name="status"/>.</summary>
    public ConnectRestException(int status, string message, Exception? inner = null)
        : base(message, inner)
    {
        Status = status;
    }

    /// <summary>The HTTP status (also the body's error_code).</summary>
    public int Status { get; }

    /// <summary>404: no such connector, task or plugin.</summary>
    public static ConnectRestException NotFound(string message) => new(404, message);

    /// <summary>409: the connector already exists, or a rebalance is in progress.</summary>
    public static ConnectRestException Conflict(string message) => new(409, message);

    /// <summary>400: the request is invalid (bad config, malformed body).</summary>
    public static ConnectRestException BadRequest(string message) => new(400, message);
}
