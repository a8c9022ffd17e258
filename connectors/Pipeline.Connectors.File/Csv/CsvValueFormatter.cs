using System.Collections;
using System.Globalization;
using System.Text;
using CsvHelper;
using Pipeline.Connect.Api.Data;

namespace Pipeline.Connectors.File.Csv;

/// <summary>
/// Writes one value as one CSV field, invariantly: numbers in their shortest round-trip form,
/// Decimal with its scale, Date as yyyy-MM-dd, Time as HH:mm:ss.fff, Timestamp as ISO-8601 UTC
/// (<c>2024-05-01T12:00:00.000Z</c>), bytes as base64, nested values as their JSON-like text.
/// </summary>
internal static class CsvValueFormatter
{
    public static void Write(CsvWriter writer, Schema? schema, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteField((string?)null!);
                break;
            case string s:
                writer.WriteField(s);
                break;
            case int i:
                if (schema?.Name == ConnectDate.LogicalName)
                {
                    writer.WriteField(ConnectDate.ToLogical(schema, i), "yyyy-MM-dd");
                }
                else if (schema?.Name == ConnectTime.LogicalName)
                {
                    writer.WriteField(ConnectTime.ToLogical(schema, i).ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture));
                }
                else
                {
                    writer.WriteField(i, default);
                }

                break;
            case long l:
                if (schema?.Name == ConnectTimestamp.LogicalName)
                {
                    WriteTimestamp(writer, DateTimeOffset.FromUnixTimeMilliseconds(l));
                }
                else
                {
                    writer.WriteField(l, default);
                }

                break;
            case bool b:
                writer.WriteField(b);
                break;
            case double d:
                writer.WriteField(d, default);
                break;
            case float f:
                writer.WriteField(f, default);
                break;
            case decimal m:
                writer.WriteField(m, default);
                break;
            case short sh:
                writer.WriteField(sh, default);
                break;
            case sbyte sb:
                writer.WriteField(sb, default);
                break;
            case DateTimeOffset dto:
                WriteTimestamp(writer, dto);
                break;
            case DateTime dt:
                WriteTimestamp(writer, dt.Kind == DateTimeKind.Local ? new DateTimeOffset(dt) : new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)));
                break;
            case DateOnly date:
                writer.WriteField(date, "yyyy-MM-dd");
                break;
            case TimeOnly time:
                writer.WriteField(time.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture));
                break;
            case byte[] bytes:
                if (schema?.Name == ConnectDecimal.LogicalName)
                {
                    writer.WriteField(ConnectDecimal.ToLogical(schema, bytes), default);
                }
                else
                {
                    writer.WriteField(Convert.ToBase64String(bytes));
                }

                break;
            default:
                writer.WriteField(Nested(value));
                break;
        }
    }

    private static void WriteTimestamp(CsvWriter writer, DateTimeOffset value) =>
        writer.WriteField(value.UtcDateTime, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'");

    private static string Nested(object value)
    {
        var sb = new StringBuilder();
        AppendNested(sb, value);
        return sb.ToString();
    }

    private static void AppendNested(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null:
                sb.Append("null");
                break;
            case string s:
                sb.Append('"').Append(s.Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                break;
            case Struct st:
                sb.Append('{');
                var first = true;
                foreach (var field in st.Schema.Fields)
                {
                    if (!first)
                    {
                        sb.Append(',');
                    }

                    first = false;
                    sb.Append('"').Append(field.Name).Append("\":");
                    AppendNested(sb, st.GetWithoutDefault(field.Name));
                }

                sb.Append('}');
                break;
            case IDictionary map:
                sb.Append('{');
                var firstEntry = true;
                foreach (DictionaryEntry e in map)
                {
                    if (!firstEntry)
                    {
                        sb.Append(',');
                    }

                    firstEntry = false;
                    sb.Append('"').Append(e.Key).Append("\":");
                    AppendNested(sb, e.Value);
                }

                sb.Append('}');
                break;
            case IList list and not byte[]:
                sb.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    AppendNested(sb, list[i]);
                }

                sb.Append(']');
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case IFormattable f:
                sb.Append(f.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                sb.Append(value);
                break;
        }
    }
}
