using System.Runtime.CompilerServices;

namespace Pipeline.Protocol.Records;

/// <summary>
/// Zig-zag varints of the record format (reference section 5.3), on spans, without throwing:
/// a read returns false on a truncated or over-long encoding (int: at most 5 bytes, long: 10),
/// as Kafka's ByteUtils rejects them.
/// </summary>
internal static class RecordVarint
{
    public const int MaxVarintSize = 5;
    public const int MaxVarlongSize = 10;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryReadVarint(ReadOnlySpan<byte> source, scoped ref int position, out int value)
    {
        var p = position;
        if ((uint)p < (uint)source.Length && source[p] < 0x80)
        {
            var b = source[p];
            value = (b >> 1) ^ -(b & 1);
            position = p + 1;
            return true;
        }

        return TryReadVarintSlow(source, ref position, out value);
    }

    private static bool TryReadVarintSlow(ReadOnlySpan<byte> source, scoped ref int position, out int value)
    {
        uint raw = 0;
        var p = position;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if ((uint)p >= (uint)source.Length)
            {
                value = 0;
                return false;
            }

            var b = source[p++];
            raw |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                value = (int)(raw >> 1) ^ -(int)(raw & 1);
                position = p;
                return true;
            }
        }

        value = 0;
        return false;
    }

    public static bool TryReadVarlong(ReadOnlySpan<byte> source, scoped ref int position, out long value)
    {
        ulong raw = 0;
        var p = position;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if ((uint)p >= (uint)source.Length)
            {
                value = 0;
                return false;
            }

            var b = source[p++];
            raw |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                value = (long)(raw >> 1) ^ -(long)(raw & 1);
                position = p;
                return true;
            }
        }

        value = 0;
        return false;
    }

    public static int SizeOfVarint(int value) => SizeOfUnsigned((uint)((value << 1) ^ (value >> 31)));

    public static int SizeOfVarlong(long value)
    {
        var v = (ulong)((value << 1) ^ (value >> 63));
        var size = 1;
        while (v >= 0x80)
        {
            v >>= 7;
            size++;
        }

        return size;
    }

    public static int WriteVarint(Span<byte> destination, int value) => WriteUnsigned(destination, (uint)((value << 1) ^ (value >> 31)));

    public static int WriteVarlong(Span<byte> destination, long value)
    {
        var v = (ulong)((value << 1) ^ (value >> 63));
        var i = 0;
        while (v >= 0x80)
        {
            destination[i++] = (byte)(v | 0x80);
            v >>= 7;
        }

        destination[i++] = (byte)v;
        return i;
    }

    private static int SizeOfUnsigned(uint v)
    {
        var size = 1;
        while (v >= 0x80)
        {
            v >>= 7;
            size++;
        }

        return size;
    }

    private static int WriteUnsigned(Span<byte> destination, uint v)
    {
        var i = 0;
        while (v >= 0x80)
        {
            destination[i++] = (byte)(v | 0x80);
            v >>= 7;
        }

        destination[i++] = (byte)v;
        return i;
    }
}
