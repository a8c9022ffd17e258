using System.Collections.Concurrent;
using System.Text;
using Pipeline.Connect.Runtime.Distributed;
using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Tests.Distributed;

[Trait("Category", "Integration")]
public sealed class KafkaConfigBackingStoreTests
{
    [Fact]
    public async Task Writes_ReadByAnotherStore_InKafkasRecordFormats()
    {
        var options = await KafkaBasedLogTests.OptionsAsync(partitions: 1);
        await using var writer = new KafkaConfigBackingStore(options);
        await writer.StartAsync(KafkaBasedLogTests.Timeout());

        var config = new Dictionary<string, string> { ["connector.class"] = "FileStreamSource", ["tasks.max"] = "2" };
        await writer.PutConnectorConfigAsync("files", config, TargetState.Paused, KafkaBasedLogTests.Timeout());
        await writer.PutTaskConfigsAsync("files", [new Dictionary<string, string> { ["file"] = "a" }, new Dictionary<string, string> { ["file"] = "b" }], KafkaBasedLogTests.Timeout());
        await writer.PutTargetStateAsync("files", TargetState.Stopped, KafkaBasedLogTests.Timeout());

        await using var reader = new KafkaConfigBackingStore(options);
        await reader.StartAsync(KafkaBasedLogTests.Timeout());
        var snapshot = reader.Snapshot();
        Assert.Equal(["files"], snapshot.Connectors);
        Assert.Equal("2", snapshot.ConnectorConfig("files")!["tasks.max"]);
        Assert.Equal(TargetState.Stopped, snapshot.TargetState("files"));
        Assert.Equal([new ConnectorTaskId("files", 0), new ConnectorTaskId("files", 1)], snapshot.Tasks("files"));
        Assert.Equal("b", snapshot.TaskConfig(new ConnectorTaskId("files", 1))!["file"]);
        Assert.Equal(writer.Snapshot().Offset, snapshot.Offset);

        // The records themselves, byte for byte, in the order Kafka writes them.
        var raw = await ReadRawAsync(options);
        Assert.Equal(
            [
                ("target-state-files", """{"state":"PAUSED","state.v2":"PAUSED"}"""),
                ("connector-files", """{"properties":{"connector.class":"FileStreamSource","tasks.max":"2"}}"""),
                ("task-files-0", """{"properties":{"file":"a"}}"""),
                ("task-files-1", """{"properties":{"file":"b"}}"""),
                ("commit-files", """{"tasks":2}"""),
                ("target-state-files", """{"state":"PAUSED","state.v2":"STOPPED"}"""),
            ],
            raw);
    }

    [Fact]
    public async Task TaskConfigs_VisibleOnlyAfterTheirCommit()
    {
        var options = await KafkaBasedLogTests.OptionsAsync(partitions: 1);
        await using var store = new KafkaConfigBackingStore(options);
        var listener = new RecordingListener();
        store.Listener = listener;
        await store.StartAsync(KafkaBasedLogTests.Timeout());
        await store.PutConnectorConfigAsync("c", new Dictionary<string, string> { ["k"] = "v" }, null, KafkaBasedLogTests.Timeout());
        await using var raw = new KafkaBasedLog(options, _ => { });
        await raw.StartAsync(KafkaBasedLogTests.Timeout());

        await raw.SendAsync("task-c-0"u8.ToArray(), """{"properties":{"x":"1"}}"""u8.ToArray(), KafkaBasedLogTests.Timeout());
        await store.RefreshAsync(KafkaBasedLogTests.Timeout());
        Assert.Empty(store.Snapshot().Tasks("c"));
        Assert.Null(store.Snapshot().TaskConfig(new ConnectorTaskId("c", 0)));

        // A commit for two tasks when only one was written: inconsistent, nothing applied.
        await raw.SendAsync("commit-c"u8.ToArray(), """{"tasks":2}"""u8.ToArray(), KafkaBasedLogTests.Timeout());
        await store.RefreshAsync(KafkaBasedLogTests.Timeout());
        Assert.Contains("c", store.Snapshot().Inconsistent);
        Assert.Empty(store.Snapshot().Tasks("c"));

        await store.PutTaskConfigsAsync("c", [new Dictionary<string, string> { ["x"] = "2" }], KafkaBasedLogTests.Timeout());
        Assert.DoesNotContain("c", store.Snapshot().Inconsistent);
        Assert.Equal("2", store.Snapshot().TaskConfig(new ConnectorTaskId("c", 0))!["x"]);
        Assert.Contains(listener.Events, e => e == "tasks c 1");

        await store.RemoveConnectorConfigAsync("c", KafkaBasedLogTests.Timeout());
        Assert.Empty(store.Snapshot().Connectors);
        Assert.Empty(store.Snapshot().TaskConfigs);
        Assert.Contains(listener.Events, e => e == "removed c");
    }

    private static async Task<List<(string Key, string? Value)>> ReadRawAsync(KafkaBasedLogOptions options)
    {
        var records = new ConcurrentQueue<(string, string?)>();
        await using var log = new KafkaBasedLog(options, r => records.Enqueue((Encoding.UTF8.GetString(r.Message!.Key!), r.Message.Value is null ? null : Encoding.UTF8.GetString(r.Message.Value))));
        await log.StartAsync(KafkaBasedLogTests.Timeout());
        return records.ToList();
    }

    private sealed class RecordingListener : IConfigUpdateListener
    {
        public ConcurrentQueue<string> Events { get; } = new();

        public void OnConnectorConfigUpdate(string connector) => Events.Enqueue($"connector {connector}");

        public void OnConnectorConfigRemove(string connector) => Events.Enqueue($"removed {connector}");

        public void OnTaskConfigUpdate(string connector, IReadOnlyCollection<ConnectorTaskId> tasks) => Events.Enqueue($"tasks {connector} {tasks.Count}");

        public void OnConnectorTargetStateChange(string connector) => Events.Enqueue($"state {connector}");

        public void OnRestartRequest(RestartRequest request) => Events.Enqueue($"restart {request.Connector}");

        public void OnSessionKeyUpdate(SessionKey key) => Events.Enqueue("session key");
    }
}
