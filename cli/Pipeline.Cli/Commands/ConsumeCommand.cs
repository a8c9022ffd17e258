using System.CommandLine;
using Pipeline.Cli.Tools;
using Pipeline.Cli.Tools.Connection;
using Pipeline.Cli.Tools.Consume;
using Pipeline.Cli.Tools.Groups;
using Pipeline.Client.Config;
using Pipeline.Client.Consumer;

namespace Pipeline.Cli.Commands;

/// <summary><c>pipeline consume --topic T</c>: kafka-console-consumer.</summary>
internal static class ConsumeCommand
{
    public static Command Create(ToolConsole console)
    {
        var tool = new ToolOptions(configAliases: ["--consumer.config"], settingAliases: ["--consumer-property"]);
        var names = new TopicNames("Topic to read");
        var include = new Option<string?>("--include", "--whitelist") { Description = "Read every topic matching this regular expression" };
        var group = new Option<string?>("--group", "-g") { Description = "Consume as a member of this group (committed offsets, rebalancing); without it the partitions are assigned directly" };
        var partitions = new Option<int[]>("--partition") { Description = "Read only this partition (repeatable; no --group)", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };
        var fromBeginning = new Option<bool>("--from-beginning") { Description = "Start at the log start (with a group: where it has no committed offset)" };
        var offset = new Option<string?>("--offset", "-o") { Description = "Start at earliest, latest or an offset (no --group)" };
        var fromTime = new Option<string?>("--from-timestamp") { Description = "Start at the first record at or after this time (ISO 8601 or Unix ms; no --group)" };
        var maxMessages = new Option<long>("--max-messages", "-n") { Description = "Stop after this many records" };
        var timeoutMs = new Option<long?>("--timeout-ms") { Description = "Stop after this long without a record" };
        var exitAtEnd = new Option<bool>("--exit-at-end", "-e") { Description = "Stop when every partition has been read to its end" };
        var properties = TopicsCommand.ConfigOption("--property", "Output: print.key, print.value, print.timestamp, print.partition, print.offset, print.headers (true|false), key.separator, line.separator, headers.separator, headers.key.separator, null.literal");
        var printKey = new Option<bool>("--print-key") { Description = "Short for --property print.key=true" };
        var printHeaders = new Option<bool>("--print-headers") { Description = "Short for --property print.headers=true" };
        var printTimestamp = new Option<bool>("--print-timestamp") { Description = "Short for --property print.timestamp=true" };
        var printOffset = new Option<bool>("--print-offset") { Description = "Short for --property print.partition=true --property print.offset=true" };
        var skip = new Option<bool>("--skip-message-on-error") { Description = "Go past a record that cannot be read instead of stopping" };
        var isolation = new Option<string?>("--isolation-level") { Description = "read_uncommitted (default) or read_committed" };
        var command = tool.AddTo(names.AddTo(new Command("consume", "Print records of topics (kafka-console-consumer)")
        {
            include, group, partitions, fromBeginning, offset, fromTime, maxMessages, timeoutMs, exitAtEnd,
            properties, printKey, printHeaders, printTimestamp, printOffset, skip, isolation,
        }));
        ToolOptions.SetAction(command, console, "consume", async (parse, ct) =>
        {
            var start = new ConsumeStart
            {
                Topics = names.Get(parse),
                Include = parse.GetValue(include),
                Group = parse.GetValue(group),
                Partitions = parse.GetValue(partitions) ?? [],
                FromBeginning = parse.GetValue(fromBeginning),
                Offset = parse.GetValue(offset) is { } o ? ParseOffset(o) : null,
                Timestamp = parse.GetValue(fromTime) is { } t ? ResetArguments.ParseTime(t) : null,
                MaxMessages = parse.GetValue(maxMessages),
                IdleTimeout = parse.GetValue(timeoutMs) is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
                ExitAtEnd = parse.GetValue(exitAtEnd),
                SkipMessageOnError = parse.GetValue(skip),
            };
            Validate(start);
            var format = RecordFormat.FromProperties(KeyValue.ParseAll(parse.GetValue(properties), "--property", "--property print.key=true"), new RecordFormat
            {
                PrintKey = parse.GetValue(printKey),
                PrintHeaders = parse.GetValue(printHeaders),
                PrintTimestamp = parse.GetValue(printTimestamp),
                PrintPartition = parse.GetValue(printOffset),
                PrintOffset = parse.GetValue(printOffset),
            });

            var settings = tool.Client(parse);
            var defaults = new Dictionary<string, string>
            {
                [ConfigNames.ClientId] = "pipeline-console-consumer",
                [ConfigNames.AutoOffsetReset] = start.FromBeginning ? "earliest" : "latest",
                [ConfigNames.EnablePartitionEof] = start.ExitAtEnd ? "true" : "false",
            };
            if (start.Group is { } g)
            {
                defaults[ConfigNames.GroupId] = g;
            }

            if (parse.GetValue(isolation) is { } level)
            {
                defaults[ConfigNames.IsolationLevel] = level;
            }

            await using var admin = await settings.ConnectAdminAsync(ct).ConfigureAwait(false);
            var assignment = start.Group is null ? await ConsumeTool.PlanAssignmentAsync(admin, start, ct).ConfigureAwait(false) : null;
            using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(settings.Build(defaults)).Build();
            return await new ConsumeTool(console, format, tool.Format(parse)).RunAsync(consumer, start, assignment, ct).ConfigureAwait(false);
        });
        return command;
    }

    private static long ParseOffset(string text) => text.Trim().ToLowerInvariant() switch
    {
        "earliest" or "beginning" => Offset.Beginning,
        "latest" or "end" => Offset.End,
        var n when long.TryParse(n, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) => v,
        _ => throw ToolException.Usage($"--offset {text}: expected earliest, latest or a non-negative offset"),
    };

    private static void Validate(ConsumeStart s)
    {
        if ((s.Topics.Count > 0) == (s.Include is not null))
        {
            throw ToolException.Usage("pass --topic NAME (e.g. pipeline consume --topic orders --from-beginning) or --include REGEX");
        }

        if (s.Group is not null && (s.Partitions.Count > 0 || s.Offset is not null || s.Timestamp is not null))
        {
            throw ToolException.Usage("--partition, --offset and --from-timestamp choose where to read without a group: drop --group, or use `pipeline groups reset-offsets` to move the group");
        }

        if (s.Offset is not null && s.Timestamp is not null)
        {
            throw ToolException.Usage("--offset and --from-timestamp exclude each other");
        }
    }
}
