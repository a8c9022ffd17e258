using System.Buffers.Binary;

namespace Pipeline.SchemaRegistry.Serdes;

/// <summary>
/// Confluent's framing of a serialized key or value:
/// <code>
/// byte 0     magic 0x00
/// bytes 1-4  schema id, int32 big-endian
/// bytes 5..  the Avro binary encoding of the datum
/// </code>
/// </summary>
public static class WireFormat
{
    public const byte MagicByte = 0;
    public const int HeaderSize = 5;

    public static void WriteHeader(Span<byte> destination, int schemaId)
    {
        destination[0] = MagicByte;
        BinaryPrimitives.WriteInt32BigEndian(destination[1..], schemaId);
    }

    /// <summary>The schema id of a framed payload; throws <see cref="InvalidDataException"/> when it is not one.</summary>
    public static int ReadSchemaId(ReadOnlySpan<byte> data)
    {
        if (data.Length < HeaderSize)
        {
            throw new InvalidDataException($"Unknown magic byte or too short: {data.Length} bytes is less than the 5-byte Confluent header");
        }

        if (data[0] != MagicByte)
        {
            throw new InvalidDataException($"Unknown magic byte {data[0]}: not Confluent's wire format (magic 0, 4-byte schema id, payload)");
        }

        return BinaryPrimitives.ReadInt32BigEndian(data[1..]);
    }
}
