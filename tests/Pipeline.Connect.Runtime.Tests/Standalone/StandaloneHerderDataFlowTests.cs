using Pipeline.Connect.Runtime.Herder;
using Pipeline.Connect.Runtime.Rest.Entities;
using Pipeline.Connect.Runtime.Tests.Worker.TestPlugins;
using Pipeline.Testing.IO;
using static Pipeline.Connect.Runtime.Tests.Standalone.StandaloneTestHost;

namespace Pipeline.Connect.Runtime.Tests.Standalone;

[Trait("Category", "Integration")]
public sealed class StandaloneHerderDataFlowTests
{
    private static Dictionary<string, string> SourceConfig(string name, string topic, string testId, int count = 10, int tasks = 1) => new()
    {
        ["name"] = name,
        ["connector.class"] = typeof(CountingSourceConnector).FullName!,
        ["tasks.max"] = tasks.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["topic"] = topic,
        ["count"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["test.id"] = testId,
    };

    private static Dictionary<string, string> SinkConfig(string name, string topic, string testId) => new()
    {
        ["name"] = name,
        ["connector.class"] = nameof(CollectingSinkConnector),
        ["topics"] = topic,
        ["test.id"] = testId,
    };

    [Fact]
    public async Task SourceToSink_RecordsFlowThroughTopic_AllArrive()
    {
        using var dir = new TempDirectory("connect-standalone");
        var sinkName = Topic("sink");
        var control = TestControl.Create(out var testId);
        var topic = Topic("flow");
        await using var herder = await StartAsync(dir.Combine("offsets.json"));
        await herder.PutConnectorConfigAsync("src", SourceConfig("src", topic, testId, count: 20), allowReplace: false, null, default);
        await herder.PutConnectorConfigAsync(sinkName, SinkConfig(sinkName, topic, testId), allowReplace: false, null, default);

        await EventuallyAsync(() => control.Received.Count >= 20, "20 records at the sink");
        var values = control.Received.Select(r => (string)r.Value!).ToList();
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"0-{i}"), values);
        Assert.All(control.Received, r => Assert.Equal(topic, r.Topic));

        var status = await herder.ConnectorStatusAsync(sinkName, default);
        Assert.Equal(StateNames.Running, status.Connector.State);
        Assert.Equal(ConnectorType.Sink, status.Type);
        Assert.Equal(StateNames.Running, Assert.Single(status.Tasks).State);
        Assert.Equal([topic], await herder.ConnectorActiveTopicsAsync("src", default));
        await EventuallyAsync(async () => (await herder.ConnectorActiveTopicsAsync(sinkName, default)).Count == 1, "the sink's active topic");
    }

    [Fact]
    public async Task SourceOffsets_WorkerRestarted_ResumesWithoutLossOrDuplicates()
    {
        using var dir = new TempDirectory("connect-standalone");
        var sinkName = Topic("sink");
        var control = TestControl.Create(out var testId);
        var topic = Topic("resume");
        var offsets = dir.Combine("offsets.json");
        await using (var first = await StartAsync(offsets))
        {
            await first.PutConnectorConfigAsync("src", SourceConfig("src", topic, testId, count: 10), false, null, default);
            await first.PutConnectorConfigAsync(sinkName, SinkConfig(sinkName, topic, testId), false, null, default);
            await EventuallyAsync(() => control.Received.Count >= 10, "the first 10 records");
        }

        Assert.Contains("start:0:0", control.Events);
        await using (var second = await StartAsync(offsets))
        {
            await second.PutConnectorConfigAsync("src", SourceConfig("src", topic, testId, count: 25), false, null, default);
            await second.PutConnectorConfigAsync(sinkName, SinkConfig(sinkName, topic, testId), false, null, default);
            await EventuallyAsync(() => control.Received.Count >= 25, "25 records in all");
            await Task.Delay(500);
        }

        // The source resumed at its committed offset, the sink at its group's committed offset.
        Assert.True(control.Events.Contains("start:0:10"), string.Join(" ", control.Events) + " file: " + File.ReadAllText(offsets));
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"0-{i}"), control.Received.Select(r => (string)r.Value!));
    }

    [Fact]
    public async Task FailingTask_RestartAfterFix_BackToRunning()
    {
        using var dir = new TempDirectory("connect-standalone");
        var sinkName = Topic("sink");
        var control = TestControl.Create(out var testId);
        control.FailPoll = true;
        await using var herder = await StartAsync(dir.Combine("offsets.json"));
        await herder.PutConnectorConfigAsync("src", SourceConfig("src", Topic("fail"), testId), false, null, default);

        await EventuallyAsync(async () => (await herder.TaskStatusAsync(new ConnectorTaskId("src", 0), default)).State == StateNames.Failed, "the task to fail");
        var failed = await herder.TaskStatusAsync(new ConnectorTaskId("src", 0), default);
        Assert.Contains("poll failed on purpose", failed.Trace);
        Assert.Contains("InvalidOperationException", failed.Trace);
        Assert.Contains(" at ", failed.Trace);
        Assert.Equal(StateNames.Running, (await herder.ConnectorStatusAsync("src", default)).Connector.State);

        control.FailPoll = false;
        var planned = await herder.RestartConnectorAsync("src", includeTasks: true, onlyFailed: true, default);
        Assert.NotNull(planned);
        Assert.Equal(StateNames.Running, planned.Connector.State);
        Assert.Equal(StateNames.Restarting, Assert.Single(planned.Tasks).State);
        await EventuallyAsync(async () => (await herder.TaskStatusAsync(new ConnectorTaskId("src", 0), default)).State == StateNames.Running, "the task to run again");
        Assert.Null((await herder.TaskStatusAsync(new ConnectorTaskId("src", 0), default)).Trace);
    }

    [Fact]
    public async Task PauseResume_Source_StopsAndResumesPolling()
    {
        using var dir = new TempDirectory("connect-standalone");
        var sinkName = Topic("sink");
        var control = TestControl.Create(out var testId);
        var topic = Topic("pause");
        await using var herder = await StartAsync(dir.Combine("offsets.json"));
        await herder.PutConnectorConfigAsync("src", SourceConfig("src", topic, testId, count: 1000000), false, null, default);
        await EventuallyAsync(() => Volatile.Read(ref control.Polls) > 0, "polling");

        await herder.SetTargetStateAsync("src", TargetState.Paused, default);
        await EventuallyAsync(async () => (await herder.TaskStatusAsync(new ConnectorTaskId("src", 0), default)).State == StateNames.Paused, "a paused task");
        Assert.Equal(StateNames.Paused, (await herder.ConnectorStatusAsync("src", default)).Connector.State);
        var polls = Volatile.Read(ref control.Polls);
        await Task.Delay(400);
        Assert.Equal(polls, Volatile.Read(ref control.Polls));
        Assert.DoesNotContain("stop:0", control.Events);

        await herder.SetTargetStateAsync("src", TargetState.Started, default);
        await EventuallyAsync(() => Volatile.Read(ref control.Polls) > polls, "polling again");
        var status = await herder.ConnectorStatusAsync("src", default);
        Assert.Equal(StateNames.Running, status.Connector.State);
        Assert.Equal(StateNames.Running, Assert.Single(status.Tasks).State);
    }

    [Fact]
    public async Task ConfigUpdate_TasksMaxRaised_TaskCountFollows()
    {
        using var dir = new TempDirectory("connect-standalone");
        var sinkName = Topic("sink");
        var control = TestControl.Create(out var testId);
        var topic = Topic("tasks");
        await using var herder = await StartAsync(dir.Combine("offsets.json"));
        var created = await herder.PutConnectorConfigAsync("src", SourceConfig("src", topic, testId, tasks: 1), false, null, default);
        Assert.True(created.Created);
        Assert.Single(created.Info.Tasks);

        var updated = await herder.PutConnectorConfigAsync("src", SourceConfig("src", topic, testId, tasks: 3), allowReplace: true, null, default);
        Assert.False(updated.Created);
        Assert.Equal(3, updated.Info.Tasks.Count);
        var tasks = await herder.TaskConfigsAsync("src", default);
        Assert.Equal([0, 1, 2], tasks.Select(t => t.Id.Task));
        Assert.All(tasks, t => Assert.Equal(typeof(CountingSourceTask).FullName, t.Config["task.class"]));
        await EventuallyAsync(async () => (await herder.ConnectorStatusAsync("src", default)).Tasks.All(t => t.State == StateNames.Running), "three running tasks");
        Assert.Equal(3, (await herder.ConnectorStatusAsync("src", default)).Tasks.Count);
    }
}
