using System.CommandLine;
using Pipeline.Cli.Tools;
using Pipeline.Cli.Tools.Connection;
using Pipeline.Cli.Tools.Output;

namespace Pipeline.Cli.Commands;

/// <summary>
/// The options every client tool takes (Kafka's names, kcat's -X): where the broker is, client
/// settings, and the output format. One instance per command: System.CommandLine symbols belong
/// to one parent.
/// </summary>
internal sealed class ToolOptions
{
    /// <param name="configAliases">Kafka's per-tool names of --command-config (e.g. --producer.config).</param>
    /// <param name="settingAliases">Kafka's per-tool names of -X (e.g. --producer-property).</param>
    public ToolOptions(string[]? configAliases = null, string[]? settingAliases = null)
    {
        CommandConfig = new Option<FileInfo?>("--command-config", configAliases ?? [])
        {
            Description = "A .properties file of client settings (Kafka's names: client.id, request.timeout.ms, ...)",
        };
        Settings = new Option<string[]>("-X", settingAliases ?? [])
        {
            Description = "A client setting key=value (repeatable), e.g. -X linger.ms=10",
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
    }

    public Option<string?> BootstrapServer { get; } = new("--bootstrap-server", "-b")
    {
        Description = $"Broker address HOST:PORT[,...] (default: ${ClientSettings.EnvironmentVariable}, else {ClientSettings.DefaultBootstrapServers})",
    };

    public Option<FileInfo?> CommandConfig { get; }

    public Option<string[]> Settings { get; }

    public Option<OutputFormat> Output { get; } = new("--output")
    {
        Description = "table (for people) or json (for scripts)",
        DefaultValueFactory = _ => OutputFormat.Table,
    };

    /// <summary>Adds the options to <paramref name="command"/>; <paramref name="output"/> false for tools whose output is not a result (bench prints its own).</summary>
    public Command AddTo(Command command, bool output = true)
    {
        command.Options.Add(BootstrapServer);
        command.Options.Add(CommandConfig);
        command.Options.Add(Settings);
        if (output)
        {
            command.Options.Add(Output);
        }

        return command;
    }

    public ClientSettings Client(ParseResult parse) =>
        ClientSettings.Resolve(parse.GetValue(BootstrapServer), parse.GetValue(CommandConfig), parse.GetValue(Settings));

    public OutputFormat Format(ParseResult parse) => parse.GetValue(Output);

    /// <summary>Sets the command's action: the tool body under <see cref="ToolRunner"/> (error lines and exit codes).</summary>
    public static void SetAction(Command command, ToolConsole console, string tool, Func<ParseResult, CancellationToken, Task<int>> body) =>
        command.SetAction((parse, ct) => ToolRunner.RunAsync(console, tool, token => body(parse, token), ct));
}
