using System.CommandLine;
using Pipeline.Cli.Tools;

namespace Pipeline.Cli.Commands;

/// <summary>The root of the <c>pipeline</c> command: one subcommand per file in this folder.</summary>
public static class PipelineCommand
{
    /// <summary>The command tree; the client tools read and write through <paramref name="console"/>.</summary>
    public static RootCommand Create(ToolConsole console)
    {
        var root = new RootCommand("Pipeline: a Kafka-compatible broker, schema registry and Connect runtime in .NET.");
        root.Subcommands.Add(UpCommand.Create());
        root.Subcommands.Add(BrokerCommand.Create());
        root.Subcommands.Add(SchemaRegistryCommand.Create());
        root.Subcommands.Add(ConnectCommand.Create());
        root.Subcommands.Add(TopicsCommand.Create(console));
        root.Subcommands.Add(ProduceCommand.Create(console));
        root.Subcommands.Add(ConsumeCommand.Create(console));
        root.Subcommands.Add(GroupsCommand.Create(console));
        root.Subcommands.Add(ConfigsCommand.Create(console));
        root.Subcommands.Add(BenchCommand.Create(console));
        return root;
    }

    /// <summary>
    /// Parses and runs. A command line that does not parse exits with 2 (usage) after saying
    /// what was wrong and where the help is; otherwise the command's own exit code.
    /// </summary>
    public static async Task<int> InvokeAsync(string[] args, ToolConsole? console = null, CancellationToken cancellationToken = default)
    {
        console ??= ToolConsole.FromProcess();
        var parse = Create(console).Parse(args);
        try
        {
            if (parse.Errors.Count > 0)
            {
                foreach (var e in parse.Errors)
                {
                    await console.Error.WriteLineAsync($"pipeline: {e.Message}").ConfigureAwait(false);
                }

                await console.Error.WriteLineAsync($"Run '{CommandPath(parse.CommandResult)} --help' for usage.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            return await parse.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await console.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static string CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new List<string>();
        for (var r = result; r is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(r.Parent is null ? "pipeline" : r.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
