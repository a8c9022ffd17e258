using System.Globalization;
using System.Numerics;
using System.Text;

namespace Pipeline.Connect.Runtime.Converters.Json;

/// <summary>
/// Numbers as Java prints them, which is what Kafka's converters put on the wire:
/// <c>Double.toString</c>/<c>Float.toString</c> (the shortest digits that round-trip; plain between
/// 1e-3 and 1e7 with at least one fractional digit, <c>1.0E10</c> otherwise) and
/// <c>BigDecimal.toString</c> (plain unless the scale is negative or the adjusted exponent is below -6).
/// </summary>
internal static class JavaNumbers
{
    /// <summary>Enough for any double or float in Java's form.</summary>
    public const int MaxLength = 32;

    /// <summary>Writes a finite double as ASCII; returns the byte count.</summary>
    public static int FormatDouble(double value, Span<byte> destination)
    {
        Span<char> shortest = stackalloc char[MaxLength];
        value.TryFormat(shortest, out var written, default, CultureInfo.InvariantCulture);
        return Layout(shortest[..written], Math.Abs(value), value == 0 && double.IsNegative(value), destination);
    }

    /// <summary>Writes a finite float as ASCII; returns the byte count.</summary>
    public static int FormatFloat(float value, Span<byte> destination)
    {
        Span<char> shortest = stackalloc char[MaxLength];
        value.TryFormat(shortest, out var written, default, CultureInfo.InvariantCulture);
        return Layout(shortest[..written], Math.Abs(value), value == 0 && float.IsNegative(value), destination);
    }

    /// <summary>Java's <c>Double.toString</c>, NaN and infinities included.</summary>
    public static string DoubleToString(double value)
    {
        if (!double.IsFinite(value))
        {
            return double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
        }

        Span<byte> bytes = stackalloc byte[MaxLength];
        return Encoding.ASCII.GetString(bytes[..FormatDouble(value, bytes)]);
    }

    /// <summary>Java's <c>Float.toString</c>, NaN and infinities included.</summary>
    public static string FloatToString(float value)
    {
        if (!float.IsFinite(value))
        {
            return float.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
        }

        Span<byte> bytes = stackalloc byte[MaxLength];
        return Encoding.ASCII.GetString(bytes[..FormatFloat(value, bytes)]);
    }

    /// <summary>Java's <c>BigDecimal.toString</c> of unscaled × 10^-scale.</summary>
    public static string BigDecimalToString(BigInteger unscaled, int scale)
    {
        var coefficient = BigInteger.Abs(unscaled).ToString(CultureInfo.InvariantCulture);
        var sign = unscaled.Sign < 0 ? "-" : "";
        var adjusted = -(long)scale + (coefficient.Length - 1);
        if (scale == 0)
        {
            return sign + coefficient;
        }

        if (scale > 0 && adjusted >= -6)
        {
            return coefficient.Length > scale
                ? sign + coefficient[..^scale] + "." + coefficient[^scale..]
                : sign + "0." + new string('0', scale - coefficient.Length) + coefficient;
        }

        var mantissa = coefficient.Length > 1 ? coefficient[..1] + "." + coefficient[1..] : coefficient;
        return sign + mantissa + "E" + (adjusted >= 0 ? "+" : "") + adjusted.ToString(CultureInfo.InvariantCulture);
    }

    // .NET prints the same shortest digits in either "123.45" or "1.2345E+15" form; both are
    // taken apart into digits and a decimal exponent, then laid out the way Java does.
    private static int Layout(ReadOnlySpan<char> shortest, double magnitude, bool negativeZero, Span<byte> destination)
    {
        Span<char> digits = stackalloc char[MaxLength];
        var count = 0;
        var point = -1;
        var exponent = 0;
        var negative = shortest[0] == '-';
        for (var i = negative ? 1 : 0; i < shortest.Length; i++)
        {
            var c = shortest[i];
            if (c is >= '0' and <= '9')
            {
                digits[count++] = c;
            }
            else if (c == '.')
            {
                point = count;
            }
            else if (c is 'E' or 'e')
            {
                exponent = int.Parse(shortest[(i + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                break;
            }
        }

        if (point < 0)
        {
            point = count;
        }

        var start = 0;
        while (start < count - 1 && digits[start] == '0')
        {
            start++;
            point--;
        }

        var significant = digits[start..count];
        var length = significant.Length;
        while (length > 1 && significant[length - 1] == '0')
        {
            length--;
        }

        significant = significant[..length];
        var written = 0;
        if (negative || negativeZero)
        {
            destination[written++] = (byte)'-';
        }

        if (magnitude == 0)
        {
            "0.0"u8.CopyTo(destination[written..]);
            return written + 3;
        }

        var scientific = point + exponent - 1;
        if (magnitude is >= 1e-3 and < 1e7)
        {
            if (scientific >= 0)
            {
                for (var i = 0; i <= scientific; i++)
                {
                    destination[written++] = (byte)(i < significant.Length ? significant[i] : '0');
                }

                destination[written++] = (byte)'.';
                if (significant.Length > scientific + 1)
                {
                    foreach (var c in significant[(scientific + 1)..])
                    {
                        destination[written++] = (byte)c;
                    }
                }
                else
                {
                    destination[written++] = (byte)'0';
                }
            }
            else
            {
                destination[written++] = (byte)'0';
                destination[written++] = (byte)'.';
                for (var i = 0; i < -scientific - 1; i++)
                {
                    destination[written++] = (byte)'0';
                }

                foreach (var c in significant)
                {
                    destination[written++] = (byte)c;
                }
            }

            return written;
        }

        destination[written++] = (byte)significant[0];
        destination[written++] = (byte)'.';
        if (significant.Length > 1)
        {
            foreach (var c in significant[1..])
            {
                destination[written++] = (byte)c;
            }
        }
        else
        {
            destination[written++] = (byte)'0';
        }

        destination[written++] = (byte)'E';
        scientific.TryFormat(destination[written..], out var exponentLength, default, CultureInfo.InvariantCulture);
        return written + exponentLength;
    }
}
