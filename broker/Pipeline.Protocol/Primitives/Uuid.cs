using System.Buffers.Binary;

namespace Pipeline.Protocol.Primitives;

/// <summary>
/// Kafka's 128-bit Uuid: on the wire the most significant 64 bits then the least significant,
/// both big-endian. All zero means "no id". Printed as 22 characters of URL-safe base64 without
/// padding, as Kafka prints topic ids and cluster ids.
/// </summary>
public readonly record struct Uuid(long MostSignificantBits, long LeastSignificantBits)
{
    public const int Size = 16;

    public static readonly Uuid Zero = default;

    public bool IsZero => MostSignificantBits == 0 && LeastSignificantBits == 0;

    public static Uuid NewRandom()
    {
        Span<byte> b = stackalloc byte[Size];
        System.Security.Cryptography.RandomNumberGenerator.Fill(b);
        var uuid = Read(b);
        // Kafka never hands out ids whose base64 form starts with '-' and reserves zero/one.
        return uuid.IsZero || uuid.MostSignificantBits < 0 ? new Uuid(uuid.MostSignificantBits & long.MaxValue | 1, uuid.LeastSignificantBits) : uuid;
    }

    public static Uuid Read(ReadOnlySpan<byte> source) =>
        new(BinaryPrimitives.ReadInt64BigEndian(source), BinaryPrimitives.ReadInt64BigEndian(source[8..]));

    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteInt64BigEndian(destination, MostSignificantBits);
        BinaryPrimitives.WriteInt64BigEndian(destination[8..], LeastSignificantBits);
    }

    public override string ToString()
    {
        Span<byte> b = stackalloc byte[Size];
        Write(b);
        return Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static bool TryParse(string? text, out Uuid uuid)
    {
        uuid = default;
        if (text is null || text.Length != 22)
        {
            return false;
        }

        var padded = text.Replace('-', '+').Replace('_', '/') + "==";
        Span<byte> b = stackalloc byte[18];
        if (!Convert.TryFromBase64String(padded, b, out var written) || written != Size)
        {
            return false;
        }

        uuid = Read(b);
        return true;
    }
}
