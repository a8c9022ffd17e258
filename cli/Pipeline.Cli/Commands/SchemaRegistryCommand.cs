using System.CommandLine;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Pipeline.Cli.Roles;
using Pipeline.Protocol.Config;
using Pipeline.SchemaRegistry;

namespace Pipeline.Cli.Commands;

/// <summary>
/// <c>pipeline schema-registry --config schema-registry.properties [--override k=v ...]</c>: one
/// registry instance from Confluent's config keys (listeners, kafkastore.bootstrap.servers, ...).
/// Several instances with the same schema.registry.group.id elect one primary.
/// </summary>
internal static class SchemaRegistryCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config", "-c") { Description = "Confluent-style schema-registry.properties (listeners, kafkastore.bootstrap.servers, ...)", Required = true };
        var overrides = CommonOptions.Override();
        var logLevel = CommonOptions.LogLevel();
        var command = new Command("schema-registry", "Run a Confluent-compatible schema registry storing in a broker's _schemas topic") { config, overrides, logLevel };
        command.SetAction(async (parse, ct) =>
        {
            var properties = PropertiesFile.Load(parse.GetValue(config)!.FullName);
            CommonOptions.ApplyOverrides(properties, parse.GetValue(overrides));
            SchemaRegistryOptions options;
            try
            {
                options = SchemaRegistryOptions.FromProperties(properties);
            }
            catch (SchemaRegistryConfigException e)
            {
                await Console.Error.WriteLineAsync($"pipeline: {e.Message}").ConfigureAwait(false);
                return 2;
            }

            return await RunAsync(options, parse.GetValue(logLevel)!, ct).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(SchemaRegistryOptions options, string logLevel, CancellationToken ct)
    {
        using var loggers = LoggerFactory.Create(b => b
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

        SchemaRegistryServer registry;
        try
        {
            registry = await SchemaRegistryServer.StartAsync(options, loggers, stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            await Console.Error.WriteLineAsync($"pipeline: cannot start the schema registry: {e.Message}").ConfigureAwait(false);
            return 1;
        }

        await using (registry.ConfigureAwait(false))
        {
            SchemaRegistryRole.PrintListening(registry, Console.Out);
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
