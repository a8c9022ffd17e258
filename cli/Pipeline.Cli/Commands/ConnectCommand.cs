using System.CommandLine;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Pipeline.Cli.Roles;
using Pipeline.Connect.Api.Config;
using Pipeline.Protocol.Config;

namespace Pipeline.Cli.Commands;

/// <summary>
/// <c>pipeline connect standalone WORKER.properties [CONNECTOR.properties|.json ...]</c> and
/// <c>pipeline connect distributed WORKER.properties</c>: a Kafka Connect worker from Kafka's
/// worker config keys, with its REST API on <c>listeners</c>. Stops cleanly on Ctrl-C/SIGTERM.
/// </summary>
internal static class ConnectCommand
{
    public static Command Create()
    {
        var command = new Command("connect", "Run a Kafka Connect worker (standalone or distributed) with its REST API");
        command.Subcommands.Add(Standalone());
        command.Subcommands.Add(Distributed());
        return command;
    }

    private static Command Standalone()
    {
        var worker = new Argument<FileInfo>("WORKER.properties") { Description = "Worker config (bootstrap.servers, key.converter, value.converter, offset.storage.file.filename, listeners, plugin.path, ...)" };
        var connectors = new Argument<FileInfo[]>("CONNECTOR") { Description = "Connector configs to create at start (.properties, or .json: a flat map or {name, config, initial_state})", Arity = ArgumentArity.ZeroOrMore };
        var overrides = CommonOptions.Override();
        var logLevel = CommonOptions.LogLevel();
        var command = new Command("standalone", "One worker; connector configs from files and REST, source offsets in a local file") { worker, connectors, overrides, logLevel };
        command.SetAction(async (parse, ct) =>
        {
            var properties = Load(parse.GetValue(worker)!, parse.GetValue(overrides));
            if (properties is null)
            {
                return 2;
            }

            var files = (parse.GetValue(connectors) ?? []).Select(f => f.FullName).ToArray();
            foreach (var f in files)
            {
                if (!File.Exists(f))
                {
                    await Console.Error.WriteLineAsync($"pipeline: connector config {f} does not exist").ConfigureAwait(false);
                    return 2;
                }
            }

            return await RunAsync(parse.GetValue(logLevel)!, ct, (loggers, levels, token) => ConnectWorkerHost.StartStandaloneAsync(properties, files, loggers, levels, token)).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Distributed()
    {
        var worker = new Argument<FileInfo>("WORKER.properties") { Description = "Worker config (bootstrap.servers, group.id, config/offset/status.storage.topic, converters, listeners, ...)" };
        var overrides = CommonOptions.Override();
        var logLevel = CommonOptions.LogLevel();
        var command = new Command("distributed", "A worker of a Connect cluster: group membership, configs, offsets and status in compacted topics") { worker, overrides, logLevel };
        command.SetAction(async (parse, ct) =>
        {
            var properties = Load(parse.GetValue(worker)!, parse.GetValue(overrides));
            if (properties is null)
            {
                return 2;
            }

            return await RunAsync(parse.GetValue(logLevel)!, ct, (loggers, levels, token) => ConnectWorkerHost.StartDistributedAsync(properties, loggers, levels, token)).ConfigureAwait(false);
        });
        return command;
    }

    private static Dictionary<string, string>? Load(FileInfo file, string[]? overrides)
    {
        try
        {
            var properties = PropertiesFile.Load(file.FullName);
            CommonOptions.ApplyOverrides(properties, overrides);
            return properties;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            Console.Error.WriteLine($"pipeline: {e.Message}");
            return null;
        }
    }

    private static async Task<int> RunAsync(string logLevel, CancellationToken ct, Func<ILoggerFactory, Connect.Runtime.Rest.LoggerLevels, CancellationToken, Task<ConnectWorkerHost>> start)
    {
        var (loggers, levels) = ConnectLogging.Create(logLevel);
        using var loggerFactory = loggers;
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

        ConnectWorkerHost worker;
        try
        {
            worker = await start(loggers, levels, stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ConfigException or FormatException or NotSupportedException)
        {
            await Console.Error.WriteLineAsync($"pipeline: invalid worker config: {e.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            await Console.Error.WriteLineAsync($"pipeline: cannot start the Connect worker: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (OperationCanceledException)
        {
            return 1;
        }

        await using (worker.ConfigureAwait(false))
        {
            ConnectRole.PrintListening(worker, Console.Out);
            Console.Out.WriteLine("pipeline: ready; press Ctrl-C to stop");
            Console.Out.Flush();
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            Console.Out.WriteLine("pipeline: stopping");
        }

        Console.Out.WriteLine("pipeline: stopped");
        return 0;
    }
}
