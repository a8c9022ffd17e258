using System.CommandLine;
using Pipeline.Cli.Roles;
using Pipeline.Protocol.Config;

namespace Pipeline.Cli.Commands;

/// <summary><c>pipeline broker --config server.properties [--override k=v ...]</c>: one broker from a Kafka-style config.</summary>
internal static class BrokerCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config", "-c") { Description = "Kafka-style .properties file (node.id, listeners, log.dirs, ...)", Required = true };
        var overrides = CommonOptions.Override();
        var logLevel = CommonOptions.LogLevel();
        var command = new Command("broker", "Run a broker from a Kafka-style .properties file") { config, overrides, logLevel };
        command.SetAction(async (parse, ct) =>
        {
            var properties = PropertiesFile.Load(parse.GetValue(config)!.FullName);
            CommonOptions.ApplyOverrides(properties, parse.GetValue(overrides));
            return await ServerHost.RunAsync(properties, parse.GetValue(logLevel)!, ct).ConfigureAwait(false);
        });
        return command;
    }
}
