using System.Globalization;

namespace Pipeline.Connect.Runtime.Rest;

/// <summary>
/// One entry of <c>listeners</c>: <c>http://host:port</c>. An empty host (<c>http://:8083</c>, Kafka's
/// default) binds every interface; port 0 binds a free port (tests read it back from the server).
/// </summary>
public sealed record RestListener(string Scheme, string Host, int Port)
{
    public static RestListener Parse(string text)
    {
        var trimmed = text.Trim();
        var sep = trimmed.IndexOf("://", StringComparison.Ordinal);
        if (sep <= 0)
        {
            throw new FormatException($"listener '{text}' is not of the form http://host:port");
        }

        var scheme = trimmed[..sep].ToLowerInvariant();
        var rest = trimmed[(sep + 3)..].TrimEnd('/');
        var colon = rest.LastIndexOf(':');
        if (colon < 0 || rest.EndsWith(']'))
        {
            throw new FormatException($"listener '{text}' has no port");
        }

        if (!int.TryParse(rest[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new FormatException($"listener '{text}' has an invalid port");
        }

        return new RestListener(scheme, rest[..colon].Trim('[', ']'), port);
    }

    public override string ToString() => $"{Scheme}://{(Host.Contains(':') ? $"[{Host}]" : Host)}:{Port.ToString(CultureInfo.InvariantCulture)}";
}
