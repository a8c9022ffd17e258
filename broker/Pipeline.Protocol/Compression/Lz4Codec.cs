using System.Buffers;

namespace Pipeline.Protocol.Compression;

/// <summary>
/// lz4, codec id 3: the LZ4 frame format (magic 04 22 4D 18) through the machine's liblz4.
/// Writing matches Kafka's Java writer: independent blocks, 64 KiB maximum block size, no block
/// or content checksum and no content size, so the frame descriptor is FLG 0x60, BD 0x40. Reading
/// accepts any valid frame (liblz4 handles linked blocks, checksums, content sizes and
/// concatenated frames).
/// <para>
/// Legacy quirk (reference section 6): message format v0 writers computed the header checksum
/// byte over the magic number too, so liblz4 rejects it. With <c>legacyHeaderChecksum</c> the
/// first frame's header checksum is recomputed correctly before decoding, which amounts to what
/// the Java broker does (skip the check) for magic 0.
/// </para>
/// </summary>
public static class Lz4Codec
{
    /// <summary>Kafka's default for compression.lz4.level (1-17; 3 and up use LZ4 HC).</summary>
    public const int DefaultLevel = 9;

    private const uint FrameMagic = 0x184D2204;
    private const int MaxFrameHeader = 19;

    public static unsafe int Compress(ReadOnlySpan<byte> source, IBufferWriter<byte> destination, int level = CompressionCodecs.DefaultLevel)
    {
        NativeCodecLibraries.RequireLz4();
        var preferences = new Lz4Native.Preferences
        {
            BlockSizeId = Lz4Native.BlockSizeMax64Kb,
            BlockMode = Lz4Native.BlockIndependent,
            CompressionLevel = level == CompressionCodecs.DefaultLevel ? DefaultLevel : level,
        };

        var bound = Lz4Native.CompressFrameBound((nuint)source.Length, &preferences);
        var span = destination.GetSpan(checked((int)bound));
        nuint written;
        fixed (byte* dst = span)
        fixed (byte* src = source)
        {
            written = Lz4Native.CompressFrame(dst, (nuint)span.Length, src, (nuint)source.Length, &preferences);
        }

        if (Lz4Native.IsError(written) != 0)
        {
            throw new CompressionException($"LZ4F_compressFrame failed: {Lz4Native.ErrorName(written)}");
        }

        destination.Advance((int)written);
        return (int)written;
    }

    public static int Decompress(ReadOnlySpan<byte> source, IBufferWriter<byte> destination, int maxOutputBytes = CompressionCodecs.DefaultMaxDecompressedBytes, bool legacyHeaderChecksum = false)
    {
        NativeCodecLibraries.RequireLz4();
        var context = NativeCodecContext.Lz4Decompression();
        var ctx = context.DangerousGetHandle();

        // A previous call may have stopped mid-frame on an error; start clean.
        Lz4Native.ResetDecompressionContext(ctx);
        var chunk = OutputLimit.ChunkFor(source.Length);
        long written = 0;
        Span<byte> headerBuffer = stackalloc byte[MaxFrameHeader];
        if (legacyHeaderChecksum && TryRepairHeader(source, headerBuffer, out var header))
        {
            Feed(ctx, header, destination, ref written, maxOutputBytes, chunk);
            source = source[header.Length..];
        }

        var hint = Feed(ctx, source, destination, ref written, maxOutputBytes, chunk);
        if (hint != 0)
        {
            Lz4Native.ResetDecompressionContext(ctx);
            throw new CompressionException($"lz4 frame is truncated ({hint} more byte(s) expected)");
        }

        GC.KeepAlive(context);
        return (int)written;
    }

    // Pushes all of `input` through the decoder; returns the decoder's last hint (0 = frame complete).
    private static unsafe nuint Feed(IntPtr ctx, ReadOnlySpan<byte> input, IBufferWriter<byte> destination, ref long written, long limit, int chunk)
    {
        fixed (byte* src = input)
        {
            var position = 0;
            while (true)
            {
                var output = OutputLimit.NextSpan(destination, written, limit, chunk);
                var outSize = (nuint)output.Length;
                var inSize = (nuint)(input.Length - position);
                nuint hint;
                fixed (byte* dst = output)
                {
                    hint = Lz4Native.Decompress(ctx, dst, &outSize, src + position, &inSize, null);
                }

                if (Lz4Native.IsError(hint) != 0)
                {
                    var message = Lz4Native.ErrorName(hint);
                    Lz4Native.ResetDecompressionContext(ctx);
                    throw new CompressionException($"corrupt lz4 frame: {message}");
                }

                position += (int)inSize;
                destination.Advance((int)outSize);
                written += (long)outSize;
                OutputLimit.Check("lz4", written, limit);

                // Done with this input once it is consumed and either the frame is complete or
                // the decoder had output room to spare (so nothing is left buffered inside it).
                if (position == input.Length && (hint == 0 || (int)outSize < output.Length))
                {
                    return hint;
                }

                if (inSize == 0 && outSize == 0)
                {
                    throw new CompressionException("lz4 decoder made no progress");
                }
            }
        }
    }

    /// <summary>Copies the frame header with a header checksum computed as the LZ4 frame spec says.</summary>
    private static bool TryRepairHeader(ReadOnlySpan<byte> source, Span<byte> buffer, out ReadOnlySpan<byte> header)
    {
        header = default;
        if (source.Length < 7 || System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(source) != FrameMagic)
        {
            return false;
        }

        var flg = source[4];
        var length = 4 + 2 + ((flg & 0x08) != 0 ? 8 : 0) + ((flg & 0x01) != 0 ? 4 : 0) + 1;
        if (source.Length < length)
        {
            return false;
        }

        source[..length].CopyTo(buffer);
        buffer[length - 1] = (byte)((XxHash32.Hash(buffer[4..(length - 1)]) >> 8) & 0xFF);
        header = buffer[..length];
        return true;
    }
}
