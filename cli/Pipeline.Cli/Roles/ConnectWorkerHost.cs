using Microsoft.Extensions.Logging;
using Pipeline.Connect.Runtime.Distributed;
using Pipeline.Connect.Runtime.Herder;
using Pipeline.Connect.Runtime.Plugins;
using Pipeline.Connect.Runtime.Rest;
using Pipeline.Connect.Runtime.Standalone;
using Pipeline.Connect.Runtime.Worker;
using Pipeline.Connectors.File.Lines;

namespace Pipeline.Cli.Roles;

/// <summary>
/// One Connect worker: its REST server and its herder. The REST listeners bind first, so a port-0
/// listener's real port becomes the worker id (rest.advertised.*) before the herder is built; the
/// herder is attached to the REST server once it has started. Disposing stops REST, then the herder.
/// </summary>
internal sealed class ConnectWorkerHost : IAsyncDisposable
{
    private ConnectWorkerHost(ConnectRestServer rest, IHerder herder, string mode)
    {
        Rest = rest;
        Herder = herder;
        Mode = mode;
    }

    public ConnectRestServer Rest { get; }

    public IHerder Herder { get; }

    public string Mode { get; }

    /// <summary>The plugins every worker of this executable has without plugin.path: the file connectors.</summary>
    public static IReadOnlyList<System.Reflection.Assembly> BuiltInPlugins { get; } = [typeof(FileStreamSourceConnector).Assembly];

    /// <summary>Starts a standalone worker (offsets in offset.storage.file.filename) with the connectors of <paramref name="connectorFiles"/>.</summary>
    public static async Task<ConnectWorkerHost> StartStandaloneAsync(IReadOnlyDictionary<string, string> properties, IReadOnlyList<string> connectorFiles, ILoggerFactory loggers, LoggerLevels? levels, CancellationToken cancellationToken)
    {
        // Fail on a bad worker config before binding any port.
        new WorkerConfig(properties).EnsureStandalone();
        var rest = await ConnectRestServer.StartAsync(ConnectRestOptions.FromProperties(properties), loggers, levels, cancellationToken).ConfigureAwait(false);
        IHerder? herder = null;
        try
        {
            var config = new WorkerConfig(Advertised(properties, rest));
            var plugins = PluginRegistry.Load(BuiltInPlugins, config.PluginPath, loggers.CreateLogger("Pipeline.Connect.Runtime.Plugins"));
            herder = new StandaloneHerder(config, plugins, loggers, connectorFiles);
            await herder.StartAsync(cancellationToken).ConfigureAwait(false);
            rest.Attach(herder);
            return new ConnectWorkerHost(rest, herder, "standalone");
        }
        catch
        {
            await rest.DisposeAsync().ConfigureAwait(false);
            if (herder is not null)
            {
                await herder.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>Starts a worker of a Connect cluster (group.id, config/offset/status.storage.topic); it joins the group in the background.</summary>
    public static async Task<ConnectWorkerHost> StartDistributedAsync(IReadOnlyDictionary<string, string> properties, ILoggerFactory loggers, LoggerLevels? levels, CancellationToken cancellationToken)
    {
        new WorkerConfig(properties).EnsureDistributed();
        var rest = await ConnectRestServer.StartAsync(ConnectRestOptions.FromProperties(properties), loggers, levels, cancellationToken).ConfigureAwait(false);
        IHerder? herder = null;
        try
        {
            var config = new WorkerConfig(Advertised(properties, rest));
            var plugins = PluginRegistry.Load(BuiltInPlugins, config.PluginPath, loggers.CreateLogger("Pipeline.Connect.Runtime.Plugins"));
            var distributed = DistributedHerderFactory.Create(config, plugins, loggers);
            herder = distributed;
            await distributed.StartAsync(cancellationToken).ConfigureAwait(false);
            rest.Attach(distributed);

            // "Ready" means writes work: wait for the first assignment to name a leader (until
            // then Kafka answers 409 "no known leader URL"; clients would have to retry).
            var deadline = DateTime.UtcNow + config.RebalanceTimeout;
            while (distributed.LeaderUrl is null && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }

            return new ConnectWorkerHost(rest, herder, "distributed");
        }
        catch
        {
            await rest.DisposeAsync().ConfigureAwait(false);
            if (herder is not null)
            {
                await herder.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Rest.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            await Herder.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The worker config with the REST server's advertised host and (bound) port, so worker ids never say port 0.</summary>
    private static Dictionary<string, string> Advertised(IReadOnlyDictionary<string, string> properties, ConnectRestServer rest)
    {
        var result = new Dictionary<string, string>(properties, StringComparer.Ordinal);
        var colon = rest.WorkerId.LastIndexOf(':');
        result["rest.advertised.host.name"] = rest.WorkerId[..colon];
        result["rest.advertised.port"] = rest.WorkerId[(colon + 1)..];
        return result;
    }
}
