using System.Globalization;
using System.Text;

namespace Pipeline.Protocol.Config;

/// <summary>
/// Reads Java-style <c>.properties</c> text as Kafka does: <c>#</c>/<c>!</c> comments, <c>key=value</c>,
/// <c>key: value</c> or <c>key value</c>, backslash line continuations and escapes (<c>\t \n \uXXXX</c>).
/// Later keys override earlier ones. Shared by every role's config files (broker, registry,
/// Connect worker and connector files) and the tools' client configs.
/// </summary>
public static class PropertiesFile
{
    public static Dictionary<string, string> Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"config file '{path}' does not exist; pass the path of a Kafka-style .properties file", path);
        }

        return Parse(File.ReadAllText(path));
    }

    /// <summary>Applies <c>key=value</c> overrides (the CLI's <c>--override</c>); a malformed one throws <see cref="ArgumentException"/>.</summary>
    public static void ApplyOverrides(IDictionary<string, string> properties, IEnumerable<string>? overrides)
    {
        ArgumentNullException.ThrowIfNull(properties);
        foreach (var o in overrides ?? [])
        {
            var eq = o.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ArgumentException($"--override '{o}' is not key=value (e.g. --override log.retention.hours=24)");
            }

            properties[o[..eq].Trim()] = o[(eq + 1)..].Trim();
        }
    }

    public static Dictionary<string, string> Parse(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimStart();
            if (line.Length == 0 || line[0] == '#' || line[0] == '!')
            {
                continue;
            }

            // Join continuation lines: an odd number of trailing backslashes continues the line.
            while (EndsWithContinuation(line) && i + 1 < lines.Length)
            {
                line = line[..^1] + lines[++i].TrimStart();
            }

            var (key, value) = Split(line);
            result[Unescape(key)] = Unescape(value);
        }

        return result;
    }

    private static bool EndsWithContinuation(string line)
    {
        var n = 0;
        for (var i = line.Length - 1; i >= 0 && line[i] == '\\'; i--)
        {
            n++;
        }

        return n % 2 == 1;
    }

    private static (string Key, string Value) Split(string line)
    {
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (c == '\\')
            {
                i += 2;
                continue;
            }

            if (c is '=' or ':' or ' ' or '\t' or '\f')
            {
                break;
            }

            i++;
        }

        var key = line[..Math.Min(i, line.Length)];
        var j = i;
        while (j < line.Length && line[j] is ' ' or '\t' or '\f')
        {
            j++;
        }

        if (j < line.Length && line[j] is '=' or ':')
        {
            j++;
        }

        while (j < line.Length && line[j] is ' ' or '\t' or '\f')
        {
            j++;
        }

        return (key, j < line.Length ? line[j..] : string.Empty);
    }

    private static string Unescape(string s)
    {
        if (!s.Contains('\\', StringComparison.Ordinal))
        {
            return s;
        }

        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c != '\\' || i + 1 >= s.Length)
            {
                sb.Append(c);
                continue;
            }

            var n = s[++i];
            switch (n)
            {
                case 't': sb.Append('\t'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 'f': sb.Append('\f'); break;
                case 'u' when i + 4 < s.Length && int.TryParse(s.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                    sb.Append((char)code);
                    i += 4;
                    break;
                default: sb.Append(n); break;
            }
        }

        return sb.ToString();
    }
}
