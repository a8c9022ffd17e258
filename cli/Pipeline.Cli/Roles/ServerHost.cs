using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Pipeline.Broker;
using Pipeline.Broker.Config;

namespace Pipeline.Cli.Roles;

/// <summary>
/// Runs the server roles of one process until SIGINT/SIGTERM, then stops them cleanly. Prints one
/// "listening" line per endpoint on stdout when ready (scripts and tests wait for it).
/// </summary>
internal static class ServerHost
{
    /// <param name="connectDataDir">When set, a Connect worker also runs (pipeline up), its offsets under this directory.</param>
    public static async Task<int> RunAsync(Dictionary<string, string> properties, string logLevel, CancellationToken ct, bool withSchemaRegistry = false, string? connectDataDir = null)
    {
        // With Connect, log levels go through its registry so /admin/loggers can change them.
        var (connectLoggers, levels) = connectDataDir is null ? (null, null) : ConnectLogging.Create(logLevel);
        using var loggers = connectLoggers ?? LoggerFactory.Create(b => b
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
            })
            .SetMinimumLevel(Enum.TryParse<LogLevel>(logLevel, ignoreCase: true, out var level) ? level : LogLevel.Information));

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });

        BrokerServer broker;
        try
        {
            broker = await BrokerServer.StartAsync(new BrokerConfig(properties), loggers, cancellationToken: stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is BrokerConfigException or InvalidOperationException or IOException or UnauthorizedAccessException or InvalidDataException or Storage.Config.ConfigException)
        {
            await Console.Error.WriteLineAsync($"pipeline: cannot start the broker: {e.Message}").ConfigureAwait(false);
            return 1;
        }

        foreach (var e in broker.Endpoints)
        {
            Console.Out.WriteLine($"pipeline: broker {broker.Config.NodeId} listening on {e.ListenerName}://{e.Host}:{e.Port}");
        }

        Pipeline.SchemaRegistry.SchemaRegistryServer? registry = null;
        if (withSchemaRegistry)
        {
            try
            {
                registry = await SchemaRegistryRole.StartBesideAsync(broker, properties, loggers, stop.Token).ConfigureAwait(false);
                SchemaRegistryRole.PrintListening(registry, Console.Out);
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                await Console.Error.WriteLineAsync($"pipeline: cannot start the schema registry: {e.Message}").ConfigureAwait(false);
                await broker.DisposeAsync().ConfigureAwait(false);
                return 1;
            }
        }

        ConnectWorkerHost? connect = null;
        if (connectDataDir is not null)
        {
            try
            {
                connect = await ConnectRole.StartBesideAsync(broker, properties, registry?.Url, connectDataDir, loggers, levels!, stop.Token).ConfigureAwait(false);
                ConnectRole.PrintListening(connect, Console.Out);
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                await Console.Error.WriteLineAsync($"pipeline: cannot start Connect: {e.Message}").ConfigureAwait(false);
                if (registry is not null)
                {
                    await registry.DisposeAsync().ConfigureAwait(false);
                }

                await broker.DisposeAsync().ConfigureAwait(false);
                return 1;
            }
        }

        Console.Out.WriteLine($"pipeline: ready (cluster {broker.ClusterId}, data in {string.Join(",", broker.Config.LogDirs)}); press Ctrl-C to stop");
        Console.Out.Flush();
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        Console.Out.WriteLine("pipeline: stopping");
        if (connect is not null)
        {
            await connect.DisposeAsync().ConfigureAwait(false);
        }

        if (registry is not null)
        {
            await registry.DisposeAsync().ConfigureAwait(false);
        }

        await broker.DisposeAsync().ConfigureAwait(false);
        Console.Out.WriteLine("pipeline: stopped");
        return 0;
    }
}
