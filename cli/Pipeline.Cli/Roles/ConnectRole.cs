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
    /// <c>connect.mode</c>: distributed (default) makes the worker of <c>pipeline up</c> one member of
    /// group connect-cluster with its configs, offsets and status in connect-configs/-offsets/-status
    /// (replication factor 1), so connectors survive restarts; standalone keeps configs in memory
    /// and offsets under data/connect.
    /// </summary>
    public const string ModeKey = "connect.mode";

    /// <summary>
    /// The worker of <c>pipeline up</c>: http://127.0.0.1:8083, JSON converters, distributed (or
    /// standalone with offsets under <paramref name="dataDir"/>/connect), the registry's URL given to the converters
    /// (<c>key.converter.schema.registry.url</c>, <c>value.converter.schema.registry.url</c>).
    /// </summary>
    public static Task<ConnectWorkerHost> StartBesideAsync(BrokerServer broker, IReadOnlyDictionary<string, string> properties, string? registryUrl, string dataDir, ILoggerFactory loggers, LoggerLevels levels, CancellationToken cancellationToken)
    {
        var client = broker.Endpoints.FirstOrDefault(e => e.ListenerName != "CONTROLLER") ?? broker.Endpoints[0];
        var host = client.Host is "0.0.0.0" or "" ? "127.0.0.1" : client.Host;
        var mode = properties.TryGetValue(ModeKey, out var m) ? m.Trim().ToLowerInvariant() : "distributed";
        if (mode is not ("distributed" or "standalone"))
        {
            throw new FormatException($"{ModeKey}: '{m}' is neither distributed nor standalone");
        }

        var distributed = mode == "distributed";
        var worker = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["bootstrap.servers"] = $"{host}:{client.Port}",
            ["listeners"] = "http://127.0.0.1:8083",
            ["key.converter"] = "org.apache.kafka.connect.json.JsonConverter",
            ["value.converter"] = "org.apache.kafka.connect.json.JsonConverter",
            ["offset.flush.interval.ms"] = "10000",
        };
        if (distributed)
        {
            worker["group.id"] = "connect-cluster";
            worker["config.storage.topic"] = "connect-configs";
            worker["offset.storage.topic"] = "connect-offsets";
            worker["status.storage.topic"] = "connect-status";
            worker["config.storage.replication.factor"] = "1";
            worker["offset.storage.replication.factor"] = "1";
            worker["status.storage.replication.factor"] = "1";
        }
        else
        {
            var connectDir = Path.Combine(dataDir, "connect");
            Directory.CreateDirectory(connectDir);
            worker["offset.storage.file.filename"] = Path.Combine(connectDir, "connect.offsets");
        }

        if (registryUrl is not null)
        {
            worker["key.converter.schema.registry.url"] = registryUrl;
            worker["value.converter.schema.registry.url"] = registryUrl;
        }

        foreach (var (k, v) in properties)
        {
            if (k.StartsWith(Prefix, StringComparison.Ordinal) && k.Length > Prefix.Length && k != ModeKey)
            {
                worker[k[Prefix.Length..]] = v;
            }
        }

        return distributed
            ? ConnectWorkerHost.StartDistributedAsync(worker, loggers, levels, cancellationToken)
            : ConnectWorkerHost.StartStandaloneAsync(worker, [], loggers, levels, cancellationToken);
    }

    public static void PrintListening(ConnectWorkerHost worker, TextWriter output) =>
        output.WriteLine($"pipeline: connect ({worker.Mode}) listening on {worker.Rest.AdvertisedUrl}");
}
