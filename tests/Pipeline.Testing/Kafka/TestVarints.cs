namespace Pipeline.Testing.Kafka;

/// <summary>
/// The zig-zag varints and nullable byte strings of record batch v2 records, written
/// independently of Pipeline.Protocol so tests never check our codec with itself.
/// </summary>
public static class TestVarints
{
    public static void WriteVarLong(List<byte> to, long value)
    {
        var v = (ulong)((value << 1) ^ (value >> 63));
        while (v >= 0x80)
        {
            to.Add((byte)(v | 0x80));
            v >>= 7;
        }

        to.Add((byte)v);
    }

    public static void WriteNullableBytes(List<byte> to, byte[]? value)
    {
        if (value is null)
        {
            WriteVarLong(to, -1);
            return;
        }

        WriteVarLong(to, value.Length);
        to.AddRange(value);
    }

    public static long ReadVarLong(ReadOnlySpan<byte> b, ref int p)
    {
        ulong v = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var x = b[p++];
            v |= (ulong)(x & 0x7f) << shift;
            if (x < 0x80)
            {
                return (long)(v >> 1) ^ -(long)(v & 1);
            }
        }

        throw new InvalidDataException("varint longer than 10 bytes");
    }

    public static byte[]? ReadNullableBytes(ReadOnlySpan<byte> b, ref int p)
    {
        var length = (int)ReadVarLong(b, ref p);
        if (length < 0)
        {
            return null;
        }

        var value = b.Slice(p, length).ToArray();
        p += length;
        return value;
    }
}
