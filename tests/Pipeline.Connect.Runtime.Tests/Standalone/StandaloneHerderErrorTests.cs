using Pipeline.Client;
using Pipeline.Client.Consumer;
using Pipeline.Client.Producer;
using Pipeline.Connect.Runtime.Herder;
using Pipeline.Connect.Runtime.Rest.Entities;
using Pipeline.Connect.Runtime.Tests.Worker.TestPlugins;
using Pipeline.Testing.Brokers;
using Pipeline.Testing.IO;
using static Pipeline.Connect.Runtime.Tests.Standalone.StandaloneTestHost;

namespace Pipeline.Connect.Runtime.Tests.Standalone;

[Trait("Category", "Integration")]
public sealed class StandaloneHerderErrorTests
{
    [Fact]
    public async Task UnknownConnector_EveryOperation_404()
    {
        using var dir = new TempDirectory("connect-standalone");
        var sinkName = Topic("sink");
        await using var herder = await StartAsync(dir.Combine("offsets.json"));
        var calls = new Func<Task>[]
        {
            () => herder.ConnectorInfoAsync("nope", default),
            () => herder.ConnectorConfigAsync("nope", default),
            () => herder.ConnectorStatusAsync("nope", default),
            () => herder.TaskStatusAsync(new ConnectorTaskId("nope", 0), default),
            () => herder.TaskConfigsAsync("nope", default),
            () => herder.DeleteConnectorAsync("nope", default),
            () => herder.RestartConnectorAsync("nope", false, false, default),
            () => herder.RestartTaskAsync(new ConnectorTaskId("nope", 0), default),
            () => herder.SetTargetStateAsync("nope", TargetState.Paused, default),
            () => herder.ConnectorOffsetsAsync("nope", default),
            () => herder.ResetConnectorOffsetsAsync("nope", default),
            () => herder.ConnectorActiveTopicsAsync("nope", default),
        };
        foreach (var call in calls)
        {
            Assert.Equal(404, (await Assert.ThrowsAsync<ConnectRestException>(call)).Status);
        }
    }

    [Fact]
    public async Task PutConnector_ExistsInvalidOrMismatched_409And400()
    {
        using var dir = new TempDirectory("connect-standalone");
        var sinkName = Topic("sink");
        TestControl.Create(out var testId);
        await using var herder = await StartAsync(dir.Combine("offsets.json"));
        var config = new Dictionary<string, string> { ["connector.class"] = nameof(CollectingSinkConnector), ["topics"] = Topic("e"), ["test.id"] = testId };
        await herder.PutConnectorConfigAsync(sinkName, config, false, null, default);
        Assert.Equal(409, (await Assert.ThrowsAsync<ConnectRestException>(() => herder.PutConnectorConfigAsync(sinkName, config, false, null, default))).Status);

        var invalid = new Dictionary<string, string> { ["connector.class"] = nameof(CountingSourceConnector), ["tasks.max"] = "zero" };
        var error = await Assert.ThrowsAsync<ConnectRestException>(() => herder.PutConnectorConfigAsync("bad", invalid, false, null, default));
        Assert.Equal(400, error.Status);
        Assert.StartsWith("Connector configuration is invalid and contains the following 2 error(s):\n", error.Message);
        Assert.EndsWith("\nYou can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`", error.Message);
        Assert.DoesNotContain("bad", await herder.ConnectorsAsync(default));

        var mismatch = new Dictionary<string, string>(config) { ["name"] = "other" };
        var m = await Assert.ThrowsAsync<ConnectRestException>(() => herder.PutConnectorConfigAsync(sinkName, mismatch, true, null, default));
        Assert.Equal($"Connector name configuration (other) doesn't match connector name in the URL ({sinkName})", m.Message);

        var info = await herder.ConnectorInfoAsync(sinkName, default);
        Assert.Equal(sinkName, info.Config["name"]);
        Assert.Equal(ConnectorType.Sink, info.Type);
        await herder.DeleteConnectorAsync(sinkName, default);
        Assert.Empty(await herder.ConnectorsAsync(default));
    }

    [Fact]
    public async Task InitialStateStopped_ConnectorCreated_NoTasksUntilResumed()
    {
        using var dir = new TempDirectory("connect-standalone");
        var sinkName = Topic("sink");
        var control = TestControl.Create(out var testId);
        await using var herder = await StartAsync(dir.Combine("offsets.json"));
        var config = new Dictionary<string, string> { ["connector.class"] = nameof(CountingSourceConnector), ["topic"] = Topic("init"), ["test.id"] = testId };
        var result = await herder.PutConnectorConfigAsync("src", config, false, TargetState.Stopped, default);
        Assert.Empty(result.Info.Tasks);
        Assert.Equal(StateNames.Stopped, (await herder.ConnectorStatusAsync("src", default)).Connector.State);

        Assert.Null(await herder.RestartConnectorAsync("src", false, false, default));
        await herder.SetTargetStateAsync("src", TargetState.Started, default);
        var status = await herder.ConnectorStatusAsync("src", default);
        Assert.Equal(StateNames.Running, status.Connector.State);
        Assert.Single(status.Tasks);
        var noneFailed = await herder.RestartConnectorAsync("src", includeTasks: true, onlyFailed: true, default);
        Assert.Equal(StateNames.Running, noneFailed!.Connector.State);
        Assert.DoesNotContain(noneFailed.Tasks, t => t.State == StateNames.Restarting);
    }

    [Fact]
    public async Task ToleranceAll_BadRecord_SkippedAndWrittenToDeadLetterQueueWithHeaders()
    {
        using var dir = new TempDirectory("connect-standalone");
        var sinkName = Topic("sink");
        var control = TestControl.Create(out var testId);
        var topic = Topic("dlq-in");
        var dlq = Topic("dlq");
        var bootstrap = await HostedBroker.SharedBootstrapServersAsync();
        using (var producer = new ProducerBuilder<string, string>(new Dictionary<string, string> { ["bootstrap.servers"] = bootstrap }).Build())
        {
            foreach (var value in new[] { """{"a":1}""", "not json", """{"a":2}""" })
            {
                var message = new Message<string, string> { Key = "k", Value = value, Headers = [] };
                message.Headers.Add("origin", "test");
                await producer.ProduceAsync(topic, message);
            }
        }

        await using var herder = await StartAsync(dir.Combine("offsets.json"));
        await herder.PutConnectorConfigAsync(sinkName, new Dictionary<string, string>
        {
            ["connector.class"] = nameof(CollectingSinkConnector),
            ["topics"] = topic,
            ["test.id"] = testId,
            ["value.converter"] = "org.apache.kafka.connect.json.JsonConverter",
            ["value.converter.schemas.enable"] = "false",
            ["errors.tolerance"] = "all",
            ["errors.deadletterqueue.topic.name"] = dlq,
            ["errors.deadletterqueue.topic.replication.factor"] = "1",
            ["errors.deadletterqueue.context.headers.enable"] = "true",
        }, false, null, default);

        await EventuallyAsync(() => control.Received.Count >= 2, "the two good records");
        Assert.Equal(2, control.Received.Count);
        Assert.Equal(StateNames.Running, (await herder.TaskStatusAsync(new ConnectorTaskId(sinkName, 0), default)).State);

        using var consumer = new ConsumerBuilder<string, string>(new Dictionary<string, string> { ["bootstrap.servers"] = bootstrap }).Build();
        consumer.Assign([new TopicPartitionOffset(dlq, 0, Offset.Beginning)]);
        ConsumeResult<string, string>? dead = null;
        await EventuallyAsync(() => (dead ??= consumer.Consume(TimeSpan.FromMilliseconds(200))) is not null, "the DLQ record");
        Assert.Equal("not json", dead!.Message!.Value);
        Assert.Equal("k", dead.Message.Key);
        var headers = dead.Message.Headers!;
        string Header(string key) => System.Text.Encoding.UTF8.GetString(headers.GetLast(key)!);
        Assert.Equal("test", Header("origin"));
        Assert.Equal(topic, Header("__connect.errors.topic"));
        Assert.Equal("1", Header("__connect.errors.offset"));
        Assert.Equal("VALUE_CONVERTER", Header("__connect.errors.stage"));
        Assert.Equal(sinkName, Header("__connect.errors.connector.name"));
    }

    [Fact]
    public async Task ErrantRecordReporter_SinkReportsRecord_DeadLetterQueueGetsOriginalWithTaskPutStage()
    {
        using var dir = new TempDirectory("connect-standalone");
        var control = TestControl.Create(out var testId);
        control.ErrantValue = "0-2";
        var topic = Topic("errant-in");
        var dlq = Topic("errant-dlq");
        var sinkName = Topic("sink");
        await using var herder = await StartAsync(dir.Combine("offsets.json"));
        await herder.PutConnectorConfigAsync(sinkName, new Dictionary<string, string>
        {
            ["connector.class"] = nameof(CollectingSinkConnector),
            ["topics"] = topic,
            ["test.id"] = testId,
            ["errors.tolerance"] = "all",
            ["errors.deadletterqueue.topic.name"] = dlq,
            ["errors.deadletterqueue.topic.replication.factor"] = "1",
            ["errors.deadletterqueue.context.headers.enable"] = "true",
        }, false, null, default);
        await herder.PutConnectorConfigAsync("src-" + testId, new Dictionary<string, string> { ["connector.class"] = nameof(CountingSourceConnector), ["topic"] = topic, ["count"] = "5", ["test.id"] = testId }, false, null, default);

        await EventuallyAsync(() => control.Received.Count >= 4, "the four other records");
        Assert.Equal(["0-0", "0-1", "0-3", "0-4"], control.Received.Select(r => (string)r.Value!));
        using var consumer = new ConsumerBuilder<string, string>(new Dictionary<string, string> { ["bootstrap.servers"] = await HostedBroker.SharedBootstrapServersAsync() }).Build();
        consumer.Assign([new TopicPartitionOffset(dlq, 0, Offset.Beginning)]);
        ConsumeResult<string, string>? dead = null;
        await EventuallyAsync(() => (dead ??= consumer.Consume(TimeSpan.FromMilliseconds(200))) is not null, "the DLQ record");
        Assert.Equal("0-2", dead!.Message!.Value);
        Assert.Equal("TASK_PUT", System.Text.Encoding.UTF8.GetString(dead.Message.Headers!.GetLast("__connect.errors.stage")!));
        Assert.Equal("System.FormatException", System.Text.Encoding.UTF8.GetString(dead.Message.Headers!.GetLast("__connect.errors.exception.class.name")!));
    }
}
