using Pipeline.Connect.Runtime.Herder;
using Pipeline.Connect.Runtime.Rest.Entities;
using Pipeline.Connect.Runtime.Tests.Worker.TestPlugins;
using Pipeline.Testing.IO;
using static Pipeline.Connect.Runtime.Tests.Standalone.StandaloneTestHost;

namespace Pipeline.Connect.Runtime.Tests.Standalone;

[Trait("Category", "Integration")]
public sealed class StandaloneHerderLifecycleTests
{
    [Fact]
    public async Task ConnectorStartThrows_ConnectorFailedOthersRun_RestartRecovers()
    {
        using var dir = new TempDirectory("connect-standalone");
        var control = TestControl.Create(out var testId);
        control.FailPoll = true;
        await using var herder = await StartAsync(dir.Combine("offsets.json"));
        var config = new Dictionary<string, string> { ["connector.class"] = nameof(FlakySourceConnector), ["topic"] = Topic("flaky"), ["test.id"] = testId };
        var created = await herder.PutConnectorConfigAsync("flaky", config, false, null, default);
        Assert.Empty(created.Info.Tasks);
        var failed = await herder.ConnectorStatusAsync("flaky", default);
        Assert.Equal(StateNames.Failed, failed.Connector.State);
        Assert.Contains("connector start failed on purpose", failed.Connector.Trace);

        var other = TestControl.Create(out var otherId);
        await herder.PutConnectorConfigAsync("healthy", new Dictionary<string, string> { ["connector.class"] = nameof(CountingSourceConnector), ["topic"] = Topic("healthy"), ["test.id"] = otherId }, false, null, default);
        await EventuallyAsync(() => Volatile.Read(ref other.Polls) > 0, "the other connector's task to poll");

        control.FailPoll = false;
        Assert.Null(await herder.RestartConnectorAsync("flaky", false, false, default));
        var status = await herder.ConnectorStatusAsync("flaky", default);
        Assert.Equal(StateNames.Running, status.Connector.State);
        Assert.Null(status.Connector.Trace);
        Assert.Single(status.Tasks);
    }

    [Fact]
    public async Task PauseResume_Sink_NoDeliveryWhilePausedThenCatchesUp()
    {
        using var dir = new TempDirectory("connect-standalone");
        var control = TestControl.Create(out var testId);
        var topic = Topic("sink-pause");
        var sinkName = Topic("sink");
        await using var herder = await StartAsync(dir.Combine("offsets.json"));
        await herder.PutConnectorConfigAsync(sinkName, new Dictionary<string, string> { ["connector.class"] = nameof(CollectingSinkConnector), ["topics"] = topic, ["test.id"] = testId }, false, null, default);
        await herder.SetTargetStateAsync(sinkName, TargetState.Paused, default);
        await EventuallyAsync(async () => (await herder.TaskStatusAsync(new ConnectorTaskId(sinkName, 0), default)).State == StateNames.Paused, "a paused sink task");

        await herder.PutConnectorConfigAsync("src-" + testId, new Dictionary<string, string> { ["connector.class"] = nameof(CountingSourceConnector), ["topic"] = topic, ["count"] = "5", ["test.id"] = testId }, false, null, default);
        await EventuallyAsync(async () => (await herder.ConnectorOffsetsAsync("src-" + testId, default)).Offsets.Count == 1, "records produced");
        await Task.Delay(1000);
        Assert.Empty(control.Received);

        await herder.SetTargetStateAsync(sinkName, TargetState.Started, default);
        await EventuallyAsync(() => control.Received.Count >= 5, "the records after resuming");
        Assert.Equal(StateNames.Running, (await herder.TaskStatusAsync(new ConnectorTaskId(sinkName, 0), default)).State);
    }
}
