using System.CommandLine;
using System.Text;
using Pipeline.Cli.Tools;
using Pipeline.Cli.Tools.Connection;
using Pipeline.Cli.Tools.Produce;
using Pipeline.Client;
using Pipeline.Client.Config;
using Pipeline.Client.Producer;

namespace Pipeline.Cli.Commands;

/// <summary><c>pipeline produce --topic T</c>: kafka-console-producer (records from stdin lines).</summary>
internal static class ProduceCommand
{
    public static Command Create(ToolConsole console)
    {
        var tool = new ToolOptions(configAliases: ["--producer.config"], settingAliases: ["--producer-property"]);
        var names = new TopicNames("Topic to write to");
        var partition = new Option<int?>("--partition") { Description = "Write every record to this partition (default: by key, sticky for null keys)" };
        var properties = TopicsCommand.ConfigOption("--property", "Line format: parse.key=true, key.separator=:, parse.headers=true, headers.delimiter, headers.separator, headers.key.separator, null.marker, ignore.error");
        var keySeparator = new Option<string?>("--key-separator", "-K") { Description = "Short for --property parse.key=true --property key.separator=SEP" };
        var headers = new Option<string[]>("--header", "-H") { Description = "A header key=value added to every record (repeatable)", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };
        var acks = new Option<string?>("--acks", "--request-required-acks") { Description = "all, 1 or 0 (default: all)" };
        var compression = new Option<string?>("--compression-codec", "--compression") { Description = "none, gzip, snappy, lz4 or zstd" };
        var sync = new Option<bool>("--sync") { Description = "Wait for each record to be acknowledged before reading the next line" };
        var file = new Option<FileInfo?>("--file", "-f") { Description = "Read lines from this file instead of stdin" };
        var command = tool.AddTo(names.AddTo(new Command("produce", "Write stdin lines to a topic as records (kafka-console-producer)")
        {
            partition, properties, keySeparator, headers, acks, compression, sync, file,
        }));
        ToolOptions.SetAction(command, console, "produce", async (parse, ct) =>
        {
            var topic = names.Single(parse, "echo hello | pipeline produce --topic demo");
            var lineProperties = KeyValue.ParseAll(parse.GetValue(properties), "--property", "--property parse.key=true");
            if (parse.GetValue(keySeparator) is { } sep)
            {
                lineProperties["parse.key"] = "true";
                lineProperties["key.separator"] = sep;
            }

            var fixedHeaders = KeyValue.ParseAll(parse.GetValue(headers), "--header", "--header source=cli")
                .Select(h => new Header(h.Key, Encoding.UTF8.GetBytes(h.Value))).ToList();
            var parser = new LineParser(LineFormat.FromProperties(lineProperties), fixedHeaders);
            var inputFile = parse.GetValue(file);
            if (inputFile is { Exists: false })
            {
                throw ToolException.Usage($"--file {inputFile.FullName}: no such file");
            }

            var settings = tool.Client(parse);
            var defaults = new Dictionary<string, string>
            {
                [ConfigNames.ClientId] = "pipeline-console-producer",
                [ConfigNames.MaxBlockMs] = "15000",
            };
            var config = settings.Build(defaults);
            if (parse.GetValue(acks) is { } a)
            {
                config[ConfigNames.Acks] = a;
            }

            if (parse.GetValue(compression) is { } c)
            {
                config[ConfigNames.CompressionType] = c;
            }

            await BrokerProbe.EnsureReachableAsync(settings.BootstrapServers, ct).ConfigureAwait(false);
            using var producer = new ProducerBuilder<byte[]?, byte[]?>(config).Build();
            using var reader = inputFile is null ? null : new StreamReader(inputFile.FullName, Encoding.UTF8);
            return await new ProduceTool(console).RunAsync(producer, reader ?? console.In, topic, parse.GetValue(partition), parser, parse.GetValue(sync), tool.Format(parse), ct).ConfigureAwait(false);
        });
        return command;
    }
}
