using System.Text;
using Pipeline.Connect.Runtime.Distributed;
using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Tests.Distributed;

public sealed class ConfigRecordCodecTests
{
    [Fact]
    public void Values_AreKafkasSchemalessJson()
    {
        Assert.Equal("""{"properties":{"connector.class":"FileStreamSource","tasks.max":"2"}}""", Text(ConfigRecordCodec.SerializeProperties(new Dictionary<string, string> { ["connector.class"] = "FileStreamSource", ["tasks.max"] = "2" })));
        Assert.Equal("""{"tasks":3}""", Text(ConfigRecordCodec.SerializeCommit(3)));
        Assert.Equal("""{"state":"PAUSED","state.v2":"STOPPED"}""", Text(ConfigRecordCodec.SerializeTargetState(TargetState.Stopped)));
        Assert.Equal("""{"state":"STARTED","state.v2":"STARTED"}""", Text(ConfigRecordCodec.SerializeTargetState(TargetState.Started)));
        Assert.Equal("""{"include-tasks":true,"only-failed":false}""", Text(ConfigRecordCodec.SerializeRestart(new RestartRequest("c", OnlyFailed: false, IncludeTasks: true))));
        Assert.Equal("""{"key":"AQI=","algorithm":"HmacSHA256","creation-timestamp":12}""", Text(ConfigRecordCodec.SerializeSessionKey(new SessionKey([1, 2], "HmacSHA256", 12))));
    }

    [Fact]
    public void Keys_AreKafkasStrings()
    {
        Assert.Equal("connector-my-conn", ConfigRecordCodec.ConnectorKey("my-conn"));
        Assert.Equal("task-my-conn-4", ConfigRecordCodec.TaskKey(new ConnectorTaskId("my-conn", 4)));
        Assert.Equal("commit-my-conn", ConfigRecordCodec.CommitKey("my-conn"));
        Assert.Equal("target-state-my-conn", ConfigRecordCodec.TargetStateKey("my-conn"));
        Assert.True(ConfigRecordCodec.TryParseTaskKey("task-my-conn-4", out var id));
        Assert.Equal(new ConnectorTaskId("my-conn", 4), id);
    }

    [Fact]
    public void Payload_ReadsEnvelopedAndPlainValues()
    {
        var enveloped = """{"schema":{"type":"struct","fields":[{"type":"string","optional":false,"field":"state"}],"optional":false},"payload":{"state":"PAUSED"}}"""u8.ToArray();
        Assert.Equal(TargetState.Paused, ConfigRecordCodec.ReadTargetState(ConfigRecordCodec.Payload(enveloped)!.Value));
        Assert.Equal(TargetState.Stopped, ConfigRecordCodec.ReadTargetState(ConfigRecordCodec.Payload("""{"state":"PAUSED","state.v2":"STOPPED"}"""u8.ToArray())!.Value));
        Assert.Null(ConfigRecordCodec.Payload(null));
    }

    [Fact]
    public void StatusValues_AreKafkasSchemalessJson()
    {
        Assert.Equal("""{"state":"RUNNING","trace":null,"worker_id":"w:8083","generation":3}""", Text(StatusRecordCodec.Serialize(new StatusRecord("RUNNING", null, "w:8083", 3))));
        Assert.Equal("""{"topic":{"name":"t","connector":"c","task":0,"discoverTimestamp":5}}""", Text(StatusRecordCodec.Serialize(new TopicStatus("t", "c", 0, 5))));
        Assert.Equal("status-topic-t:connector-c", StatusRecordCodec.TopicKey("t", "c"));
        Assert.Equal("status-task-c-1", StatusRecordCodec.TaskKey(new ConnectorTaskId("c", 1)));
        var back = StatusRecordCodec.ReadStatus(StatusRecordCodec.Serialize(new StatusRecord("FAILED", "boom\n\tat x", "w", 9)));
        Assert.Equal(new StatusRecord("FAILED", "boom\n\tat x", "w", 9), back);
    }

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
