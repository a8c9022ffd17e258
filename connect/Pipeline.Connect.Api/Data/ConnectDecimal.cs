using System.Globalization;
using System.Numerics;
using Pipeline.Connect.Api.Errors;

namespace Pipeline.Connect.Api.Data;

/// <summary>
/// The Decimal logical type (<c>org.apache.kafka.connect.data.Decimal</c>): Bytes holding the
/// unscaled value as a big-endian two's-complement integer, with the scale in the schema parameter
/// <c>scale</c>. Values are .NET <c>decimal</c>, so unscaled values beyond 96 bits and scales above
/// 28 are out of reach (<see cref="DataException"/>).
/// </summary>
public static class ConnectDecimal
{
    /// <summary>The schema name that marks the logical type.</summary>
    public const string LogicalName = "org.apache.kafka.connect.data.Decimal";

    /// <summary>The parameter that carries the scale (as a decimal string).</summary>
    public const string ScaleField = "scale";

    /// <summary>A builder for a Decimal schema with <paramref name="scale"/> digits after the point (version 1).</summary>
    public static SchemaBuilder Builder(int scale) =>
        SchemaBuilder.Bytes().Name(LogicalName).Parameter(ScaleField, scale.ToString(CultureInfo.InvariantCulture)).Version(1);

    /// <summary>A required Decimal schema with <paramref name="scale"/> digits after the point.</summary>
    public static Schema Schema(int scale) => Builder(scale).Build();

    /// <summary>The scale of a Decimal schema; throws <see cref="DataException"/> when the parameter is missing or not a number.</summary>
    public static int ScaleOf(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.Parameters is null || !schema.Parameters.TryGetValue(ScaleField, out var text))
        {
            throw new DataException("Invalid Decimal schema: scale parameter not found.");
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var scale)
            ? scale
            : throw new DataException($"Invalid scale parameter found in Decimal schema: {text}");
    }

    /// <summary>
    /// The unscaled two's-complement big-endian bytes of <paramref name="value"/> at the schema's
    /// scale. A value with fewer decimals is widened; one that would lose digits throws.
    /// </summary>
    public static byte[] FromLogical(Schema schema, decimal value)
    {
        var scale = ScaleOf(schema);
        var unscaled = Unscaled(value, scale);
        return unscaled.ToByteArray(isUnsigned: false, isBigEndian: true);
    }

    /// <summary>The <c>decimal</c> encoded by <paramref name="value"/> at the schema's scale.</summary>
    public static decimal ToLogical(Schema schema, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var scale = ScaleOf(schema);
        var unscaled = new BigInteger(value, isUnsigned: false, isBigEndian: true);
        return FromUnscaled(unscaled, scale);
    }

    /// <summary>The unscaled integer of <paramref name="value"/> at <paramref name="scale"/> (value × 10^scale, exactly).</summary>
    public static BigInteger Unscaled(decimal value, int scale)
    {
        var bits = decimal.GetBits(value);
        var valueScale = (bits[3] >> 16) & 0xFF;
        var negative = bits[3] < 0;
        var magnitude = ((BigInteger)(uint)bits[2] << 64) | ((BigInteger)(uint)bits[1] << 32) | (uint)bits[0];
        if (valueScale < scale)
        {
            magnitude *= BigInteger.Pow(10, scale - valueScale);
        }
        else if (valueScale > scale)
        {
            var divisor = BigInteger.Pow(10, valueScale - scale);
            magnitude = BigInteger.DivRem(magnitude, divisor, out var remainder);
            if (!remainder.IsZero)
            {
                throw new DataException($"Decimal value {value.ToString(CultureInfo.InvariantCulture)} has more than {scale} digits after the point (the schema's scale)");
            }
        }

        return negative ? -magnitude : magnitude;
    }

    /// <summary>The <c>decimal</c> unscaled × 10^-scale; throws <see cref="DataException"/> when it does not fit.</summary>
    public static decimal FromUnscaled(BigInteger unscaled, int scale)
    {
        var negative = unscaled.Sign < 0;
        var magnitude = BigInteger.Abs(unscaled);
        if (scale < 0)
        {
            magnitude *= BigInteger.Pow(10, -scale);
            scale = 0;
        }

        if (scale > 28 || magnitude.GetBitLength() > 96)
        {
            throw new DataException($"Decimal value {unscaled}E-{scale} does not fit a .NET decimal (96-bit unscaled value, scale up to 28)");
        }

        var bytes = new byte[12];
        magnitude.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        var lo = BitConverter.ToInt32(bytes, 0);
        var mid = BitConverter.ToInt32(bytes, 4);
        var hi = BitConverter.ToInt32(bytes, 8);
        return new decimal(lo, mid, hi, negative, (byte)scale);
    }
}
