using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Canonical;

/// <summary>
/// Fingerprints of a schema's Parsing Canonical Form (UTF-8): CRC-64-AVRO (the 64-bit Rabin
/// fingerprint the spec recommends and single-object encoding uses), MD5 and SHA-256.
/// </summary>
public static class SchemaFingerprint
{
    /// <summary>CRC-64-AVRO of zero bytes; also the starting value (a leading 1 bit, so leading zero bytes count).</summary>
    public const ulong Empty64 = 0xC15D213AA4D7A795;

    private static readonly ulong[] Table = BuildTable();

    public static ulong Crc64Avro(Schema schema) => Crc64Avro(Encoding.UTF8.GetBytes(schema.ToCanonicalForm()));

    /// <summary>CRC-64-AVRO of arbitrary bytes.</summary>
    public static ulong Crc64Avro(ReadOnlySpan<byte> data)
    {
        var fp = Empty64;
        foreach (var b in data)
        {
            fp = (fp >> 8) ^ Table[(int)((fp ^ b) & 0xFF)];
        }

        return fp;
    }

    /// <summary>The 8 bytes of the CRC-64-AVRO fingerprint little-endian, as single-object encoding stores them.</summary>
    public static byte[] Crc64AvroBytes(Schema schema)
    {
        var result = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(result, Crc64Avro(schema));
        return result;
    }

    public static byte[] Md5(Schema schema) => MD5.HashData(Encoding.UTF8.GetBytes(schema.ToCanonicalForm()));

    public static byte[] Sha256(Schema schema) => SHA256.HashData(Encoding.UTF8.GetBytes(schema.ToCanonicalForm()));

    /// <summary>Java's <c>SchemaNormalization.parsingFingerprint(name, schema)</c> for "CRC-64-AVRO", "MD5" and "SHA-256" (CRC little-endian).</summary>
    public static byte[] Compute(string algorithm, Schema schema) => algorithm switch
    {
        "CRC-64-AVRO" => Crc64AvroBytes(schema),
        "MD5" => Md5(schema),
        "SHA-256" => Sha256(schema),
        _ => throw new ArgumentException($"unknown fingerprint algorithm \"{algorithm}\" (CRC-64-AVRO, MD5 or SHA-256)", nameof(algorithm)),
    };

    internal static ulong TableEntry(int index) => Table[index];

    private static ulong[] BuildTable()
    {
        var table = new ulong[256];
        for (var i = 0; i < 256; i++)
        {
            var fp = (ulong)i;
            for (var j = 0; j < 8; j++)
            {
                fp = (fp >> 1) ^ (Empty64 & (0UL - (fp & 1)));
            }

            table[i] = fp;
        }

        return table;
    }
}
