using System.Globalization;

namespace Pipeline.Broker.Config;

/// <summary>One <c>NAME://host:port</c> entry of <c>listeners</c> or <c>advertised.listeners</c>.</summary>
public sealed record ListenerEndpoint(string Name, string Host, int Port)
{
    public override string ToString() => $"{Name}://{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port}";

    public static IReadOnlyList<ListenerEndpoint> ParseList(string? value, string key)
    {
        var result = new List<ListenerEndpoint>();
        if (string.IsNullOrWhiteSpace(value))
        {
            return result;
        }

        foreach (var raw in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            result.Add(Parse(raw, key));
        }

        var duplicate = result.GroupBy(l => l.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new BrokerConfigException(key, value, $"listener name {duplicate.Key} appears more than once");
        }

        return result;
    }

    public static ListenerEndpoint Parse(string text, string key)
    {
        var sep = text.IndexOf("://", StringComparison.Ordinal);
        if (sep <= 0)
        {
            throw new BrokerConfigException(key, text, "expected NAME://host:port, e.g. PLAINTEXT://127.0.0.1:9092");
        }

        var name = text[..sep].ToUpperInvariant();
        var rest = text[(sep + 3)..];
        string host;
        string portText;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close + 1 >= rest.Length || rest[close + 1] != ':')
            {
                throw new BrokerConfigException(key, text, "bad IPv6 address; expected NAME://[addr]:port");
            }

            host = rest[1..close];
            portText = rest[(close + 2)..];
        }
        else
        {
            var colon = rest.LastIndexOf(':');
            if (colon < 0)
            {
                throw new BrokerConfigException(key, text, "missing port; expected NAME://host:port");
            }

            host = rest[..colon];
            portText = rest[(colon + 1)..];
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new BrokerConfigException(key, text, $"'{portText}' is not a port number (0-65535)");
        }

        return new ListenerEndpoint(name, host, port);
    }
}
