using System.Text;
using Pipeline.Cli.Tools.Produce;

namespace Pipeline.Cli.Tools.Consume;

/// <summary>
/// What kafka-console-consumer's DefaultMessageFormatter prints per record, with its property
/// names and defaults: [CreateTime:ts] [Partition:p] [Offset:o] [h:v,h:v] [key] value, the
/// columns separated by key.separator (tab), each record ended by line.separator (newline), nulls
/// printed as null.literal ("null"), records without headers as NO_HEADERS.
/// </summary>
public sealed record RecordFormat
{
    public bool PrintKey { get; init; }

    public bool PrintValue { get; init; } = true;

    public bool PrintTimestamp { get; init; }

    public bool PrintPartition { get; init; }

    public bool PrintOffset { get; init; }

    public bool PrintHeaders { get; init; }

    public string KeySeparator { get; init; } = "\t";

    public string LineSeparator { get; init; } = "\n";

    public string HeadersSeparator { get; init; } = ",";

    public string HeadersKeySeparator { get; init; } = ":";

    public string NullLiteral { get; init; } = "null";

    public static RecordFormat FromProperties(IReadOnlyDictionary<string, string> properties, RecordFormat? start = null)
    {
        var f = start ?? new RecordFormat();
        foreach (var (k, v) in properties)
        {
            f = k switch
            {
                "print.key" => f with { PrintKey = Bool(k, v) },
                "print.value" => f with { PrintValue = Bool(k, v) },
                "print.timestamp" => f with { PrintTimestamp = Bool(k, v) },
                "print.partition" => f with { PrintPartition = Bool(k, v) },
                "print.offset" => f with { PrintOffset = Bool(k, v) },
                "print.headers" => f with { PrintHeaders = Bool(k, v) },
                "key.separator" => f with { KeySeparator = LineFormat.Unescape(v) },
                "line.separator" => f with { LineSeparator = LineFormat.Unescape(v) },
                "headers.separator" => f with { HeadersSeparator = LineFormat.Unescape(v) },
                "headers.key.separator" => f with { HeadersKeySeparator = LineFormat.Unescape(v) },
                "null.literal" => f with { NullLiteral = LineFormat.Unescape(v) },
                _ => throw ToolException.Usage($"--property {k}: unknown; the known ones are print.key, print.value, print.timestamp, print.partition, " +
                    "print.offset, print.headers, key.separator, line.separator, headers.separator, headers.key.separator, null.literal"),
            };
        }

        return f;
    }

    /// <summary>Appends one record in this format to <paramref name="sb"/>.</summary>
    public void Append(StringBuilder sb, ConsumedRecord r)
    {
        var column = false;
        void Separate()
        {
            if (column)
            {
                sb.Append(KeySeparator);
            }

            column = true;
        }

        if (PrintTimestamp)
        {
            Separate();
            sb.Append(r.TimestampType == "LogAppendTime" ? "LogAppendTime:" : "CreateTime:").Append(r.Timestamp);
        }

        if (PrintPartition)
        {
            Separate();
            sb.Append("Partition:").Append(r.Partition);
        }

        if (PrintOffset)
        {
            Separate();
            sb.Append("Offset:").Append(r.Offset);
        }

        if (PrintHeaders)
        {
            Separate();
            if (r.Headers.Count == 0)
            {
                sb.Append("NO_HEADERS");
            }
            else
            {
                for (var i = 0; i < r.Headers.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(HeadersSeparator);
                    }

                    sb.Append(r.Headers[i].Key).Append(HeadersKeySeparator).Append(r.Headers[i].Value ?? NullLiteral);
                }
            }
        }

        if (PrintKey)
        {
            Separate();
            sb.Append(r.Key ?? NullLiteral);
        }

        if (PrintValue)
        {
            Separate();
            sb.Append(r.Value ?? NullLiteral);
        }

        sb.Append(LineSeparator);
    }

    private static bool Bool(string key, string value) =>
        bool.TryParse(value, out var b) ? b : throw ToolException.Usage($"--property {key}={value}: expected true or false");
}
