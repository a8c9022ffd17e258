using System.Buffers;
using System.Buffers.Binary;
using IronSnappy;

namespace Pipeline.Protocol.Compression;

/// <summary>
/// snappy, codec id 2. Raw blocks are encoded and decoded by IronSnappy; this class adds the two
/// framings Kafka clients use (protocol reference section 6):
/// <code>
/// raw     one snappy block: uvarint uncompressed length, then tagged elements (librdkafka)
/// xerial  82 53 4E 41 50 50 59 00 | int32 BE version (1) | int32 BE min compatible version (1)
///         then { int32 BE block length | raw snappy block of up to 32 KiB input }*
///         (Java client, kafka-python)
/// </code>
/// A reader tells them apart by the 8 magic bytes, as snappy-java and librdkafka do. A second
/// xerial header between blocks (concatenated streams) is skipped, as snappy-java does.
/// <para>
/// Allocation: IronSnappy 1.3.0 only offers <c>byte[] Encode(ReadOnlySpan)</c> and
/// <c>byte[] Decode(ReadOnlySpan)</c>, so every raw block costs one array of its output size
/// plus a copy. The decoded size is checked against the cap (from the block's length prefix)
/// before IronSnappy allocates it.
/// </para>
/// </summary>
public static class SnappyCodec
{
    public const int XerialHeaderSize = 16;

    /// <summary>Input bytes per xerial block; snappy-java and kafka-python both use 32 KiB.</summary>
    public const int XerialBlockSize = 32 * 1024;

    public static ReadOnlySpan<byte> XerialMagic => [0x82, (byte)'S', (byte)'N', (byte)'A', (byte)'P', (byte)'P', (byte)'Y', 0];

    public static bool IsXerial(ReadOnlySpan<byte> payload) =>
        payload.Length >= XerialHeaderSize && payload.StartsWith(XerialMagic);

    public static int Compress(ReadOnlySpan<byte> source, IBufferWriter<byte> destination, SnappyFraming framing = SnappyFraming.Raw)
    {
        if (framing == SnappyFraming.Raw)
        {
            return WriteBlock(source, destination, lengthPrefix: false);
        }

        var header = destination.GetSpan(XerialHeaderSize);
        XerialMagic.CopyTo(header);
        BinaryPrimitives.WriteInt32BigEndian(header[8..], 1);
        BinaryPrimitives.WriteInt32BigEndian(header[12..], 1);
        destination.Advance(XerialHeaderSize);
        var written = XerialHeaderSize;
        while (!source.IsEmpty)
        {
            var n = Math.Min(source.Length, XerialBlockSize);
            written += WriteBlock(source[..n], destination, lengthPrefix: true);
            source = source[n..];
        }

        return written;
    }

    public static int Decompress(ReadOnlySpan<byte> source, IBufferWriter<byte> destination, int maxOutputBytes = CompressionCodecs.DefaultMaxDecompressedBytes)
    {
        if (!IsXerial(source))
        {
            return DecodeBlock(source, destination, 0, maxOutputBytes);
        }

        long written = 0;
        var rest = source[XerialHeaderSize..];
        while (!rest.IsEmpty)
        {
            if (IsXerial(rest))
            {
                rest = rest[XerialHeaderSize..];
                continue;
            }

            if (rest.Length < 4)
            {
                throw new CompressionException($"xerial snappy stream ends inside a block length ({rest.Length} byte(s) left)");
            }

            var blockLength = BinaryPrimitives.ReadInt32BigEndian(rest);
            if (blockLength <= 0 || blockLength > rest.Length - 4)
            {
                throw new CompressionException($"xerial snappy block length {blockLength} is invalid with {rest.Length - 4} byte(s) left");
            }

            written += DecodeBlock(rest.Slice(4, blockLength), destination, written, maxOutputBytes);
            rest = rest[(4 + blockLength)..];
        }

        return (int)written;
    }

    /// <summary>The uncompressed length a raw block declares (its uvarint prefix), or -1 if the prefix is malformed.</summary>
    public static long DecodedLength(ReadOnlySpan<byte> rawBlock)
    {
        ulong value = 0;
        for (var i = 0; i < 5 && i < rawBlock.Length; i++)
        {
            var b = rawBlock[i];
            value |= (ulong)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                return value <= uint.MaxValue ? (long)value : -1;
            }
        }

        return -1;
    }

    private static int WriteBlock(ReadOnlySpan<byte> input, IBufferWriter<byte> destination, bool lengthPrefix)
    {
        var block = Snappy.Encode(input);
        var prefix = lengthPrefix ? 4 : 0;
        var span = destination.GetSpan(prefix + block.Length);
        if (lengthPrefix)
        {
            BinaryPrimitives.WriteInt32BigEndian(span, block.Length);
        }

        block.CopyTo(span[prefix..]);
        destination.Advance(prefix + block.Length);
        return prefix + block.Length;
    }

    private static int DecodeBlock(ReadOnlySpan<byte> block, IBufferWriter<byte> destination, long written, long limit)
    {
        var declared = DecodedLength(block);
        if (declared < 0)
        {
            throw new CompressionException("snappy block has a malformed length prefix");
        }

        OutputLimit.Check("snappy", written + declared, limit);

        // IronSnappy allocates the declared size before decoding. No element expands more than
        // 64 bytes out of 3 (a 2-byte-offset copy), so a larger claim is corrupt, whatever the cap.
        if (declared > ((long)block.Length * 64 / 3) + 64)
        {
            throw new CompressionException($"snappy block of {block.Length} byte(s) cannot hold the {declared} byte(s) it declares");
        }

        byte[] decoded;
        try
        {
            decoded = Snappy.Decode(block);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new CompressionException($"corrupt snappy block: {e.Message}", e);
        }

        if (decoded.Length != declared)
        {
            throw new CompressionException($"snappy block declared {declared} byte(s) but decoded to {decoded.Length}");
        }

        decoded.CopyTo(destination.GetSpan(decoded.Length));
        destination.Advance(decoded.Length);
        return decoded.Length;
    }
}
