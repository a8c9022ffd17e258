using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace Pipeline.Avro.Schemas;

/// <summary>
/// JSON text the way Jackson (Java's JSON library, which Avro uses) writes it, so that our
/// <c>ToJson()</c> equals Java's <c>Schema.toString()</c> byte for byte: strings escape only
/// <c>"</c>, <c>\</c> and control characters (short forms \b \t \n \f \r, else \u00XX upper-case);
/// integral numbers as digits; other numbers as Java's <c>Double.toString</c>.
/// </summary>
internal static class JacksonText
{
    public static void WriteString(StringBuilder output, string value)
    {
        output.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': output.Append("\\\""); break;
                case '\\': output.Append("\\\\"); break;
                case '\b': output.Append("\\b"); break;
                case '\t': output.Append("\\t"); break;
                case '\n': output.Append("\\n"); break;
                case '\f': output.Append("\\f"); break;
                case '\r': output.Append("\\r"); break;
                default:
                    if (c < 0x20)
                    {
                        output.Append("\\u00").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        output.Append(c);
                    }

                    break;
            }
        }

        output.Append('"');
    }

    public static void WriteValue(StringBuilder output, JsonElement value, JsonIndent? indent)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                WriteString(output, value.GetString()!);
                break;
            case JsonValueKind.Number:
                output.Append(FormatNumber(value));
                break;
            case JsonValueKind.True:
                output.Append("true");
                break;
            case JsonValueKind.False:
                output.Append("false");
                break;
            case JsonValueKind.Null:
                output.Append("null");
                break;
            case JsonValueKind.Array:
                {
                    var first = true;
                    output.Append('[');
                    foreach (var item in value.EnumerateArray())
                    {
                        output.Append(first ? (indent is null ? "" : " ") : (indent is null ? "," : ", "));
                        first = false;
                        WriteValue(output, item, indent);
                    }

                    output.Append(first ? (indent is null ? "]" : " ]") : (indent is null ? "]" : " ]"));
                    break;
                }

            case JsonValueKind.Object:
                {
                    var obj = new JsonObjectWriter(output, indent);
                    foreach (var property in value.EnumerateObject())
                    {
                        obj.Name(property.Name);
                        WriteValue(output, property.Value, indent?.Deeper());
                    }

                    obj.End();
                    break;
                }
        }
    }

    public static string FormatNumber(JsonElement number)
    {
        if (JsonNumbers.IsIntegral(number))
        {
            return BigInteger.Parse(number.GetRawText(), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        }

        return FormatDouble(number.GetDouble());
    }

    /// <summary>Java's <c>Double.toString</c> (shortest digits; plain between 1e-3 and 1e7, else <c>d.dddE±n</c>).</summary>
    public static string FormatDouble(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        // Shortest round-trip digits and a decimal exponent: value = 0.d1d2d3... × 10^pointPosition.
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        string digits;
        int exponent;
        if (shortest.Contains('E', StringComparison.Ordinal))
        {
            var parts = shortest.Split('E');
            digits = parts[0].Replace(".", "", StringComparison.Ordinal);
            exponent = int.Parse(parts[1], CultureInfo.InvariantCulture);
        }
        else
        {
            var dot = shortest.IndexOf('.', StringComparison.Ordinal);
            var integerPart = dot < 0 ? shortest : shortest[..dot];
            var fraction = dot < 0 ? "" : shortest[(dot + 1)..];
            digits = (integerPart + fraction).TrimStart('0');
            var leadingZeros = (integerPart + fraction).Length - digits.Length;
            exponent = integerPart.Length - 1 - leadingZeros;
        }

        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        var sb = new StringBuilder();
        if (value < 0)
        {
            sb.Append('-');
        }

        var magnitude = Math.Abs(value);
        if (magnitude >= 1e-3 && magnitude < 1e7)
        {
            if (exponent >= 0)
            {
                var intDigits = digits.Length > exponent + 1 ? digits[..(exponent + 1)] : digits.PadRight(exponent + 1, '0');
                var fracDigits = digits.Length > exponent + 1 ? digits[(exponent + 1)..] : "0";
                sb.Append(intDigits).Append('.').Append(fracDigits);
            }
            else
            {
                sb.Append("0.").Append('0', -exponent - 1).Append(digits);
            }
        }
        else
        {
            sb.Append(digits[0]).Append('.').Append(digits.Length > 1 ? digits[1..] : "0").Append('E').Append(exponent.ToString(CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }
}
