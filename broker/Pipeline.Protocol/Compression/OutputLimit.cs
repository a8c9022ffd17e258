using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace Pipeline.Protocol.Compression;

/// <summary>
/// Decoders write through these helpers so that a cap on the decompressed size holds no matter
/// what the compressed stream claims: each step gets at most one byte more room than the budget
/// left, and crossing the budget throws before anything else is decoded.
/// </summary>
internal static class OutputLimit
{
    /// <summary>A first guess at how much output to ask for per step.</summary>
    public static int ChunkFor(int sourceLength) => (int)Math.Clamp(sourceLength * 4L, 64 * 1024, 16 * 1024 * 1024);

    public static Span<byte> NextSpan(IBufferWriter<byte> destination, long written, long limit, int chunk)
    {
        var want = (int)Math.Min(limit - written + 1, chunk);
        var span = destination.GetSpan(want);
        return span.Length > want ? span[..want] : span;
    }

    public static void Check(string codec, long written, long limit)
    {
        if (written > limit)
        {
            Throw(codec, limit);
        }
    }

    [DoesNotReturn]
    public static void Throw(string codec, long limit) => throw new DecompressionLimitExceededException(codec, limit);
}
