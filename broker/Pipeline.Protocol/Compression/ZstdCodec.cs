using System.Buffers;

namespace Pipeline.Protocol.Compression;

/// <summary>
/// zstd, codec id 4 (Produce v7+ only), through the machine's libzstd. Writing makes one frame
/// with the content size in its header; reading streams, so it handles frames without a content
/// size (zstd-jni and librdkafka's streaming writers), several concatenated frames and skippable
/// frames. Contexts are cached per thread (<see cref="NativeCodecContext"/>).
/// </summary>
public static class ZstdCodec
{
    /// <summary>Kafka's default for compression.zstd.level.</summary>
    public const int DefaultLevel = 3;

    public static unsafe int Compress(ReadOnlySpan<byte> source, IBufferWriter<byte> destination, int level = CompressionCodecs.DefaultLevel)
    {
        NativeCodecLibraries.RequireZstd();
        var context = NativeCodecContext.ZstdCompression();
        var bound = ZstdNative.CompressBound((nuint)source.Length);
        var span = destination.GetSpan(checked((int)bound));
        nuint written;
        fixed (byte* dst = span)
        fixed (byte* src = source)
        {
            written = ZstdNative.CompressWithContext(
                context.DangerousGetHandle(), dst, (nuint)span.Length, src, (nuint)source.Length,
                level == CompressionCodecs.DefaultLevel ? DefaultLevel : level);
        }

        GC.KeepAlive(context);
        if (ZstdNative.IsError(written) != 0)
        {
            throw new CompressionException($"ZSTD_compressCCtx failed: {ZstdNative.ErrorName(written)}");
        }

        destination.Advance((int)written);
        return (int)written;
    }

    public static unsafe int Decompress(ReadOnlySpan<byte> source, IBufferWriter<byte> destination, int maxOutputBytes = CompressionCodecs.DefaultMaxDecompressedBytes)
    {
        NativeCodecLibraries.RequireZstd();
        var context = NativeCodecContext.ZstdDecompression();
        var ctx = context.DangerousGetHandle();
        ZstdNative.ResetDecompressionContext(ctx, ZstdNative.ResetSessionOnly);
        var chunk = OutputLimit.ChunkFor(source.Length);
        long written = 0;
        fixed (byte* src = source)
        {
            // The first frame's declared size, when present and within the cap, sizes the first
            // step; it is only a claim, so it may not make us rent more than 16 MiB up front.
            var declared = ZstdNative.GetFrameContentSize(src, (nuint)source.Length);
            if (declared < (ulong)maxOutputBytes)
            {
                chunk = Math.Max(chunk, (int)Math.Min(declared + 1, 16 << 20));
            }

            var input = new ZstdNative.InBuffer { Source = src, Size = (nuint)source.Length };
            while (true)
            {
                var span = OutputLimit.NextSpan(destination, written, maxOutputBytes, chunk);
                nuint hint;
                ZstdNative.OutBuffer output;
                fixed (byte* dst = span)
                {
                    output = new ZstdNative.OutBuffer { Destination = dst, Size = (nuint)span.Length };
                    hint = ZstdNative.DecompressStream(ctx, &output, &input);
                }

                if (ZstdNative.IsError(hint) != 0)
                {
                    var message = ZstdNative.ErrorName(hint);
                    ZstdNative.ResetDecompressionContext(ctx, ZstdNative.ResetSessionOnly);
                    throw new CompressionException($"corrupt zstd payload: {message}");
                }

                destination.Advance((int)output.Position);
                written += (long)output.Position;
                OutputLimit.Check("zstd", written, maxOutputBytes);
                if (input.Position == input.Size)
                {
                    if (hint == 0)
                    {
                        break;
                    }

                    if (output.Position < output.Size)
                    {
                        ZstdNative.ResetDecompressionContext(ctx, ZstdNative.ResetSessionOnly);
                        throw new CompressionException($"zstd payload is truncated ({hint} more byte(s) expected)");
                    }
                }
            }
        }

        GC.KeepAlive(context);
        return (int)written;
    }
}
