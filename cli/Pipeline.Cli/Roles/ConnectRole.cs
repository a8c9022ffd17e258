using Microsoft.Extensions.Logging;
using Pipeline.Broker;
using Pipeline.Connect.Runtime.Rest;

namespace Pipeline.Cli.Roles;

/// <summary>Starts the Connect worker of <c>pipeline up</c> (next to the in-process broker and registry) and prints where it listens.</summary>
internal static class ConnectRole
{
    /// <summary>The prefix of <c>pipeline up</c> settings passed to its worker with the prefix removed (connect.plugin.path=..., connect.listeners=...).</summary>
    public const string Prefix = "connect.";

    /// <summary>
    /// The worker of <c>pipeline up</c>: http://127.0.0.1:8083, JSON converters, offsets under
    /// <paramref name="dataDir"/>/connect, the registry's URL given to the converters
    /// (<c>key.converter.schema.registry.url</c>, <c>value.converter.schema.registry.url</c>).
    /// </summary>
    public static Task<ConnectWorkerHost> StartBesideAsync(BrokerServer broker, IReadOnlyDictionary<string, string> properties, string? registryUrl, string dataDir, ILoggerFactory loggers, LoggerLevels levels, CancellationToken cancellationToken)
    {
        var client = broker.Endpoints.FirstOrDefault(e => e.ListenerName != "CONTROLLER") ?? broker.Endpoints[0];
        var host = client.Host is "0.0.0.0" or "" ? "127.0.0.1" : client.Host;
        var connectDir = Path.Combine(dataDir, "connect");
        Directory.CreateDirectory(connectDir);
        var worker = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["bootstrap.servers"] = $"{host}:{client.Port}",
            ["listeners"] = "http://127.0.0.1:8083",
            ["key.converter"] = "org.apache.kafka.connect.json.JsonConverter",
            ["value.converter"] = "org.apache.kafka.connect.json.JsonConverter",
            ["offset.storage.file.filename"] = Path.Combine(connectDir, "connect.offsets"),
            ["offset.flush.interval.ms"] = "10000",
        };
        if (registryUrl is not null)
        {
            worker["key.converter.schema.registry.url"] = registryUrl;
            worker["value.converter.schema.registry.url"] = registryUrl;
        }

        foreach (var (k, v) in properties)
        {
            if (k.StartsWith(Prefix, StringComparison.Ordinal) && k.Length > Prefix.Length)
            {
                worker[k[Prefix.Length..]] = v;
            }
        }

        return ConnectWorkerHost.StartStandaloneAsync(worker, [], loggers, levels, cancellationToken);
    }

    public static void PrintListening(ConnectWorkerHost worker, TextWriter output) =>
        output.WriteLine($"pipeline: connect ({worker.Mode}) listening on {worker.Rest.AdvertisedUrl}");
}
