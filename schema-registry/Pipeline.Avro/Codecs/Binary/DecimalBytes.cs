using System.Numerics;

namespace Pipeline.Avro.Codecs.Binary;

/// <summary>Decimal unscaled values as two's-complement big-endian bytes (minimal, or sign-extended to a fixed size).</summary>
internal static class DecimalBytes
{
    public static AvroDecimal ToScale(object? value, int scale, Pipeline.Avro.Schemas.Schema schema) => value switch
    {
        AvroDecimal d => d.Rescale(scale),
        decimal m => AvroDecimal.FromDecimal(m).Rescale(scale),
        BigInteger b => new AvroDecimal(b, 0).Rescale(scale),
        long l => new AvroDecimal(l, 0).Rescale(scale),
        int i => new AvroDecimal(i, 0).Rescale(scale),
        _ => CodecErrors.Mismatch<AvroDecimal>(schema, value),
    };

    public static int Write(BigInteger unscaled, Span<byte> destination) =>
        unscaled.TryWriteBytes(destination, out var written, isUnsigned: false, isBigEndian: true) ? written : -1;

    public static int ByteCount(BigInteger unscaled) => unscaled.GetByteCount(isUnsigned: false);

    /// <summary>Sign-extends the minimal encoding into all of <paramref name="destination"/>; false if it does not fit.</summary>
    public static bool WriteFixed(BigInteger unscaled, Span<byte> destination)
    {
        var count = ByteCount(unscaled);
        if (count > destination.Length)
        {
            return false;
        }

        destination[..^count].Fill(unscaled.Sign < 0 ? (byte)0xFF : (byte)0);
        Write(unscaled, destination[^count..]);
        return true;
    }

    public static BigInteger Read(ReadOnlySpan<byte> bytes) => bytes.Length == 0 ? BigInteger.Zero : new BigInteger(bytes, isUnsigned: false, isBigEndian: true);
}
