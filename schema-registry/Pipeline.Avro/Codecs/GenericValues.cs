using System.Collections;
using System.Globalization;
using System.Text;

namespace Pipeline.Avro.Codecs;

/// <summary>Deep equality and a readable rendering of generic values (records, lists, maps, byte arrays...).</summary>
public static class GenericValues
{
    public static bool DeepEquals(object? a, object? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null)
        {
            return false;
        }

        switch (a)
        {
            case GenericRecord ra when b is GenericRecord rb:
                if (ra.Schema.FullName != rb.Schema.FullName || ra.Schema.Fields.Count != rb.Schema.Fields.Count)
                {
                    return false;
                }

                for (var i = 0; i < ra.Schema.Fields.Count; i++)
                {
                    if (!rb.TryGet(ra.Schema.Fields[i].Name, out var other) || !DeepEquals(ra[i], other))
                    {
                        return false;
                    }
                }

                return true;
            case byte[] ba when b is byte[] bb:
                return ba.AsSpan().SequenceEqual(bb);
            case string:
                return a.Equals(b);
            case IDictionary da when b is IDictionary db:
                if (da.Count != db.Count)
                {
                    return false;
                }

                foreach (DictionaryEntry entry in da)
                {
                    if (!db.Contains(entry.Key) || !DeepEquals(entry.Value, db[entry.Key]))
                    {
                        return false;
                    }
                }

                return true;
            case IList la when b is IList lb:
                if (la.Count != lb.Count)
                {
                    return false;
                }

                for (var i = 0; i < la.Count; i++)
                {
                    if (!DeepEquals(la[i], lb[i]))
                    {
                        return false;
                    }
                }

                return true;
            case float fa when b is float fb:
                return fa.Equals(fb);
            case double da2 when b is double db2:
                return da2.Equals(db2);
            default:
                return a.Equals(b);
        }
    }

    public static string ToDebugString(object? value)
    {
        var sb = new StringBuilder();
        Render(sb, value);
        return sb.ToString();
    }

    private static void Render(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null:
                sb.Append("null");
                break;
            case string s:
                sb.Append('"').Append(s).Append('"');
                break;
            case byte[] bytes:
                sb.Append("0x").Append(Convert.ToHexString(bytes));
                break;
            case GenericRecord record:
                sb.Append('{');
                for (var i = 0; i < record.Schema.Fields.Count; i++)
                {
                    sb.Append(i == 0 ? "" : ", ").Append(record.Schema.Fields[i].Name).Append(": ");
                    Render(sb, record[i]);
                }

                sb.Append('}');
                break;
            case IDictionary map:
                sb.Append('{');
                var first = true;
                foreach (DictionaryEntry entry in map)
                {
                    sb.Append(first ? "" : ", ").Append(entry.Key).Append(": ");
                    first = false;
                    Render(sb, entry.Value);
                }

                sb.Append('}');
                break;
            case IList list:
                sb.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    sb.Append(i == 0 ? "" : ", ");
                    Render(sb, list[i]);
                }

                sb.Append(']');
                break;
            case IFormattable formattable:
                sb.Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                sb.Append(value);
                break;
        }
    }
}
