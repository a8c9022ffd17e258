namespace Pipeline.Protocol.Compression;

/// <summary>
/// A codec's native library (liblz4, libzstd) could not be loaded on this machine. The message
/// names the library and the Debian package that provides it. This is a broker setup problem,
/// not bad input, so it is deliberately not a <see cref="CompressionException"/>.
/// </summary>
public sealed class CodecNotAvailableException : Exception
{
    public CodecNotAvailableException(string message)
        : base(message)
    {
    }
}
