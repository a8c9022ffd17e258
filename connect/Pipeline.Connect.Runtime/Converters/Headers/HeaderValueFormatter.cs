using System.Collections;
using System.Globalization;
using System.Text;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Runtime.Converters.Json;

namespace Pipeline.Connect.Runtime.Converters.Headers;

/// <summary>
/// A Connect value as text, the way Kafka's <c>Values.convertToString</c> writes it: strings as
/// they are; numbers and booleans as Java prints them; bytes as base64; Date <c>yyyy-MM-dd</c>,
/// Time <c>HH:mm:ss.SSSZ</c>, Timestamp <c>yyyy-MM-ddTHH:mm:ss.SSSZ</c> (UTC); arrays
/// <c>[1,2]</c>, maps <c>{"a":1}</c> and structs <c>{"field":value}</c> with strings inside them
/// quoted (escaping \ and ").
/// </summary>
internal static class HeaderValueFormatter
{
    public static string ToText(object value)
    {
        if (value is string text)
        {
            return text;
        }

        var sb = new StringBuilder();
        Append(sb, value, embedded: false);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, object? value, bool embedded)
    {
        switch (value)
        {
            case null:
                sb.Append("null");
                break;
            case string s:
                if (embedded)
                {
                    sb.Append('"').Append(s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                }
                else
                {
                    sb.Append(s);
                }

                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case double d:
                sb.Append(JavaNumbers.DoubleToString(d));
                break;
            case float f:
                sb.Append(JavaNumbers.FloatToString(f));
                break;
            case decimal m:
                sb.Append(JavaNumbers.BigDecimalToString(ConnectDecimal.Unscaled(m, m.Scale), m.Scale));
                break;
            case byte[] bytes:
                var base64 = Convert.ToBase64String(bytes);
                sb.Append(embedded ? "\"" + base64 + "\"" : base64);
                break;
            case DateOnly date:
                sb.Append(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case TimeOnly time:
                sb.Append(time.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)).Append('Z');
                break;
            case DateTimeOffset instant:
                sb.Append(instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture)).Append('Z');
                break;
            case DateTime moment:
                var utc = moment.Kind == DateTimeKind.Local ? moment.ToUniversalTime() : moment;
                sb.Append(utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture)).Append('Z');
                break;
            case Struct record:
                sb.Append('{');
                var first = true;
                foreach (var field in record.Schema.Fields)
                {
                    if (!first)
                    {
                        sb.Append(',');
                    }

                    first = false;
                    Append(sb, field.Name, embedded: true);
                    sb.Append(':');
                    Append(sb, record.Get(field), embedded: true);
                }

                sb.Append('}');
                break;
            case IDictionary map:
                sb.Append('{');
                var firstEntry = true;
                foreach (DictionaryEntry entry in map)
                {
                    if (!firstEntry)
                    {
                        sb.Append(',');
                    }

                    firstEntry = false;
                    Append(sb, entry.Key, embedded: true);
                    sb.Append(':');
                    Append(sb, entry.Value, embedded: true);
                }

                sb.Append('}');
                break;
            case IList list:
                sb.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    Append(sb, list[i], embedded: true);
                }

                sb.Append(']');
                break;
            case IFormattable number when value is sbyte or short or int or long:
                sb.Append(number.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                throw new DataException($"Failed to serialize unexpected value type {value.GetType()}: {value}");
        }
    }
}
