using System.CommandLine;
using Pipeline.Cli.Roles;
using Pipeline.Protocol.Config;

namespace Pipeline.Cli.Commands;

/// <summary>
/// <c>pipeline up</c>: the whole platform in one process on the default ports with data under
/// <c>./data</c>. Stops cleanly on Ctrl-C.
/// </summary>
internal static class UpCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Data directory", DefaultValueFactory = _ => new DirectoryInfo("data") };
        var config = new Option<FileInfo?>("--config", "-c") { Description = "Optional .properties file applied over the defaults" };
        var overrides = CommonOptions.Override();
        var logLevel = CommonOptions.LogLevel();
        var command = new Command("up", "Run broker and controller, the schema registry (:8081), a Connect worker (:8083) and, as it lands, the console in one process") { data, config, overrides, logLevel };
        command.SetAction(async (parse, ct) =>
        {
            var dataDir = parse.GetValue(data)!.FullName;
            var properties = Defaults(dataDir);
            if (parse.GetValue(config) is { } file)
            {
                foreach (var (k, v) in PropertiesFile.Load(file.FullName))
                {
                    properties[k] = v;
                }
            }

            CommonOptions.ApplyOverrides(properties, parse.GetValue(overrides));
            return await ServerHost.RunAsync(properties, parse.GetValue(logLevel)!, ct, withSchemaRegistry: true, connectDataDir: dataDir).ConfigureAwait(false);
        });
        return command;
    }

    public static Dictionary<string, string> Defaults(string dataDir) => new(StringComparer.Ordinal)
    {
        ["node.id"] = "1",
        ["process.roles"] = "broker,controller",
        ["listeners"] = "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093",
        ["controller.listener.names"] = "CONTROLLER",
        ["log.dirs"] = Path.Combine(dataDir, "broker"),
        ["num.partitions"] = "1",
        ["offsets.topic.replication.factor"] = "1",
        ["transaction.state.log.replication.factor"] = "1",
        ["transaction.state.log.min.isr"] = "1",
    };
}
