using System.Globalization;
using System.Xml;

namespace Pipeline.Cli.Tools.Groups;

/// <summary>Parses the arguments of reset-offsets: times, durations and <c>topic[:p,p,...]</c> scopes.</summary>
public static class ResetArguments
{
    /// <summary>ISO 8601 (2024-05-01T12:00:00, with or without an offset; none = local time, as Kafka) or Unix milliseconds.</summary>
    public static DateTimeOffset ParseTime(string text)
    {
        var t = text.Trim();
        if (t.Length > 0 && t.All(char.IsAsciiDigit) && long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(ms);
        }

        return DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var time)
            ? time
            : throw ToolException.Usage($"--to-datetime '{text}': expected YYYY-MM-DDTHH:mm:SS[.sss][+HH:mm] or Unix milliseconds");
    }

    /// <summary>ISO 8601 (PT15M, P1DT2H) as Kafka takes it, or the shorter 90s, 15m, 2h, 1d.</summary>
    public static TimeSpan ParseDuration(string text)
    {
        var t = text.Trim();
        if (t.StartsWith('P') || t.StartsWith('p'))
        {
            try
            {
                return XmlConvert.ToTimeSpan(t.ToUpperInvariant());
            }
            catch (FormatException)
            {
                throw ToolException.Usage($"--by-duration '{text}': not an ISO 8601 duration (e.g. PT15M, P1DT2H)");
            }
        }

        if (t.Length >= 2 && double.TryParse(t[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0)
        {
            switch (char.ToLowerInvariant(t[^1]))
            {
                case 's':
                    return TimeSpan.FromSeconds(n);
                case 'm':
                    return TimeSpan.FromMinutes(n);
                case 'h':
                    return TimeSpan.FromHours(n);
                case 'd':
                    return TimeSpan.FromDays(n);
            }
        }

        throw ToolException.Usage($"--by-duration '{text}': expected an ISO 8601 duration (PT15M) or 90s, 15m, 2h, 1d");
    }

    /// <summary><c>orders</c> (every partition) or <c>orders:0,2</c>.</summary>
    public static (string Topic, IReadOnlyList<int>? Partitions) ParseTopic(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return (text.Trim(), null);
        }

        var topic = text[..colon].Trim();
        var partitions = new List<int>();
        foreach (var p in text[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            partitions.Add(int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? n
                : throw ToolException.Usage($"--topic '{text}': partitions are numbers (e.g. --topic orders:0,1)"));
        }

        return topic.Length > 0 && partitions.Count > 0 ? (topic, partitions) : throw ToolException.Usage($"--topic '{text}': expected TOPIC or TOPIC:P,P");
    }
}
