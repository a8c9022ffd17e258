using System.IO.Compression;

namespace Pipeline.Avro.Container.Codecs;

/// <summary>Raw DEFLATE (RFC 1951): no zlib header or Adler-32, as Java's Deflater(nowrap=true).</summary>
public sealed class DeflateContainerCodec(CompressionLevel level = CompressionLevel.Optimal) : ContainerCodec
{
    public override string Name => "deflate";

    public override byte[] Compress(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, level, leaveOpen: true))
        {
            deflate.Write(data);
        }

        return output.ToArray();
    }

    public override byte[] Decompress(ReadOnlySpan<byte> data)
    {
        try
        {
            using var input = new MemoryStream(data.ToArray());
            using var deflate = new DeflateStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            deflate.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new AvroException($"corrupt deflate block: {e.Message}", e);
        }
    }
}
