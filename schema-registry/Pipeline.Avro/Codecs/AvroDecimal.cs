using System.Globalization;
using System.Numerics;

namespace Pipeline.Avro.Codecs;

/// <summary>
/// The value of the <c>decimal</c> (and <c>big-decimal</c>) logical type: <see cref="Unscaled"/> ×
/// 10^-<see cref="Scale"/>, exact for any precision (System.Decimal holds only 28 digits).
/// On the wire the unscaled value is two's-complement big-endian.
/// </summary>
public readonly record struct AvroDecimal(BigInteger Unscaled, int Scale)
{
    public static AvroDecimal FromDecimal(decimal value)
    {
        var bits = decimal.GetBits(value);
        var scale = (bits[3] >> 16) & 0xFF;
        var magnitude = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
        return new AvroDecimal(bits[3] < 0 ? -magnitude : magnitude, scale);
    }

    /// <summary>The same number with another scale; throws if digits would be lost.</summary>
    public AvroDecimal Rescale(int scale)
    {
        if (scale == Scale)
        {
            return this;
        }

        if (scale > Scale)
        {
            return new AvroDecimal(Unscaled * BigInteger.Pow(10, scale - Scale), scale);
        }

        var divisor = BigInteger.Pow(10, Scale - scale);
        var quotient = BigInteger.DivRem(Unscaled, divisor, out var remainder);
        if (!remainder.IsZero)
        {
            throw new AvroTypeException($"decimal {this} does not fit scale {scale} without rounding");
        }

        return new AvroDecimal(quotient, scale);
    }

    /// <summary>As System.Decimal; throws OverflowException beyond its range.</summary>
    public decimal ToDecimal() => decimal.Parse(ToString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    public override string ToString()
    {
        var digits = BigInteger.Abs(Unscaled).ToString(CultureInfo.InvariantCulture);
        var sign = Unscaled.Sign < 0 ? "-" : "";
        if (Scale <= 0)
        {
            return sign + digits + new string('0', -Scale);
        }

        digits = digits.PadLeft(Scale + 1, '0');
        return sign + digits[..^Scale] + "." + digits[^Scale..];
    }
}
