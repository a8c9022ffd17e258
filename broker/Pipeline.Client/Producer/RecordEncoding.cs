using System.Runtime.CompilerServices;
using System.Text;

namespace Pipeline.Client.Producer;

/// <summary>
/// Sizes and writers for the fields of a v2 record (zig-zag varints, as protobuf). A record is:
/// <code>
/// length varint | attributes int8 (0) | timestampDelta varlong | offsetDelta varint
/// keyLength varint (-1 = null) | key | valueLength varint (-1 = null) | value
/// headerCount varint | per header: keyLength varint | key (UTF-8) | valueLength varint | value
/// </code>
/// </summary>
internal static class RecordEncoding
{
    public const int MaxVarintSize = 5;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SizeOfUnsigned(uint value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    public static int WriteVarint(Span<byte> destination, int value)
    {
        var v = (uint)((value << 1) ^ (value >> 31));
        var i = 0;
        while (v >= 0x80)
        {
            destination[i++] = (byte)(v | 0x80);
            v >>= 7;
        }

        destination[i++] = (byte)v;
        return i;
    }

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

    /// <summary>Encoded size of the headers section after the count (no allocation: UTF-8 sizes are computed, not encoded).</summary>
    public static int HeadersSize(Headers? headers)
    {
        if (headers is null)
        {
            return 0;
        }

        var size = 0;
        for (var i = 0; i < headers.Count; i++)
        {
            var h = headers[i];
            var keyLength = Encoding.UTF8.GetByteCount(h.Key);
            var valueLength = h.Value?.Length ?? -1;
            size += SizeOfVarint(keyLength) + keyLength + SizeOfVarint(valueLength) + Math.Max(valueLength, 0);
        }

        return size;
    }

    public static int WriteHeaders(Span<byte> destination, Headers? headers)
    {
        if (headers is null)
        {
            return 0;
        }

        var p = 0;
        for (var i = 0; i < headers.Count; i++)
        {
            var h = headers[i];
            var keyLength = Encoding.UTF8.GetByteCount(h.Key);
            p += WriteVarint(destination[p..], keyLength);
            p += Encoding.UTF8.GetBytes(h.Key, destination[p..]);
            var value = h.Value;
            p += WriteVarint(destination[p..], value?.Length ?? -1);
            if (value is not null)
            {
                value.CopyTo(destination[p..]);
                p += value.Length;
            }
        }

        return p;
    }

    /// <summary>The whole record including its length prefix.</summary>
    public static int RecordSize(long timestampDelta, int offsetDelta, int keyLength, int valueLength, int headerCount, int headersSize, out int bodySize)
    {
        bodySize = 1 + SizeOfVarlong(timestampDelta) + SizeOfVarint(offsetDelta)
            + SizeOfVarint(keyLength) + Math.Max(keyLength, 0)
            + SizeOfVarint(valueLength) + Math.Max(valueLength, 0)
            + SizeOfVarint(headerCount) + headersSize;
        return SizeOfVarint(bodySize) + bodySize;
    }
}
