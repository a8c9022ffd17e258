using System.Globalization;
using System.Text;

namespace Pipeline.Cli.Tools.Produce;

/// <summary>
/// How a line becomes a record: kafka-console-producer's LineMessageReader properties, with its
/// names and defaults. A line is <c>[headers DELIM] [key SEP] value</c>; headers are
/// <c>k1:v1,k2:v2</c>. A part equal to <see cref="NullMarker"/> is a Kafka null.
/// </summary>
public sealed record LineFormat
{
    public bool ParseKey { get; init; }

    public string KeySeparator { get; init; } = "\t";

    public bool ParseHeaders { get; init; }

    public string HeadersDelimiter { get; init; } = "\t";

    public string HeadersSeparator { get; init; } = ",";

    public string HeadersKeySeparator { get; init; } = ":";

    public string? NullMarker { get; init; }

    /// <summary>ignore.error: a line without a key separator is sent whole as the value (null key) instead of failing.</summary>
    public bool IgnoreError { get; init; }

    /// <summary>Applies <c>--property</c> pairs; an unknown name is a usage error that lists the known ones.</summary>
    public static LineFormat FromProperties(IReadOnlyDictionary<string, string> properties)
    {
        var f = new LineFormat();
        foreach (var (k, v) in properties)
        {
            f = k switch
            {
                "parse.key" => f with { ParseKey = Bool(k, v) },
                "key.separator" => f with { KeySeparator = NonEmpty(k, Unescape(v)) },
                "parse.headers" => f with { ParseHeaders = Bool(k, v) },
                "headers.delimiter" => f with { HeadersDelimiter = NonEmpty(k, Unescape(v)) },
                "headers.separator" => f with { HeadersSeparator = NonEmpty(k, Unescape(v)) },
                "headers.key.separator" => f with { HeadersKeySeparator = NonEmpty(k, Unescape(v)) },
                "null.marker" => f with { NullMarker = Unescape(v) },
                "ignore.error" => f with { IgnoreError = Bool(k, v) },
                _ => throw ToolException.Usage($"--property {k}: unknown; the known ones are parse.key, key.separator, parse.headers, " +
                    "headers.delimiter, headers.separator, headers.key.separator, null.marker, ignore.error"),
            };
        }

        return f;
    }

    /// <summary>\t, \n, \r and \\ as typed on a command line (a real tab is hard to type).</summary>
    public static string Unescape(string text)
    {
        if (!text.Contains('\\', StringComparison.Ordinal))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                var next = text[i + 1];
                var mapped = next switch { 't' => '\t', 'n' => '\n', 'r' => '\r', '\\' => '\\', _ => '\0' };
                if (mapped != '\0')
                {
                    sb.Append(mapped);
                    i++;
                    continue;
                }
            }

            sb.Append(text[i]);
        }

        return sb.ToString();
    }

    /// <summary>\t, \n, \r and \ as they are printed back (for messages).</summary>
    public static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("\t", "\\t", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);

    private static bool Bool(string key, string value) =>
        bool.TryParse(value, out var b) ? b : throw ToolException.Usage($"--property {key}={value}: expected true or false");

    private static string NonEmpty(string key, string value) =>
        value.Length > 0 ? value : throw ToolException.Usage($"--property {key} cannot be empty");

    internal static string Line(long number) => number.ToString(CultureInfo.InvariantCulture);
}
