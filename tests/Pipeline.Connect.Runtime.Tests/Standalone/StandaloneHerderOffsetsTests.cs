using System.Text.Json;
using Pipeline.Connect.Runtime.Herder;
using Pipeline.Connect.Runtime.Rest.Entities;
using Pipeline.Connect.Runtime.Tests.Worker.TestPlugins;
using Pipeline.Testing.IO;
using static Pipeline.Connect.Runtime.Tests.Standalone.StandaloneTestHost;

namespace Pipeline.Connect.Runtime.Tests.Standalone;

[Trait("Category", "Integration")]
public sealed class StandaloneHerderOffsetsTests
{
    private static ConnectorOffsets Offsets(string json) => JsonSerializer.Deserialize<ConnectorOffsets>(json)!;

    private static string Json(ConnectorOffsets offsets) => JsonSerializer.Serialize(offsets);

    [Fact]
    public async Task SourceOffsets_StoppedThenPatchedAndDeleted_TaskResumesFromPatchedOffset()
    {
        using var dir = new TempDirectory("connect-standalone");
        var sinkName = Topic("sink");
        var control = TestControl.Create(out var testId);
        await using var herder = await StartAsync(dir.Combine("offsets.json"));
        var config = new Dictionary<string, string>
        {
            ["connector.class"] = nameof(CountingSourceConnector),
            ["topic"] = Topic("src-offsets"),
            ["count"] = "10",
            ["test.id"] = testId,
        };
        await herder.PutConnectorConfigAsync("src", config, false, null, default);
        await EventuallyAsync(async () => Json(await herder.ConnectorOffsetsAsync("src", default)) == """{"offsets":[{"partition":{"task":0},"offset":{"pos":10}}]}""", "offset 10 committed");

        var running = await Assert.ThrowsAsync<ConnectRestException>(() => herder.ResetConnectorOffsetsAsync("src", default));
        Assert.Equal(400, running.Status);
        Assert.StartsWith("Connectors must be in the STOPPED state", running.Message);

        await herder.SetTargetStateAsync("src", TargetState.Stopped, default);
        var stopped = await herder.ConnectorStatusAsync("src", default);
        Assert.Equal(StateNames.Stopped, stopped.Connector.State);
        Assert.Empty(stopped.Tasks);
        Assert.Empty(await herder.TaskConfigsAsync("src", default));

        var empty = await Assert.ThrowsAsync<ConnectRestException>(() => herder.AlterConnectorOffsetsAsync("src", new ConnectorOffsets([]), default));
        Assert.Equal(400, empty.Status);
        var message = await herder.AlterConnectorOffsetsAsync("src", Offsets("""{"offsets":[{"partition":{"task":0},"offset":{"pos":3}}]}"""), default);
        Assert.Equal("The offsets for this connector have been altered successfully", message);
        Assert.Equal("""{"offsets":[{"partition":{"task":0},"offset":{"pos":3}}]}""", Json(await herder.ConnectorOffsetsAsync("src", default)));

        await herder.SetTargetStateAsync("src", TargetState.Started, default);
        await EventuallyAsync(() => control.Events.Contains("start:0:3"), "the task to start at the patched offset");
        await EventuallyAsync(async () => Json(await herder.ConnectorOffsetsAsync("src", default)).Contains("\"pos\":10", StringComparison.Ordinal), "offset 10 again");

        await herder.SetTargetStateAsync("src", TargetState.Stopped, default);
        Assert.Equal("The offsets for this connector have been reset successfully", await herder.ResetConnectorOffsetsAsync("src", default));
        Assert.Empty((await herder.ConnectorOffsetsAsync("src", default)).Offsets);
    }

    [Fact]
    public async Task SinkOffsets_StoppedThenPatched_SinkRereadsFromPatchedOffset()
    {
        using var dir = new TempDirectory("connect-standalone");
        var sinkName = Topic("sink");
        var control = TestControl.Create(out var testId);
        var topic = Topic("sink-offsets");
        await using var herder = await StartAsync(dir.Combine("offsets.json"));
        await herder.PutConnectorConfigAsync("src", new Dictionary<string, string>
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
        await EventuallyAsync(() => control.Received.Count >= 5, "five records at the sink");
        var expected = $$$"""{"offsets":[{"partition":{"kafka_topic":"{{{topic}}}","kafka_partition":0},"offset":{"kafka_offset":5}}]}""";
        var actual = "";
        await EventuallyAsync(async () => (actual = Json(await herder.ConnectorOffsetsAsync(sinkName, default))) == expected, "the sink's committed offset");
        Assert.Equal(expected, actual);

        await herder.SetTargetStateAsync(sinkName, TargetState.Stopped, default);
        var patch = Offsets($$$"""{"offsets":[{"partition":{"kafka_topic":"{{{topic}}}","kafka_partition":0},"offset":{"kafka_offset":2}}]}""");
        Assert.Equal("The offsets for this connector have been altered successfully", await herder.AlterConnectorOffsetsAsync(sinkName, patch, default));
        Assert.Contains("\"kafka_offset\":2", Json(await herder.ConnectorOffsetsAsync(sinkName, default)), StringComparison.Ordinal);

        var bad = Offsets("""{"offsets":[{"partition":{"kafka_topic":"x"},"offset":{"kafka_offset":2}}]}""");
        Assert.Equal(400, (await Assert.ThrowsAsync<ConnectRestException>(() => herder.AlterConnectorOffsetsAsync(sinkName, bad, default))).Status);

        await herder.SetTargetStateAsync(sinkName, TargetState.Started, default);
        await EventuallyAsync(() => control.Received.Count >= 8, "records 2..4 read again");
        Assert.Equal(["0-2", "0-3", "0-4"], control.Received.Skip(5).Select(r => (string)r.Value!));

        await herder.SetTargetStateAsync(sinkName, TargetState.Stopped, default);
        Assert.Equal("The offsets for this connector have been reset successfully", await herder.ResetConnectorOffsetsAsync(sinkName, default));
        Assert.Empty((await herder.ConnectorOffsetsAsync(sinkName, default)).Offsets);
    }
}
