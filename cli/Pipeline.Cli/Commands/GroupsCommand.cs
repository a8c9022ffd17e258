using System.CommandLine;
using Pipeline.Cli.Tools;
using Pipeline.Cli.Tools.Groups;
using Pipeline.Protocol;

namespace Pipeline.Cli.Commands;

/// <summary><c>pipeline groups list|describe|delete|delete-offsets|reset-offsets</c>: kafka-consumer-groups.</summary>
internal static class GroupsCommand
{
    public static Command Create(ToolConsole console)
    {
        var command = new Command("groups", "List, describe (offsets and lag), delete groups and reset their offsets (kafka-consumer-groups)");
        command.Subcommands.Add(List(console));
        command.Subcommands.Add(Describe(console));
        command.Subcommands.Add(Delete(console));
        command.Subcommands.Add(DeleteOffsets(console));
        command.Subcommands.Add(ResetOffsets(console));
        return command;
    }

    private static Command List(ToolConsole console)
    {
        var tool = new ToolOptions();
        var command = tool.AddTo(new Command("list", "List groups with their type and state"));
        ToolOptions.SetAction(command, console, "groups list", async (parse, ct) =>
        {
            await using var admin = await tool.Client(parse).ConnectAdminAsync(ct).ConfigureAwait(false);
            return await new GroupsTool(admin, console, tool.Format(parse)).ListAsync(ct).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Describe(ToolConsole console)
    {
        var tool = new ToolOptions();
        var groups = new GroupIds();
        var allGroups = new Option<bool>("--all-groups") { Description = "Every group" };
        var members = new Option<bool>("--members") { Description = "Show members and their assignments" };
        var state = new Option<bool>("--state") { Description = "Show state, coordinator and member count" };
        var command = tool.AddTo(groups.AddTo(new Command("describe", "Per partition: committed offset, log end offset, lag and owner") { allGroups, members, state }));
        ToolOptions.SetAction(command, console, "groups describe", async (parse, ct) =>
        {
            var ids = parse.GetValue(allGroups) ? [] : groups.Required(parse, "pipeline groups describe --group my-app (or --all-groups)");
            var view = parse.GetValue(members) ? GroupDescribeView.Members : parse.GetValue(state) ? GroupDescribeView.State : GroupDescribeView.Offsets;
            await using var admin = await tool.Client(parse).ConnectAdminAsync(ct).ConfigureAwait(false);
            return await new GroupsTool(admin, console, tool.Format(parse)).DescribeAsync(ids, view, ct).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Delete(ToolConsole console)
    {
        var tool = new ToolOptions();
        var groups = new GroupIds();
        var command = tool.AddTo(groups.AddTo(new Command("delete", "Delete groups (with no active members) and their committed offsets")));
        ToolOptions.SetAction(command, console, "groups delete", async (parse, ct) =>
        {
            var ids = groups.Required(parse, "pipeline groups delete --group my-app");
            await using var admin = await tool.Client(parse).ConnectAdminAsync(ct).ConfigureAwait(false);
            return await new GroupsTool(admin, console, tool.Format(parse)).DeleteAsync(ids, ct).ConfigureAwait(false);
        });
        return command;
    }

    private static Command DeleteOffsets(ToolConsole console)
    {
        var tool = new ToolOptions();
        var groups = new GroupIds();
        var topics = TopicScope();
        var command = tool.AddTo(groups.AddTo(new Command("delete-offsets", "Delete a group's committed offsets for topics or partitions") { topics }));
        ToolOptions.SetAction(command, console, "groups delete-offsets", async (parse, ct) =>
        {
            var id = groups.Single(parse, "pipeline groups delete-offsets --group my-app --topic orders");
            var scope = (parse.GetValue(topics) ?? []).Select(ResetArguments.ParseTopic).ToList();
            if (scope.Count == 0)
            {
                throw ToolException.Usage("which offsets? Pass --topic TOPIC or --topic TOPIC:P,P");
            }

            await using var admin = await tool.Client(parse).ConnectAdminAsync(ct).ConfigureAwait(false);
            var partitions = new List<TopicPartition>();
            foreach (var (topic, chosen) in scope)
            {
                if (chosen is null)
                {
                    var described = await admin.DescribeTopicsAsync([topic], cancellationToken: ct).ConfigureAwait(false);
                    partitions.AddRange(described[0].Partitions.Select(p => new TopicPartition(topic, p.Partition)));
                }
                else
                {
                    partitions.AddRange(chosen.Select(p => new TopicPartition(topic, p)));
                }
            }

            return await new GroupsTool(admin, console, tool.Format(parse)).DeleteOffsetsAsync(id, partitions, ct).ConfigureAwait(false);
        });
        return command;
    }

    private static Command ResetOffsets(ToolConsole console)
    {
        var tool = new ToolOptions();
        var groups = new GroupIds();
        var topics = TopicScope();
        var allTopics = new Option<bool>("--all-topics") { Description = "Every topic the group has committed offsets for" };
        var toEarliest = new Option<bool>("--to-earliest") { Description = "To the log start" };
        var toLatest = new Option<bool>("--to-latest") { Description = "To the log end" };
        var toCurrent = new Option<bool>("--to-current") { Description = "To the committed offset (the log end where none)" };
        var toOffset = new Option<long?>("--to-offset") { Description = "To this offset (clamped to the log)" };
        var shiftBy = new Option<long?>("--shift-by") { Description = "Move the committed offset by N (negative: back)" };
        var toDatetime = new Option<string?>("--to-datetime") { Description = "To the first record at or after this time (YYYY-MM-DDTHH:mm:SS.sss, or Unix ms)" };
        var byDuration = new Option<string?>("--by-duration") { Description = "To the first record at or after now minus this (PT15M, 2h, 1d)" };
        var execute = new Option<bool>("--execute") { Description = "Commit the new offsets" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only show the new offsets (the default)" };
        var command = tool.AddTo(groups.AddTo(new Command("reset-offsets", "Move an inactive group's offsets (dry run unless --execute)")
        {
            topics, allTopics, toEarliest, toLatest, toCurrent, toOffset, shiftBy, toDatetime, byDuration, execute, dryRun,
        }));
        ToolOptions.SetAction(command, console, "groups reset-offsets", async (parse, ct) =>
        {
            var id = groups.Single(parse, "pipeline groups reset-offsets --group my-app --topic orders --to-earliest --execute");
            var scenarios = new List<OffsetReset>();
            if (parse.GetValue(toEarliest))
            {
                scenarios.Add(new OffsetReset(OffsetResetKind.ToEarliest));
            }

            if (parse.GetValue(toLatest))
            {
                scenarios.Add(new OffsetReset(OffsetResetKind.ToLatest));
            }

            if (parse.GetValue(toCurrent))
            {
                scenarios.Add(new OffsetReset(OffsetResetKind.ToCurrent));
            }

            if (parse.GetValue(toOffset) is { } o)
            {
                scenarios.Add(new OffsetReset(OffsetResetKind.ToOffset, o));
            }

            if (parse.GetValue(shiftBy) is { } s)
            {
                scenarios.Add(new OffsetReset(OffsetResetKind.ShiftBy, s));
            }

            if (parse.GetValue(toDatetime) is { } dt)
            {
                scenarios.Add(new OffsetReset(OffsetResetKind.ToDatetime, Time: ResetArguments.ParseTime(dt)));
            }

            if (parse.GetValue(byDuration) is { } d)
            {
                scenarios.Add(new OffsetReset(OffsetResetKind.ByDuration, Time: DateTimeOffset.UtcNow - ResetArguments.ParseDuration(d)));
            }

            if (scenarios.Count != 1)
            {
                throw ToolException.Usage("pass exactly one of --to-earliest, --to-latest, --to-current, --to-offset N, --shift-by N, --to-datetime T, --by-duration D");
            }

            if (parse.GetValue(execute) && parse.GetValue(dryRun))
            {
                throw ToolException.Usage("--execute and --dry-run exclude each other");
            }

            var scope = (parse.GetValue(topics) ?? []).Select(ResetArguments.ParseTopic).ToList();
            if ((scope.Count > 0) == parse.GetValue(allTopics))
            {
                throw ToolException.Usage("pass --topic TOPIC[:P,P] (repeatable) or --all-topics");
            }

            await using var admin = await tool.Client(parse).ConnectAdminAsync(ct).ConfigureAwait(false);
            return await new ResetOffsetsTool(admin, console, tool.Format(parse))
                .RunAsync(id, scope, parse.GetValue(allTopics), scenarios[0], parse.GetValue(execute), ct).ConfigureAwait(false);
        });
        return command;
    }

    private static Option<string[]> TopicScope() =>
        new("--topic", "-t") { Description = "TOPIC or TOPIC:P,P (repeatable)", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };

    /// <summary>Group ids as <c>--group G</c> (repeatable) or arguments.</summary>
    private sealed class GroupIds
    {
        private readonly Option<string[]> _option = new("--group", "-g") { Description = "Group id", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };
        private readonly Argument<string[]> _argument = new("group") { Description = "Group id (same as --group)", Arity = ArgumentArity.ZeroOrMore };

        public Command AddTo(Command command)
        {
            command.Options.Add(_option);
            command.Arguments.Add(_argument);
            return command;
        }

        public IReadOnlyList<string> Required(ParseResult parse, string example)
        {
            var ids = TopicNames.NotOptions((parse.GetValue(_option) ?? []).Concat(parse.GetValue(_argument) ?? [])).Distinct(StringComparer.Ordinal).ToList();
            return ids.Count > 0 ? ids : throw ToolException.Usage($"which group? Pass --group ID (e.g. {example})");
        }

        public string Single(ParseResult parse, string example)
        {
            var ids = Required(parse, example);
            return ids.Count == 1 ? ids[0] : throw ToolException.Usage($"one group at a time, got {ids.Count}");
        }
    }
}
