using System.Buffers;
using System.Buffers.Binary;
using Pipeline.Avro.Canonical;
using Pipeline.Avro.Codecs;
using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Container;

/// <summary>
/// Single-object encoding (spec): <c>C3 01</c>, the CRC-64-AVRO fingerprint of the writer
/// schema's canonical form (8 bytes little-endian), then the binary datum. (Not Confluent's
/// wire format, which is 00 + a 4-byte big-endian schema id.)
/// </summary>
public static class SingleObjectEncoding
{
    public const int HeaderSize = 10;

    public static byte[] Encode(Schema schema, object? datum)
    {
        var output = new ArrayBufferWriter<byte>();
        Encode(new DatumWriter(schema), SchemaFingerprint.Crc64Avro(schema), datum, output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Encodes with a prepared writer and its schema's fingerprint (for hot loops).</summary>
    public static void Encode(DatumWriter writer, ulong fingerprint, object? datum, IBufferWriter<byte> output)
    {
        var header = output.GetSpan(HeaderSize);
        header[0] = 0xC3;
        header[1] = 0x01;
        BinaryPrimitives.WriteUInt64LittleEndian(header[2..], fingerprint);
        output.Advance(HeaderSize);
        writer.Write(datum, output);
    }

    /// <summary>True when the message starts with the marker; gives the writer schema's fingerprint.</summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> message, out ulong fingerprint)
    {
        fingerprint = 0;
        if (message.Length < HeaderSize || message[0] != 0xC3 || message[1] != 0x01)
        {
            return false;
        }

        fingerprint = BinaryPrimitives.ReadUInt64LittleEndian(message[2..]);
        return true;
    }

    /// <param name="findWriterSchema">Looks a fingerprint up; null when unknown.</param>
    public static object? Decode(ReadOnlySpan<byte> message, Func<ulong, Schema?> findWriterSchema, Schema? readerSchema = null)
    {
        if (!TryReadHeader(message, out var fingerprint))
        {
            throw new AvroException("not a single-object encoded message (expected the marker C3 01 and a fingerprint)");
        }

        var writer = findWriterSchema(fingerprint) ?? throw new AvroException($"unknown writer schema fingerprint {fingerprint:x16}");
        return new DatumReader(writer, readerSchema).Read(message[HeaderSize..]);
    }
}
