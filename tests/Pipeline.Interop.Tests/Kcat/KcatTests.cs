using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Pipeline.Interop.Tests.Support;
using Pipeline.Testing.Brokers;
using Pipeline.Testing.Kafka;
using Xunit;
using Xunit.Abstractions;

namespace Pipeline.Interop.Tests.Kcat;

/// <summary>kcat 1.7.1 (librdkafka): metadata as JSON, keyed produce with headers, consume with a format string.</summary>
[Trait("Category", "Integration")]
public sealed class KcatTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Metadata_Json_ListsTheBrokerAndEveryPartition()
    {
        await using var broker = await BrokerProcess.StartAsync(output: output);
        await broker.CreateTopicAsync("kcat-meta", 4);

        var run = await ClientScripts.KcatAsync(["-b", broker.BootstrapServers, "-L", "-J", "-m", "10"], output: output);

        Assert.True(run.ExitCode == 0, run.Describe());
        var meta = JsonNode.Parse(run.StandardOutput)!;
        var brokerEntry = meta["brokers"]!.AsArray().Single()!;
        Assert.Equal(1, brokerEntry["id"]!.GetValue<int>());
        Assert.Equal(broker.BootstrapServers, brokerEntry["name"]!.GetValue<string>());
        var topic = meta["topics"]!.AsArray().Single(t => t!["topic"]!.GetValue<string>() == "kcat-meta")!;
        Assert.Null(topic["error"]);
        var partitions = topic["partitions"]!.AsArray();
        Assert.Equal([0, 1, 2, 3], partitions.Select(p => p!["partition"]!.GetValue<int>()).Order());
        Assert.All(partitions, p =>
        {
            Assert.Equal(1, p!["leader"]!.GetValue<int>());
            Assert.Equal([1], p["replicas"]!.AsArray().Select(r => r!["id"]!.GetValue<int>()));
            Assert.Equal([1], p["isrs"]!.AsArray().Select(r => r!["id"]!.GetValue<int>()));
        });
    }

    [Fact]
    public async Task ProduceConsume_KeysAndHeadersOnThreePartitions_ComeBackIntact()
    {
        const string topic = "kcat-records";
        const int partitions = 3;
        const int perPartition = 40;
        await using var broker = await BrokerProcess.StartAsync(output: output);
        await broker.CreateTopicAsync(topic, partitions);

        // kcat reads one record per line, split into key and value at the first ':'; -H adds the
        // same headers to every record.
        var expected = new Dictionary<int, List<(string Key, string Value)>>();
        for (var p = 0; p < partitions; p++)
        {
            var lines = Enumerable.Range(0, perPartition).Select(i => ($"key-{p}-{i}", $"value {p}/{i} ünï€ {new string('z', i)}")).ToList();
            expected[p] = lines;
            var stdin = string.Concat(lines.Select(l => $"{l.Item1}:{l.Item2}\n"));
            var produce = await ClientScripts.KcatAsync(
                ["-b", broker.BootstrapServers, "-P", "-t", topic, "-p", p.ToString(CultureInfo.InvariantCulture), "-K:", "-H", "trace=abc", "-H", "origin=kcat test", "-X", "acks=all"],
                stdin,
                output);
            Assert.True(produce.ExitCode == 0 && !produce.StandardError.Contains("failed", StringComparison.OrdinalIgnoreCase), $"kcat -P -p {p}:\n{produce.Describe()}\n{broker.Output}");
        }

        var consume = await ClientScripts.KcatAsync(
            ["-b", broker.BootstrapServers, "-C", "-t", topic, "-e", "-o", "beginning", "-q", "-f", "%p|%o|%k|%s|%h\n"],
            output: output);

        Assert.True(consume.ExitCode == 0, consume.Describe());
        var got = consume.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('|'))
            .Select(f => (Partition: int.Parse(f[0], CultureInfo.InvariantCulture), Offset: long.Parse(f[1], CultureInfo.InvariantCulture), Key: f[2], Value: f[3], Headers: f[4]))
            .ToList();
        Assert.Equal(partitions * perPartition, got.Count);
        for (var p = 0; p < partitions; p++)
        {
            var inPartition = got.Where(g => g.Partition == p).ToList();
            Assert.Equal(Enumerable.Range(0, perPartition).Select(i => (long)i), inPartition.Select(g => g.Offset));
            Assert.Equal(expected[p], inPartition.Select(g => (g.Key, g.Value)));
            Assert.All(inPartition, g => Assert.Equal("trace=abc,origin=kcat test", g.Headers));
        }

        // The same records through our own decoder: exact bytes, header order, nothing extra.
        await using var client = await broker.ConnectAsync();
        var raw = await client.FetchAllAsync(topic, 1);
        Assert.Equal(
            expected[1].Select(e => new TestRecord(Encoding.UTF8.GetBytes(e.Key), Encoding.UTF8.GetBytes(e.Value), [new("trace", "abc"u8.ToArray()), new("origin", "kcat test"u8.ToArray())])),
            raw);
    }

    [Fact]
    public async Task Produce_ToUnknownTopic_AutoCreatesItWithNumPartitions()
    {
        await using var broker = await BrokerProcess.StartAsync(new Dictionary<string, string> { ["num.partitions"] = "2" }, output);

        var produce = await ClientScripts.KcatAsync(["-b", broker.BootstrapServers, "-P", "-t", "kcat-auto", "-K:", "-p", "1"], "k:v\n", output);
        Assert.True(produce.ExitCode == 0, $"{produce.Describe()}\n{broker.Output}");

        var consume = await ClientScripts.KcatAsync(["-b", broker.BootstrapServers, "-C", "-t", "kcat-auto", "-e", "-o", "beginning", "-q", "-J"], output: output);
        Assert.True(consume.ExitCode == 0, consume.Describe());
        var record = JsonNode.Parse(consume.OutputLines.Single())!;
        Assert.Equal(1, record["partition"]!.GetValue<int>());
        Assert.Equal(0, record["offset"]!.GetValue<long>());
        Assert.Equal("k", record["key"]!.GetValue<string>());
        Assert.Equal("v", record["payload"]!.GetValue<string>());

        await using var client = await broker.ConnectAsync();
        var meta = await client.MetadataAsync("kcat-auto");
        Assert.Equal(2, meta.Topics.Single().Partitions.Count);
    }
}
