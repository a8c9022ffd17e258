using System.Globalization;
using System.Text.Json.Nodes;
using Pipeline.Interop.Tests.Support;
using Pipeline.Protocol.Records;
using Pipeline.Testing.Brokers;
using Xunit;
using Xunit.Abstractions;

namespace Pipeline.Interop.Tests.KafkaJs;

/// <summary>kafkajs 2.2.4 (pure JavaScript, its own protocol code): admin, producer, group consumer.</summary>
[Trait("Category", "Integration")]
public sealed class KafkaJsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Admin_CreateMetadataConfigsDelete_Succeed()
    {
        await using var broker = await BrokerProcess.StartAsync(output: output);
        const string topic = "js-admin";

        var run = await ClientScripts.NodeAsync("admin.js", [broker.BootstrapServers, topic], output);

        var context = $"admin.js:\n{run.Describe()}\n--- broker ---\n{broker.Output}";
        Assert.True(run.ExitCode == 0, context);
        var results = InteropRecord.ParseResults(run.OutputLines);
        Assert.True(results["create"]["created"]!.GetValue<bool>(), context);
        Assert.False(results["create_again"]["created"]!.GetValue<bool>(), $"createTopics of an existing topic must report false (TOPIC_ALREADY_EXISTS)\n{context}");
        Assert.Contains(topic, Strings(results["list"]["topics"]));

        var meta = results["metadata"]["topics"]!.AsArray().Single()!;
        Assert.Equal(topic, meta["name"]!.GetValue<string>());
        var partitions = meta["partitions"]!.AsArray();
        Assert.Equal([0, 1, 2], partitions.Select(p => p!["partition"]!.GetValue<int>()));
        Assert.All(partitions, p =>
        {
            Assert.Equal(1, p!["leader"]!.GetValue<int>());
            Assert.Equal(0, p["error_code"]!.GetValue<int>());
            Assert.Equal([1], p["isr"]!.AsArray().Select(r => r!.GetValue<int>()));
        });

        Assert.Equal(0, results["describe_configs"]["error_code"]!.GetValue<int>());
        Assert.Equal("3600000", results["describe_configs"]["entries"]!["retention.ms"]?.GetValue<string>());
        Assert.Equal("delete", results["describe_configs"]["entries"]!["cleanup.policy"]?.GetValue<string>());
        Assert.Equal("7200000", results["describe_configs_after_alter"]["entries"]!["retention.ms"]?.GetValue<string>());
        Assert.DoesNotContain(topic, Strings(results["list_after_delete"]["topics"]));
    }

    [Fact]
    public async Task ProducerGzipAcksAll_RecordsReadBackByLibrdkafkaAreIntact()
    {
        const int partitions = 3;
        await using var broker = await BrokerProcess.StartAsync(output: output);
        const string topic = "js-produce";
        await broker.CreateTopicAsync(topic, partitions);
        var sent = InteropData.Records(150, partitions);
        var input = broker.InputFile("js.json");
        InteropRecord.WriteInputFile(input, sent);

        var produce = await ClientScripts.NodeAsync("produce.js", [broker.BootstrapServers, topic, input], output);
        Assert.True(produce.ExitCode == 0, $"produce.js:\n{produce.Describe()}\n--- broker ---\n{broker.Output}");
        var produced = InteropRecord.ParseLines(produce.OutputLines, "produced");

        // kafkajs cannot consume without a group; librdkafka can, so it reads the records back.
        var consume = await ClientScripts.ConfluentKafkaAsync(
            "ck_consume.py",
            [broker.BootstrapServers, topic, partitions.ToString(CultureInfo.InvariantCulture), sent.Count.ToString(CultureInfo.InvariantCulture), "30"],
            output);
        Assert.True(consume.ExitCode == 0, $"ck_consume.py:\n{consume.Describe()}\n--- broker ---\n{broker.Output}");

        RecordAssert.Delivered(sent, produced, InteropRecord.ParseLines(consume.OutputLines), "kafkajs producer");
        for (var p = 0; p < partitions; p++)
        {
            Assert.All(broker.StoredBatches(topic, p), b => Assert.Equal(CompressionType.Gzip, b.Compression));
        }
    }

    /// <summary>The group coordinator as kafkajs uses it: FindCoordinator, JoinGroup (with
    /// MEMBER_ID_REQUIRED), SyncGroup, Heartbeat, OffsetFetch, LeaveGroup.</summary>
    [Fact]
    public async Task GroupConsumer_SubscribeFromBeginning_ReadsEverythingProduced()
    {
        const int partitions = 3;
        await using var broker = await BrokerProcess.StartAsync(output: output);
        const string topic = "js-group";
        await broker.CreateTopicAsync(topic, partitions);
        var sent = InteropData.Records(90, partitions);
        var input = broker.InputFile("js-group.json");
        InteropRecord.WriteInputFile(input, sent);
        var produce = await ClientScripts.NodeAsync("produce.js", [broker.BootstrapServers, topic, input], output);
        Assert.True(produce.ExitCode == 0, $"produce.js:\n{produce.Describe()}");

        var consume = await ClientScripts.NodeAsync("consume.js", [broker.BootstrapServers, topic, "js-interop-group", sent.Count.ToString(CultureInfo.InvariantCulture), "30000"], output);

        Assert.True(consume.ExitCode == 0, $"consume.js:\n{consume.Describe()}\n--- broker ---\n{broker.Output}");
        RecordAssert.Delivered(sent, InteropRecord.ParseLines(produce.OutputLines, "produced"), InteropRecord.ParseLines(consume.OutputLines, "consumed"), "kafkajs group consumer");
    }

    private static IEnumerable<string> Strings(JsonNode? array) => array!.AsArray().Select(t => t!.GetValue<string>());
}
