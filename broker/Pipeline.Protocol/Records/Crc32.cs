using System.Buffers.Binary;

namespace Pipeline.Protocol.Records;

/// <summary>
/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), the per-message checksum of the legacy
/// formats (magic 0 and 1). Slicing-by-8: eight 256-entry tables let each step fold 8 bytes with
/// 8 lookups. Only legacy produce and conversion use it, so there is no SIMD path.
/// Check value: CRC-32("123456789") = 0xCBF43926.
/// </summary>
public static class Crc32
{
    private const uint Polynomial = 0xEDB88320;
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues a CRC over more data; <c>Append(Append(0, a), b) == Compute(a + b)</c>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var t = Table;
        var c = ~crc;
        while (data.Length >= 8)
        {
            var lo = BinaryPrimitives.ReadUInt32LittleEndian(data) ^ c;
            var hi = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            c = t[(7 * 256) + (lo & 0xFF)] ^ t[(6 * 256) + ((lo >> 8) & 0xFF)] ^
                t[(5 * 256) + ((lo >> 16) & 0xFF)] ^ t[(4 * 256) + (lo >> 24)] ^
                t[(3 * 256) + (hi & 0xFF)] ^ t[(2 * 256) + ((hi >> 8) & 0xFF)] ^
                t[256 + ((hi >> 16) & 0xFF)] ^ t[hi >> 24];
            data = data[8..];
        }

        foreach (var b in data)
        {
            c = t[(c ^ b) & 0xFF] ^ (c >> 8);
        }

        return ~c;
    }

    // Table[k*256 + v]: the CRC register after feeding byte v followed by k zero bytes.
    private static uint[] BuildTable()
    {
        var table = new uint[8 * 256];
        for (uint v = 0; v < 256; v++)
        {
            var c = v;
            for (var bit = 0; bit < 8; bit++)
            {
                c = (c & 1) != 0 ? (c >> 1) ^ Polynomial : c >> 1;
            }

            table[v] = c;
        }

        for (var k = 1; k < 8; k++)
        {
            for (var v = 0; v < 256; v++)
            {
                var prev = table[((k - 1) * 256) + v];
                table[(k * 256) + v] = (prev >> 8) ^ table[prev & 0xFF];
            }
        }

        return table;
    }
}
