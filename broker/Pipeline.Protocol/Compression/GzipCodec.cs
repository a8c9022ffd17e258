using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using Pipeline.Protocol.Records;

namespace Pipeline.Protocol.Compression;

/// <summary>
/// gzip (RFC 1952), codec id 1, through System.IO.Compression (zlib). Kafka's level range is
/// 1-9 with -1 meaning zlib's default (6). Reading accepts concatenated gzip members, which
/// GZipStream decodes one after another. GZipStream allocates its zlib state per call; gzip is
/// the slowest codec anyway and rarely on a hot path.
/// </summary>
public static class GzipCodec
{
    public const int DefaultLevel = -1;

    // A complete member for empty input: header (no flags, OS unknown), an empty final fixed
    // Huffman block (03 00), CRC-32 0 and size 0.
    private static ReadOnlySpan<byte> EmptyMember =>
        [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xFF, 0x03, 0x00, 0, 0, 0, 0, 0, 0, 0, 0];

    public static int Compress(ReadOnlySpan<byte> source, IBufferWriter<byte> destination, int level = CompressionCodecs.DefaultLevel)
    {
        if (level == CompressionCodecs.DefaultLevel)
        {
            level = DefaultLevel;
        }

        if (level is < -1 or > 9)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "gzip level must be -1 (default) or 1-9");
        }

        if (source.IsEmpty)
        {
            // GZipStream writes nothing at all when nothing was written to it.
            EmptyMember.CopyTo(destination.GetSpan(EmptyMember.Length));
            destination.Advance(EmptyMember.Length);
            return EmptyMember.Length;
        }

        var sink = new BufferWriterStream(destination);
        using (var gzip = new GZipStream(sink, new ZLibCompressionOptions { CompressionLevel = level }, leaveOpen: true))
        {
            gzip.Write(source);
        }

        return checked((int)sink.BytesWritten);
    }

    public static int Decompress(ReadOnlySpan<byte> source, IBufferWriter<byte> destination, int maxOutputBytes = CompressionCodecs.DefaultMaxDecompressedBytes)
    {
        if (source.IsEmpty)
        {
            throw new CompressionException("gzip payload is empty");
        }

        // The trailer check needs the output back; a pooled destination lets us read it in place.
        if (destination is PooledBufferWriter pooled)
        {
            var start = pooled.WrittenCount;
            var written = Inflate(source, pooled, maxOutputBytes);
            VerifyLastMember(source, pooled.WrittenSpan[start..]);
            return written;
        }

        using var scratch = new PooledBufferWriter();
        var n = Inflate(source, scratch, maxOutputBytes);
        VerifyLastMember(source, scratch.WrittenSpan);
        scratch.WrittenSpan.CopyTo(destination.GetSpan(n));
        destination.Advance(n);
        return n;
    }

    private static unsafe int Inflate(ReadOnlySpan<byte> source, IBufferWriter<byte> destination, int maxOutputBytes)
    {
        var chunk = OutputLimit.ChunkFor(source.Length);
        long written = 0;
        try
        {
            fixed (byte* p = source)
            {
                using var input = new UnmanagedMemoryStream(p, source.Length);
                using var gzip = new GZipStream(input, CompressionMode.Decompress);
                while (true)
                {
                    var span = OutputLimit.NextSpan(destination, written, maxOutputBytes, chunk);
                    var n = gzip.Read(span);
                    if (n == 0)
                    {
                        break;
                    }

                    destination.Advance(n);
                    written += n;
                    OutputLimit.Check("gzip", written, maxOutputBytes);
                }
            }
        }
        catch (InvalidDataException e)
        {
            throw new CompressionException($"corrupt gzip payload: {e.Message}", e);
        }

        return (int)written;
    }

    /// <summary>
    /// GZipStream reports the end of its input as a clean end of data even when the last member
    /// was cut short, while Java's GZIPInputStream and librdkafka fail. zlib itself checks the
    /// CRC-32 and size trailer of every member it finishes, so only the last member can be
    /// incomplete; its trailer must then be the last 8 bytes of the input and describe the
    /// output's tail: ISIZE (little-endian, mod 2^32) bytes whose CRC-32 is the stored one.
    /// </summary>
    private static void VerifyLastMember(ReadOnlySpan<byte> source, ReadOnlySpan<byte> output)
    {
        const int MinimumMember = 18;
        if (source.Length < MinimumMember)
        {
            throw new CompressionException($"gzip payload of {source.Length} byte(s) is truncated");
        }

        var crc = BinaryPrimitives.ReadUInt32LittleEndian(source[^8..]);
        var size = BinaryPrimitives.ReadUInt32LittleEndian(source[^4..]);
        if (size > (uint)output.Length || Crc32.Compute(output[^(int)size..]) != crc)
        {
            throw new CompressionException("gzip payload is truncated: the last member has no valid trailer");
        }
    }
}
