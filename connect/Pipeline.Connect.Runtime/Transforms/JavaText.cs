using System.Globalization;
using System.Text;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>How Java prints values that Kafka's transforms turn into strings (<c>Double.toString</c>, ISO dates).</summary>
internal static class JavaText
{
    public static string ToString(object value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        double d => FormatDouble(d, d.ToString("R", CultureInfo.InvariantCulture)),
        float f => FormatDouble(f, f.ToString("R", CultureInfo.InvariantCulture)),
        byte[] bytes => Convert.ToBase64String(bytes),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly time => time.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture),
        DateTimeOffset ts => ts.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        DateTime dt => ToString(new DateTimeOffset(dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime() : DateTime.SpecifyKind(dt, DateTimeKind.Utc))),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>
    /// Java's <c>Double.toString</c>/<c>Float.toString</c> from .NET's shortest round-trip digits:
    /// plain notation with at least one decimal for 10^-3 &lt;= |x| &lt; 10^7 ("1.0", "0.001"),
    /// otherwise "d.dddE±n" ("1.0E7", "1.5E-4").
    /// </summary>
    private static string FormatDouble(double value, string shortest)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        var negative = shortest.StartsWith('-');
        if (value == 0)
        {
            return negative ? "-0.0" : "0.0";
        }

        var text = negative ? shortest[1..] : shortest;
        var e = text.IndexOfAny(['E', 'e']);
        var mantissa = e < 0 ? text : text[..e];
        var exponent = e < 0 ? 0 : int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.');
        var digits = mantissa.Replace(".", "", StringComparison.Ordinal);
        var point = (dot < 0 ? mantissa.Length : dot) + exponent;
        var lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0')
        {
            lead++;
        }

        digits = digits[lead..];
        point -= lead;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        var sb = new StringBuilder();
        if (negative)
        {
            sb.Append('-');
        }

        var abs = Math.Abs(value);
        if (abs >= 1e-3 && abs < 1e7)
        {
            if (point <= 0)
            {
                sb.Append("0.").Append('0', -point).Append(digits);
            }
            else if (point >= digits.Length)
            {
                sb.Append(digits).Append('0', point - digits.Length).Append(".0");
            }
            else
            {
                sb.Append(digits, 0, point).Append('.').Append(digits, point, digits.Length - point);
            }
        }
        else
        {
            sb.Append(digits[0]).Append('.').Append(digits.Length > 1 ? digits[1..] : "0").Append('E').Append((point - 1).ToString(CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }
}
