using System.CommandLine;

namespace Pipeline.Cli.Commands;

/// <summary>The root of the <c>pipeline</c> command: one subcommand per file in this folder.</summary>
public static class PipelineCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Pipeline: a Kafka-compatible broker, schema registry and Connect runtime in .NET.");
        root.Subcommands.Add(UpCommand.Create());
        root.Subcommands.Add(BrokerCommand.Create());
        return root;
    }
}
