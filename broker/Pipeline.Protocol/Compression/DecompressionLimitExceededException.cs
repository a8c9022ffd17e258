namespace Pipeline.Protocol.Compression;

/// <summary>
/// Decompressed output would exceed the caller's cap: a decompression bomb, or simply a batch too
/// large to inflate in memory. Decoding stops as soon as the cap is passed.
/// </summary>
public sealed class DecompressionLimitExceededException : CompressionException
{
    public DecompressionLimitExceededException(string codec, long limit)
        : base($"{codec} payload decompresses to more than the limit of {limit} byte(s)")
    {
        Limit = limit;
    }

    public long Limit { get; }
}
