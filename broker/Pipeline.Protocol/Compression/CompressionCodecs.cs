using System.Buffers;
using Pipeline.Protocol.Records;

namespace Pipeline.Protocol.Compression;

/// <summary>
/// One entry point over the codecs of batch attributes bits 0-2. Compressing appends to the
/// destination; decompressing appends at most <c>maxOutputBytes</c> and throws
/// <see cref="DecompressionLimitExceededException"/> past that, <see cref="CompressionException"/>
/// on corrupt input, and <see cref="CodecNotAvailableException"/> when liblz4/libzstd are missing.
/// </summary>
public static class CompressionCodecs
{
    /// <summary>"Use the codec's Kafka default level" (gzip -1 = zlib 6, lz4 9, zstd 3).</summary>
    public const int DefaultLevel = int.MinValue;

    /// <summary>Default cap on decompressed bytes: far above any sane batch, far below memory exhaustion.</summary>
    public const int DefaultMaxDecompressedBytes = 256 << 20;

    public static int Compress(
        CompressionType type,
        ReadOnlySpan<byte> source,
        IBufferWriter<byte> destination,
        int level = DefaultLevel,
        SnappyFraming snappyFraming = SnappyFraming.Raw)
    {
        switch (type)
        {
            case CompressionType.None:
                source.CopyTo(destination.GetSpan(source.Length));
                destination.Advance(source.Length);
                return source.Length;
            case CompressionType.Gzip:
                return GzipCodec.Compress(source, destination, level);
            case CompressionType.Snappy:
                return SnappyCodec.Compress(source, destination, snappyFraming);
            case CompressionType.Lz4:
                return Lz4Codec.Compress(source, destination, level);
            case CompressionType.Zstd:
                return ZstdCodec.Compress(source, destination, level);
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "unknown compression type");
        }
    }

    public static int Decompress(
        CompressionType type,
        ReadOnlySpan<byte> source,
        IBufferWriter<byte> destination,
        int maxOutputBytes = DefaultMaxDecompressedBytes)
    {
        switch (type)
        {
            case CompressionType.None:
                if (source.Length > maxOutputBytes)
                {
                    OutputLimit.Throw("uncompressed", maxOutputBytes);
                }

                source.CopyTo(destination.GetSpan(source.Length));
                destination.Advance(source.Length);
                return source.Length;
            case CompressionType.Gzip:
                return GzipCodec.Decompress(source, destination, maxOutputBytes);
            case CompressionType.Snappy:
                return SnappyCodec.Decompress(source, destination, maxOutputBytes);
            case CompressionType.Lz4:
                return Lz4Codec.Decompress(source, destination, maxOutputBytes);
            case CompressionType.Zstd:
                return ZstdCodec.Decompress(source, destination, maxOutputBytes);
            default:
                throw new CompressionException($"unknown compression type id {(int)type}");
        }
    }

    /// <summary>Kafka's name of a codec (the value of the compression.type config).</summary>
    public static string Name(CompressionType type) => type switch
    {
        CompressionType.None => "none",
        CompressionType.Gzip => "gzip",
        CompressionType.Snappy => "snappy",
        CompressionType.Lz4 => "lz4",
        CompressionType.Zstd => "zstd",
        _ => "unknown",
    };

    /// <summary>
    /// Parses a topic's compression.type: <c>producer</c> (keep the producer's codec; then
    /// <paramref name="type"/> is null), <c>uncompressed</c>, <c>gzip</c>, <c>snappy</c>, <c>lz4</c>, <c>zstd</c>.
    /// </summary>
    public static bool TryParseTopicConfig(string value, out CompressionType? type)
    {
        type = value switch
        {
            "uncompressed" => CompressionType.None,
            "gzip" => CompressionType.Gzip,
            "snappy" => CompressionType.Snappy,
            "lz4" => CompressionType.Lz4,
            "zstd" => CompressionType.Zstd,
            _ => null,
        };

        return type is not null || value == "producer";
    }

    /// <summary>Whether this machine can use a codec (lz4 and zstd need native libraries).</summary>
    public static bool IsAvailable(CompressionType type) => type switch
    {
        CompressionType.Lz4 => NativeCodecLibraries.IsLz4Available,
        CompressionType.Zstd => NativeCodecLibraries.IsZstdAvailable,
        _ => type <= CompressionType.Zstd,
    };
}
