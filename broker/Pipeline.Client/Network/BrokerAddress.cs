using System.Globalization;
using Pipeline.Client.Config;

namespace Pipeline.Client.Network;

/// <summary>A host and port to connect to (a bootstrap entry or a broker from metadata).</summary>
public readonly record struct BrokerAddress(string Host, int Port)
{
    /// <summary>
    /// Parses bootstrap.servers: comma-separated <c>host:port</c> or <c>[v6addr]:port</c>, blanks
    /// ignored, an optional <c>PLAINTEXT://</c>-style prefix dropped. Throws
    /// <see cref="KafkaConfigException"/> for an entry without a valid port.
    /// </summary>
    public static IReadOnlyList<BrokerAddress> ParseList(string servers)
    {
        var result = new List<BrokerAddress>();
        foreach (var raw in (servers ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var entry = raw;
            var scheme = entry.IndexOf("://", StringComparison.Ordinal);
            if (scheme >= 0)
            {
                entry = entry[(scheme + 3)..];
            }

            var colon = entry.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(entry.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                throw new KafkaConfigException(ConfigNames.BootstrapServers, servers, $"Invalid url in bootstrap.servers: {raw}");
            }

            var host = entry[..colon];
            if (host.StartsWith('[') && host.EndsWith(']'))
            {
                host = host[1..^1];
            }

            result.Add(new BrokerAddress(host, port));
        }

        return result;
    }

    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
