using System.Text.Json.Nodes;
using Pipeline.Interop.Tests.Support;
using Pipeline.Testing.Brokers;
using Xunit;
using Xunit.Abstractions;

namespace Pipeline.Interop.Tests.KafkaPython;

/// <summary>kafka-python 2.0.2's KafkaAdminClient: topics and topic configs (see python/kp_admin.py).</summary>
[Trait("Category", "Integration")]
public sealed class KafkaPythonAdminTests(ITestOutputHelper output)
{
    private const string TopicAlreadyExists = "36";

    [Fact]
    public async Task AdminClient_CreateDescribeAlterDelete_BehavesLikeKafka()
    {
        await using var broker = await BrokerProcess.StartAsync(output: output);
        const string topic = "kp-admin";

        var run = await ClientScripts.KafkaPythonAsync("kp_admin.py", [broker.BootstrapServers, topic], output);

        var results = InteropRecord.ParseResults(run.OutputLines);
        var context = $"kp_admin.py:\n{run.Describe()}\n--- broker ---\n{broker.Output}";
        Assert.True(run.ExitCode == 0, context);

        Assert.Equal("0", Error(results["create"], topic));
        Assert.True(Error(results["create_again"], topic) == TopicAlreadyExists, $"creating an existing topic must fail with TOPIC_ALREADY_EXISTS (36)\n{context}");
        Assert.Contains(topic, Strings(results["list"]["topics"]));

        var described = results["describe"]["topics"]!.AsArray().Single()!;
        Assert.Equal(0, described["error_code"]!.GetValue<int>());
        var partitions = described["partitions"]!.AsArray();
        Assert.Equal([0, 1, 2], partitions.Select(p => p!["partition"]!.GetValue<int>()));
        Assert.All(partitions, p =>
        {
            Assert.Equal(1, p!["leader"]!.GetValue<int>());
            Assert.Equal([1], p["replicas"]!.AsArray().Select(r => r!.GetValue<int>()));
            Assert.Equal([1], p["isr"]!.AsArray().Select(r => r!.GetValue<int>()));
        });

        var before = results["describe_configs"];
        Assert.Equal(0, before["error_code"]!.GetValue<int>());
        Assert.Equal("3600000", Entry(before, "retention.ms"));
        Assert.Equal("200000", Entry(before, "max.message.bytes"));
        Assert.Equal("delete", Entry(before, "cleanup.policy"));

        Assert.Equal([0], results["alter_configs"]["errors"]!.AsArray().Select(e => e!.GetValue<int>()));
        var after = results["describe_configs_after_alter"];
        Assert.Equal("7200000", Entry(after, "retention.ms"));
        // AlterConfigs (not the incremental one) replaces the topic's whole override set, so the
        // max.message.bytes override is gone and the broker default (Kafka's 1048588) shows again.
        Assert.Equal("1048588", Entry(after, "max.message.bytes"));

        Assert.Equal("0", Error(results["delete"], topic));
        Assert.DoesNotContain(topic, Strings(results["list_after_delete"]["topics"]));
    }

    private static string Error(JsonObject result, string topic) => result["errors"]![topic]!.ToJsonString();

    private static string? Entry(JsonObject result, string name) => result["entries"]![name]?.GetValue<string>();

    private static IEnumerable<string> Strings(JsonNode? array) => array!.AsArray().Select(t => t!.GetValue<string>());
}
