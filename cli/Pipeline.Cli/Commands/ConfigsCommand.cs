using System.CommandLine;
using System.Globalization;
using Pipeline.Cli.Tools;
using Pipeline.Cli.Tools.Configs;
using Pipeline.Client.Admin;

namespace Pipeline.Cli.Commands;

/// <summary><c>pipeline configs describe|alter</c>: kafka-configs for topics, brokers, broker loggers and groups.</summary>
internal static class ConfigsCommand
{
    public static Command Create(ToolConsole console)
    {
        var command = new Command("configs", "Describe and change topic, broker and group configs (kafka-configs)");
        command.Subcommands.Add(Describe(console));
        command.Subcommands.Add(Alter(console));
        return command;
    }

    private static Command Describe(ToolConsole console)
    {
        var tool = new ToolOptions();
        var entity = new EntityOptions();
        var all = new Option<bool>("--all") { Description = "Every config with its source, not only the dynamic overrides" };
        var command = tool.AddTo(entity.AddTo(new Command("describe", "Show configs (default: the overrides; --all: everything)") { all }));
        ToolOptions.SetAction(command, console, "configs describe", async (parse, ct) =>
        {
            var (type, names) = entity.Get(parse, required: false);
            await using var admin = await tool.Client(parse).ConnectAdminAsync(ct).ConfigureAwait(false);
            return await new ConfigsTool(admin, console, tool.Format(parse)).DescribeAsync(type, names, parse.GetValue(all), ct).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Alter(ToolConsole console)
    {
        var tool = new ToolOptions();
        var entity = new EntityOptions();
        var add = new Option<string[]>("--add-config") { Description = "key=value[,key=value] to set; a list value in brackets: cleanup.policy=[compact,delete]", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };
        var delete = new Option<string[]>("--delete-config") { Description = "key[,key] to remove (back to the default)", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };
        var command = tool.AddTo(entity.AddTo(new Command("alter", "Set or remove configs") { add, delete }));
        ToolOptions.SetAction(command, console, "configs alter", async (parse, ct) =>
        {
            var (type, names) = entity.Get(parse, required: true);
            if (names.Count != 1)
            {
                throw ToolException.Usage($"one entity at a time, got {names.Count}");
            }

            var set = (parse.GetValue(add) ?? []).SelectMany(ConfigValueList.Parse).ToList();
            var remove = (parse.GetValue(delete) ?? []).SelectMany(d => d.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
            await using var admin = await tool.Client(parse).ConnectAdminAsync(ct).ConfigureAwait(false);
            return await new ConfigsTool(admin, console, tool.Format(parse)).AlterAsync(type, names[0], set, remove, ct).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>kafka-configs' <c>--entity-type T --entity-name N</c>, and the short forms <c>--topic</c>, <c>--broker</c>, <c>--group</c>.</summary>
    private sealed class EntityOptions
    {
        private readonly Option<string?> _type = new("--entity-type") { Description = "topics, brokers, broker-loggers or groups" };
        private readonly Option<string[]> _name = new("--entity-name") { Description = "The topic name, broker id or group id (repeatable for describe)", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };
        private readonly Option<string?> _topic = new("--topic", "-t") { Description = "Short for --entity-type topics --entity-name NAME" };
        private readonly Option<int?> _broker = new("--broker") { Description = "Short for --entity-type brokers --entity-name ID" };
        private readonly Option<string?> _group = new("--group", "-g") { Description = "Short for --entity-type groups --entity-name ID" };

        public Command AddTo(Command command)
        {
            command.Options.Add(_type);
            command.Options.Add(_name);
            command.Options.Add(_topic);
            command.Options.Add(_broker);
            command.Options.Add(_group);
            return command;
        }

        public (ConfigResourceType Type, IReadOnlyList<string> Names) Get(ParseResult parse, bool required)
        {
            var shortForms = new List<(ConfigResourceType, string)>();
            if (parse.GetValue(_topic) is { } t)
            {
                shortForms.Add((ConfigResourceType.Topic, t));
            }

            if (parse.GetValue(_broker) is { } b)
            {
                shortForms.Add((ConfigResourceType.Broker, b.ToString(CultureInfo.InvariantCulture)));
            }

            if (parse.GetValue(_group) is { } g)
            {
                shortForms.Add((ConfigResourceType.Group, g));
            }

            var typeText = parse.GetValue(_type);
            var names = parse.GetValue(_name) ?? [];
            if (shortForms.Count > 1 || (shortForms.Count == 1 && (typeText is not null || names.Length > 0)))
            {
                throw ToolException.Usage("name one entity kind: --topic, --broker, --group, or --entity-type with --entity-name");
            }

            if (shortForms.Count == 1)
            {
                return (shortForms[0].Item1, [shortForms[0].Item2]);
            }

            if (typeText is null)
            {
                throw ToolException.Usage("which entity? Pass --topic NAME, --broker ID, --group ID, or --entity-type topics|brokers|broker-loggers|groups");
            }

            var type = ConfigsTool.ParseEntityType(typeText);
            if (required && names.Length == 0)
            {
                throw ToolException.Usage($"which {ConfigsTool.EntityTypeName(type)[..^1]}? Pass --entity-name NAME");
            }

            return (type, names);
        }
    }
}
