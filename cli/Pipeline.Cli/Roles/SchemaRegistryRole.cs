using Microsoft.Extensions.Logging;
using Pipeline.Broker;
using Pipeline.SchemaRegistry;

namespace Pipeline.Cli.Roles;

/// <summary>Starts the schema registry for <c>pipeline up</c> (next to the in-process broker) and for <c>pipeline schema-registry</c>.</summary>
internal static class SchemaRegistryRole
{
    /// <summary>The registry of <c>pipeline up</c>: 127.0.0.1:8081 (or <c>schema.registry.listeners</c>), storing in the in-process broker.</summary>
    public static Task<SchemaRegistryServer> StartBesideAsync(BrokerServer broker, IReadOnlyDictionary<string, string> properties, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var client = broker.Endpoints.FirstOrDefault(e => e.ListenerName != "CONTROLLER") ?? broker.Endpoints[0];
        var host = client.Host is "0.0.0.0" or "" ? "127.0.0.1" : client.Host;
        var registry = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["listeners"] = properties.TryGetValue("schema.registry.listeners", out var listeners) ? listeners : "http://127.0.0.1:8081",
            ["kafkastore.bootstrap.servers"] = $"{host}:{client.Port}",
            ["host.name"] = "127.0.0.1",
        };
        return SchemaRegistryServer.StartAsync(SchemaRegistryOptions.FromProperties(registry), loggers, cancellationToken);
    }

    public static void PrintListening(SchemaRegistryServer registry, TextWriter output) =>
        output.WriteLine($"pipeline: schema registry listening on {registry.Url}");
}
