namespace Pipeline.Protocol.Primitives;

/// <summary>
/// Thrown when bytes on the wire do not form a valid message: a length runs past the frame, a
/// varint is too long, a string is not UTF-8. The network layer answers it by closing the
/// connection (Kafka does the same for an unparseable request).
/// </summary>
public sealed class ProtocolException : Exception
{
    public ProtocolException(string message)
        : base(message)
    {
    }

    public ProtocolException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
