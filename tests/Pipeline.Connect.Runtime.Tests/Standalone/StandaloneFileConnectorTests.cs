using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Client.Admin;
using Pipeline.Connect.Runtime.Herder;
using Pipeline.Connect.Runtime.Rest.Entities;
using Pipeline.Connect.Runtime.Standalone;
using Pipeline.Connect.Runtime.Tests.Worker.TestPlugins;
using Pipeline.Testing.Brokers;
using Pipeline.Testing.IO;
using static Pipeline.Connect.Runtime.Tests.Standalone.StandaloneTestHost;

namespace Pipeline.Connect.Runtime.Tests.Standalone;

[Trait("Category", "Integration")]
public sealed class StandaloneFileConnectorTests
{
    [Fact]
    public async Task FileStreamConnectors_FromCommandLineFiles_LinesCopiedAndResumedAfterRestart()
    {
        using var dir = new TempDirectory("connect-file");
        var topic = Topic("lines");
        var input = dir.Combine("in.txt");
        var output = dir.Combine("out.txt");
        await File.WriteAllLinesAsync(input, ["one", "two", "three"]);
        var sourceFile = dir.Combine("source.properties");
        await File.WriteAllTextAsync(sourceFile, $"name={Topic("file-src")}\nconnector.class=org.apache.kafka.connect.file.FileStreamSourceConnector\ntasks.max=1\nfile={input}\ntopic={topic}\n");
        var sinkFile = dir.Combine("sink.json");
        await File.WriteAllTextAsync(sinkFile, $$$"""{"name":"{{{Topic("file-sink")}}}","config":{"connector.class":"FileStreamSink","tasks.max":"1","file":"{{{output}}}","topics":"{{{topic}}}"}}""");
        var offsets = dir.Combine("offsets.json");

        var config = await WorkerConfigAsync(offsets);
        await using (var herder = new StandaloneHerder(config, StandaloneTestHost.Plugins, NullLoggerFactory.Instance, [sourceFile, sinkFile]))
        {
            await herder.StartAsync(default);
            Assert.Equal(2, (await herder.ConnectorsAsync(default)).Count);
            await EventuallyAsync(() => File.Exists(output) && File.ReadAllLines(output).Length >= 3, "three lines copied");
        }

        await File.AppendAllLinesAsync(input, ["four", "five"]);
        await using (var herder = new StandaloneHerder(config, StandaloneTestHost.Plugins, NullLoggerFactory.Instance, [sourceFile, sinkFile]))
        {
            await herder.StartAsync(default);
            await EventuallyAsync(() => File.ReadAllLines(output).Length >= 5, "five lines copied");
            await Task.Delay(500);
        }

        Assert.Equal(["one", "two", "three", "four", "five"], await File.ReadAllLinesAsync(output));
    }

    [Fact]
    public async Task TopicCreation_SourceDefinesDefaultGroup_TopicCreatedWithItsPartitions()
    {
        using var dir = new TempDirectory("connect-standalone");
        TestControl.Create(out var testId);
        var topic = Topic("created");
        await using var herder = await StartAsync(dir.Combine("offsets.json"));
        await herder.PutConnectorConfigAsync("src-" + testId, new Dictionary<string, string>
        {
            ["connector.class"] = nameof(CountingSourceConnector),
            ["topic"] = topic,
            ["count"] = "3",
            ["test.id"] = testId,
            ["topic.creation.default.partitions"] = "3",
            ["topic.creation.default.replication.factor"] = "1",
            ["topic.creation.default.retention.ms"] = "3600000",
        }, false, null, default);

        await using var admin = new AdminClient(new Dictionary<string, string> { ["bootstrap.servers"] = await HostedBroker.SharedBootstrapServersAsync() });
        await EventuallyAsync(async () => (await herder.ConnectorOffsetsAsync("src-" + testId, default)).Offsets.Count == 1, "offsets committed");
        var description = Assert.Single(await admin.DescribeTopicsAsync([topic]));
        Assert.Equal(3, description.Partitions.Count);
    }

    [Fact]
    public async Task ProducerSendFails_CompactedTopicRejectsKeylessRecords_TaskFailedWithBrokerError()
    {
        using var dir = new TempDirectory("connect-standalone");
        TestControl.Create(out var testId);
        await using var herder = await StartAsync(dir.Combine("offsets.json"));
        var name = "src-" + testId;
        await herder.PutConnectorConfigAsync(name, new Dictionary<string, string>
        {
            ["connector.class"] = nameof(CountingSourceConnector),
            ["topic"] = Topic("compacted"),
            ["test.id"] = testId,
            ["topic.creation.default.partitions"] = "1",
            ["topic.creation.default.replication.factor"] = "1",
            ["topic.creation.default.cleanup.policy"] = "compact",
        }, false, null, default);

        var task = new ConnectorTaskId(name, 0);
        await EventuallyAsync(async () => (await herder.TaskStatusAsync(task, default)).State == StateNames.Failed, "the task to fail");
        Assert.Contains("INVALID_RECORD", (await herder.TaskStatusAsync(task, default)).Trace);
        Assert.Equal(StateNames.Running, (await herder.ConnectorStatusAsync(name, default)).Connector.State);
        Assert.Empty((await herder.ConnectorOffsetsAsync(name, default)).Offsets);
    }

    [Fact]
    public async Task SinkPut_RetriableThenFatal_RetriedThenFailedAndRestarted()
    {
        using var dir = new TempDirectory("connect-standalone");
        var control = TestControl.Create(out var testId);
        control.RetriablePuts = 2;
        var topic = Topic("retry");
        var sinkName = Topic("sink");
        await using var herder = await StartAsync(dir.Combine("offsets.json"));
        await herder.PutConnectorConfigAsync("src-" + testId, new Dictionary<string, string>
        {
            ["connector.class"] = nameof(CountingSourceConnector),
            ["topic"] = topic,
            ["count"] = "5",
            ["test.id"] = testId,
        }, false, null, default);
        await herder.PutConnectorConfigAsync(sinkName, new Dictionary<string, string>
        {
            ["connector.class"] = nameof(CollectingSinkConnector),
            ["topics"] = topic,
            ["test.id"] = testId,
        }, false, null, default);

        await EventuallyAsync(() => control.Received.Count >= 5, "five records after two retries");
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"0-{i}"), control.Received.Select(r => (string)r.Value!));
        Assert.True(Volatile.Read(ref control.Puts) >= 3);

        control.FailPut = true;
        await herder.SetTargetStateAsync("src-" + testId, TargetState.Stopped, default);
        await herder.AlterConnectorOffsetsAsync("src-" + testId, System.Text.Json.JsonSerializer.Deserialize<ConnectorOffsets>("""{"offsets":[{"partition":{"task":0},"offset":{"pos":4}}]}""")!, default);
        await herder.SetTargetStateAsync("src-" + testId, TargetState.Started, default);
        var task = new ConnectorTaskId(sinkName, 0);
        await EventuallyAsync(async () => (await herder.TaskStatusAsync(task, default)).State == StateNames.Failed, "the sink task to fail");
        Assert.Contains("put failed on purpose", (await herder.TaskStatusAsync(task, default)).Trace);

        control.FailPut = false;
        await herder.RestartTaskAsync(task, default);
        await EventuallyAsync(() => control.Received.Count >= 6, "the record again after the restart");
        Assert.Equal("0-4", control.Received.Last().Value);
        Assert.Equal(StateNames.Running, (await herder.TaskStatusAsync(task, default)).State);
    }
}
