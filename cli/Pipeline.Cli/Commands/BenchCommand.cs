using System.CommandLine;
using Pipeline.Cli.Tools;
using Pipeline.Cli.Tools.Bench;
using Pipeline.Cli.Tools.Connection;
using Pipeline.Client.Config;
using Pipeline.Client.Consumer;
using Pipeline.Client.Producer;
using Pipeline.Client.Serialization;

namespace Pipeline.Cli.Commands;

/// <summary><c>pipeline bench produce|consume|e2e</c>: kafka-producer-perf-test and friends, on Pipeline.Client.</summary>
internal static class BenchCommand
{
    public static Command Create(ToolConsole console)
    {
        var command = new Command("bench", "Measure throughput and latency with Pipeline's .NET client (kafka-producer-perf-test)");
        command.Subcommands.Add(Produce(console));
        command.Subcommands.Add(Consume(console));
        command.Subcommands.Add(EndToEnd(console));
        return command;
    }

    private static Command Produce(ToolConsole console)
    {
        var tool = new ToolOptions(settingAliases: ["--producer-props"]);
        var workload = new WorkloadOptions(BenchMode.Produce);
        var command = tool.AddTo(workload.AddTo(new Command("produce", "Send N records of S bytes; records/s, MB/s and send-to-ack latency percentiles")));
        ToolOptions.SetAction(command, console, "bench produce", async (parse, ct) =>
        {
            var settings = workload.Get(parse);
            var client = tool.Client(parse);
            await using var admin = await client.ConnectAdminAsync(ct).ConfigureAwait(false);
            var partitions = await BenchTopic.EnsureAsync(admin, settings.Topic, settings.Partitions, console, ct).ConfigureAwait(false);
            using var producer = new ProducerBuilder<Null, byte[]>(ProducerConfig(client, settings)).Build();
            var result = await new ProduceBench().RunAsync(producer, settings, partitions, console, ct).ConfigureAwait(false);
            BenchReport.Write(console, result, tool.Format(parse));
            return result.Failed == 0 ? ExitCodes.Ok : ExitCodes.Error;
        });
        return command;
    }

    private static Command Consume(ToolConsole console)
    {
        var tool = new ToolOptions(settingAliases: ["--consumer-props"]);
        var workload = new WorkloadOptions(BenchMode.Consume);
        var noCopy = new Option<bool>("--no-copy") { Description = "Read only each value's length (no byte[] per record): the fetch and decode path alone" };
        var command = tool.AddTo(workload.AddTo(new Command("consume", "Read N records from the log start (every partition, no group); records/s and MB/s") { noCopy }));
        ToolOptions.SetAction(command, console, "bench consume", async (parse, ct) =>
        {
            var settings = workload.Get(parse);
            var client = tool.Client(parse);
            await using var admin = await client.ConnectAdminAsync(ct).ConfigureAwait(false);
            var partitions = await BenchTopic.PartitionCountAsync(admin, settings.Topic, ct).ConfigureAwait(false);
            BenchResult result;
            if (parse.GetValue(noCopy))
            {
                using var consumer = new ConsumerBuilder<Ignore, int>(ConsumerConfig(client, eof: true)).SetValueDeserializer(new ValueLengthDeserializer()).Build();
                result = await new ConsumeBench().RunAsync(consumer, v => v, settings, partitions, console, ct).ConfigureAwait(false);
            }
            else
            {
                using var consumer = new ConsumerBuilder<Ignore, byte[]?>(ConsumerConfig(client, eof: true)).Build();
                result = await new ConsumeBench().RunAsync(consumer, v => v?.Length ?? 0, settings, partitions, console, ct).ConfigureAwait(false);
            }

            BenchReport.Write(console, result, tool.Format(parse));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command EndToEnd(ToolConsole console)
    {
        var tool = new ToolOptions();
        var workload = new WorkloadOptions(BenchMode.EndToEnd);
        var command = tool.AddTo(workload.AddTo(new Command("e2e", "Produce at --throughput and consume in the same process; send-to-receive latency percentiles")));
        ToolOptions.SetAction(command, console, "bench e2e", async (parse, ct) =>
        {
            var settings = workload.Get(parse);
            var client = tool.Client(parse);
            await using var admin = await client.ConnectAdminAsync(ct).ConfigureAwait(false);
            var partitions = await BenchTopic.EnsureAsync(admin, settings.Topic, settings.Partitions, console, ct).ConfigureAwait(false);
            var producerConfig = ProducerConfig(client, settings);
            if (!client.Properties.ContainsKey(ConfigNames.LingerMs))
            {
                // Kafka's EndToEndLatency sends without lingering; -X linger.ms=N puts it back.
                producerConfig[ConfigNames.LingerMs] = "0";
            }

            using var producer = new ProducerBuilder<Null, byte[]>(producerConfig).Build();
            using var consumer = new ConsumerBuilder<Ignore, byte[]?>(ConsumerConfig(client, eof: false)).Build();
            var result = await new EndToEndBench().RunAsync(producer, consumer, settings, partitions, console, ct).ConfigureAwait(false);
            BenchReport.Write(console, result, tool.Format(parse));
            return result.Failed == 0 ? ExitCodes.Ok : ExitCodes.Error;
        });
        return command;
    }

    /// <summary>The bench consumer: no group, the client's fetch defaults (Kafka's: fetch.max.bytes 50 MB, max.partition.fetch.bytes 1 MB); -X overrides.</summary>
    private static Dictionary<string, string> ConsumerConfig(ClientSettings client, bool eof) => client.Build(new Dictionary<string, string>
    {
        [ConfigNames.ClientId] = "pipeline-bench",
        [ConfigNames.EnablePartitionEof] = eof ? "true" : "false",
    });

    /// <summary>The bench producer: the client's defaults (Kafka's: batch.size 16384, linger.ms 5, idempotent), with --acks and --compression; -X overrides.</summary>
    private static Dictionary<string, string> ProducerConfig(ClientSettings client, BenchSettings settings)
    {
        var config = client.Build(new Dictionary<string, string>
        {
            [ConfigNames.ClientId] = "pipeline-bench",
        });
        config.TryAdd(ConfigNames.Acks, settings.Acks);
        config.TryAdd(ConfigNames.CompressionType, settings.Compression);
        return config;
    }

    private enum BenchMode
    {
        Produce,
        Consume,
        EndToEnd,
    }

    /// <summary>The workload options shared by the bench modes.</summary>
    private sealed class WorkloadOptions
    {
        private readonly BenchMode _mode;
        private readonly Option<string> _topic = new("--topic", "-t") { Description = "Topic (created with --partitions when missing)", DefaultValueFactory = _ => "pipeline-bench" };
        private readonly Option<long> _records = new("--records", "--num-records", "-n") { Description = "Records to send or read", DefaultValueFactory = _ => 1_000_000 };
        private readonly Option<int> _size = new("--record-size", "-s") { Description = "Bytes per record value", DefaultValueFactory = _ => 100 };
        private readonly Option<int> _partitions = new("--partitions", "-p") { Description = "Partitions of the topic when it is created", DefaultValueFactory = _ => 6 };
        private readonly Option<string> _acks = new("--acks", "-a") { Description = "all, 1 or 0", DefaultValueFactory = _ => "all" };
        private readonly Option<string> _compression = new("--compression", "-z") { Description = "none, gzip, snappy, lz4 or zstd", DefaultValueFactory = _ => "none" };
        private readonly Option<long> _throughput = new("--throughput") { Description = "Target records/s (0 or -1: as fast as possible)", DefaultValueFactory = _ => 0 };
        private readonly Option<long> _warmup = new("--warmup-records") { Description = "Records sent (consume: read, then rewound) before the measured run: JIT, connections", DefaultValueFactory = _ => 0 };

        public WorkloadOptions(BenchMode mode)
        {
            _mode = mode;
            if (mode == BenchMode.EndToEnd)
            {
                _records.DefaultValueFactory = _ => 100_000;
                _throughput.DefaultValueFactory = _ => 10_000;
                _partitions.DefaultValueFactory = _ => 1;
            }
        }

        public Command AddTo(Command command)
        {
            command.Options.Add(_topic);
            command.Options.Add(_records);
            command.Options.Add(_size);
            command.Options.Add(_partitions);
            if (_mode != BenchMode.Consume)
            {
                command.Options.Add(_acks);
                command.Options.Add(_compression);
                command.Options.Add(_throughput);
            }

            if (_mode != BenchMode.EndToEnd)
            {
                command.Options.Add(_warmup);
            }

            return command;
        }

        public BenchSettings Get(ParseResult parse)
        {
            var s = new BenchSettings
            {
                Topic = parse.GetValue(_topic)!,
                Records = parse.GetValue(_records),
                RecordSize = parse.GetValue(_size),
                Partitions = parse.GetValue(_partitions),
                Acks = parse.GetValue(_acks)!,
                Compression = parse.GetValue(_compression)!,
                Throughput = Math.Max(0, parse.GetValue(_throughput)),
                WarmupRecords = Math.Max(0, parse.GetValue(_warmup)),
            };
            if (s.Records <= 0 || s.RecordSize < 0 || s.Partitions <= 0)
            {
                throw ToolException.Usage("--records and --partitions must be positive, --record-size at least 0");
            }

            return s;
        }
    }
}
