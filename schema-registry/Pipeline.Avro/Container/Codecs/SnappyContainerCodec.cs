using System.Buffers.Binary;

namespace Pipeline.Avro.Container.Codecs;

/// <summary>
/// Snappy in Avro files: a raw Snappy block (not the framing format) followed by the CRC-32
/// (IEEE) of the uncompressed data, 4 bytes big-endian.
/// </summary>
public sealed class SnappyContainerCodec : ContainerCodec
{
    public override string Name => "snappy";

    public override byte[] Compress(ReadOnlySpan<byte> data)
    {
        var block = IronSnappy.Snappy.Encode(data);
        var result = new byte[block.Length + 4];
        block.CopyTo(result, 0);
        BinaryPrimitives.WriteUInt32BigEndian(result.AsSpan(block.Length), Crc32.Compute(data));
        return result;
    }

    public override byte[] Decompress(ReadOnlySpan<byte> data)
    {
        if (data.Length < 4)
        {
            throw new AvroException("corrupt snappy block: shorter than its CRC");
        }

        byte[] decoded;
        try
        {
            decoded = IronSnappy.Snappy.Decode(data[..^4]);
        }
        catch (Exception e) when (e is not AvroException)
        {
            throw new AvroException($"corrupt snappy block: {e.Message}", e);
        }

        var expected = BinaryPrimitives.ReadUInt32BigEndian(data[^4..]);
        var actual = Crc32.Compute(decoded);
        if (expected != actual)
        {
            throw new AvroException($"snappy block CRC mismatch: stored {expected:x8}, computed {actual:x8}");
        }

        return decoded;
    }
}
