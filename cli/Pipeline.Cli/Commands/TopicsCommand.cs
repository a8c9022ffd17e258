using System.CommandLine;
using Pipeline.Cli.Tools;
using Pipeline.Cli.Tools.Connection;
using Pipeline.Cli.Tools.Topics;

namespace Pipeline.Cli.Commands;

/// <summary><c>pipeline topics create|list|describe|delete|alter</c>: kafka-topics.sh.</summary>
internal static class TopicsCommand
{
    public static Command Create(ToolConsole console)
    {
        var command = new Command("topics", "Create, list, describe, delete and alter topics (kafka-topics)");
        command.Subcommands.Add(CreateTopic(console));
        command.Subcommands.Add(List(console));
        command.Subcommands.Add(Describe(console));
        command.Subcommands.Add(Delete(console));
        command.Subcommands.Add(Alter(console));
        return command;
    }

    private static Command CreateTopic(ToolConsole console)
    {
        var tool = new ToolOptions();
        var names = new TopicNames("Topic to create");
        var partitions = new Option<int>("--partitions", "-p") { Description = "Number of partitions (default: the broker's num.partitions)", DefaultValueFactory = _ => -1 };
        var replication = new Option<short>("--replication-factor", "-r") { Description = "Replicas per partition (default: the broker's default.replication.factor)", DefaultValueFactory = _ => -1 };
        var configs = ConfigOption("--config", "A topic config key=value (repeatable), e.g. --config retention.ms=86400000");
        var ifNotExists = new Option<bool>("--if-not-exists") { Description = "Succeed when the topic already exists" };
        var command = tool.AddTo(names.AddTo(new Command("create", "Create a topic") { partitions, replication, configs, ifNotExists }));
        ToolOptions.SetAction(command, console, "topics create", async (parse, ct) =>
        {
            var topics = names.Required(parse, "pipeline topics create orders --partitions 3");
            var settings = KeyValue.ParseAll(parse.GetValue(configs), "--config", "--config retention.ms=86400000");
            var p = parse.GetValue(partitions);
            if (p == 0 || p < -1)
            {
                throw ToolException.Usage($"--partitions {p}: a topic needs at least 1 partition");
            }

            await using var admin = await tool.Client(parse).ConnectAdminAsync(ct).ConfigureAwait(false);
            return await new TopicsTool(admin, console, tool.Format(parse))
                .CreateAsync(topics, p, parse.GetValue(replication), settings, parse.GetValue(ifNotExists), ct).ConfigureAwait(false);
        });
        return command;
    }

    private static Command List(ToolConsole console)
    {
        var tool = new ToolOptions();
        var excludeInternal = new Option<bool>("--exclude-internal") { Description = "Leave out internal topics (__consumer_offsets, ...)" };
        var command = tool.AddTo(new Command("list", "List topics with their partition count") { excludeInternal });
        ToolOptions.SetAction(command, console, "topics list", async (parse, ct) =>
        {
            await using var admin = await tool.Client(parse).ConnectAdminAsync(ct).ConfigureAwait(false);
            return await new TopicsTool(admin, console, tool.Format(parse)).ListAsync(!parse.GetValue(excludeInternal), ct).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Describe(ToolConsole console)
    {
        var tool = new ToolOptions();
        var names = new TopicNames("Topic to describe (default: every topic)");
        var includeInternal = new Option<bool>("--include-internal") { Description = "With no topic named: internal topics too" };
        var command = tool.AddTo(names.AddTo(new Command("describe", "Partitions, leaders, replicas, ISR, offsets and overridden configs") { includeInternal }));
        ToolOptions.SetAction(command, console, "topics describe", async (parse, ct) =>
        {
            await using var admin = await tool.Client(parse).ConnectAdminAsync(ct).ConfigureAwait(false);
            return await new TopicsTool(admin, console, tool.Format(parse)).DescribeAsync(names.Get(parse), parse.GetValue(includeInternal), ct).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Delete(ToolConsole console)
    {
        var tool = new ToolOptions();
        var names = new TopicNames("Topic to delete");
        var ifExists = new Option<bool>("--if-exists") { Description = "Succeed when the topic does not exist" };
        var command = tool.AddTo(names.AddTo(new Command("delete", "Delete topics and their data") { ifExists }));
        ToolOptions.SetAction(command, console, "topics delete", async (parse, ct) =>
        {
            var topics = names.Required(parse, "pipeline topics delete orders");
            await using var admin = await tool.Client(parse).ConnectAdminAsync(ct).ConfigureAwait(false);
            return await new TopicsTool(admin, console, tool.Format(parse)).DeleteAsync(topics, parse.GetValue(ifExists), ct).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Alter(ToolConsole console)
    {
        var tool = new ToolOptions();
        var names = new TopicNames("Topic to alter");
        var partitions = new Option<int?>("--partitions", "-p") { Description = "Grow the topic to this many partitions (they cannot shrink)" };
        var configs = ConfigOption("--config", "Set a topic config key=value (repeatable)");
        var deleteConfigs = new Option<string[]>("--delete-config") { Description = "Remove a topic config override (repeatable)", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };
        var command = tool.AddTo(names.AddTo(new Command("alter", "Add partitions or change topic configs") { partitions, configs, deleteConfigs }));
        ToolOptions.SetAction(command, console, "topics alter", async (parse, ct) =>
        {
            var topic = names.Single(parse, "pipeline topics alter orders --partitions 6");
            var set = KeyValue.ParseAll(parse.GetValue(configs), "--config", "--config retention.ms=86400000");
            var delete = (parse.GetValue(deleteConfigs) ?? []).SelectMany(d => d.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
            await using var admin = await tool.Client(parse).ConnectAdminAsync(ct).ConfigureAwait(false);
            return await new TopicsTool(admin, console, tool.Format(parse)).AlterAsync(topic, parse.GetValue(partitions), set, delete, ct).ConfigureAwait(false);
        });
        return command;
    }

    internal static Option<string[]> ConfigOption(string name, string description) =>
        new(name) { Description = description, Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };
}
