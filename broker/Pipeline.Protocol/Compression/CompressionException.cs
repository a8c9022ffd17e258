namespace Pipeline.Protocol.Compression;

/// <summary>Compressed bytes that the codec cannot decode: corrupt, truncated or of an unknown framing.</summary>
public class CompressionException : Exception
{
    public CompressionException(string message)
        : base(message)
    {
    }

    public CompressionException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
