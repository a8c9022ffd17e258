using System.Text;
using System.Text.Json;
using Pipeline.Cli.Tests.Fixtures;

namespace Pipeline.Cli.Tests.Commands;

[Trait("Category", "Integration")]
public sealed class ProduceCommandTests
{
    [Fact]
    public async Task Produce_PlainLines_OneRecordEachWithNullKey()
    {
        var topic = CliBroker.Unique("plain");
        (await CliBroker.RunAsync("topics", "create", topic)).Succeeded();
        var run = (await CliBroker.RunWithInputAsync("first\nsecond line\n\nlast", "produce", "--topic", topic)).Succeeded();
        Assert.Contains($"4 records written to {topic}", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);

        var records = await TopicReader.ReadAsync(topic);
        Assert.Equal(["first", "second line", "", "last"], records.Select(r => Encoding.UTF8.GetString(r.Value!)));
        Assert.All(records, r => Assert.Null(r.Key));
    }

    [Fact]
    public async Task Produce_KafkaProperties_ParseKeysHeadersAndNulls()
    {
        var topic = CliBroker.Unique("props");
        (await CliBroker.RunAsync("topics", "create", topic)).Succeeded();
        (await CliBroker.RunWithInputAsync("trace:1,tenant:acme\tk1=v1\n\tk2=NULL\n", "produce", "--topic", topic,
            "--property", "parse.key=true", "--property", "key.separator==", "--property", "parse.headers=true",
            "--property", "null.marker=NULL", "--header", "source=cli")).Succeeded();

        var records = await TopicReader.ReadAsync(topic);
        Assert.Equal(2, records.Count);
        Assert.Equal("k1", Encoding.UTF8.GetString(records[0].Key!));
        Assert.Equal("v1", Encoding.UTF8.GetString(records[0].Value!));
        Assert.Equal(["source", "trace", "tenant"], records[0].Headers.Select(h => h.Key));
        Assert.Equal("acme", Encoding.UTF8.GetString(records[0].Headers[2].Value!));
        Assert.Equal("k2", Encoding.UTF8.GetString(records[1].Key!));
        Assert.Null(records[1].Value);
        Assert.Equal(["source"], records[1].Headers.Select(h => h.Key));
    }

    [Fact]
    public async Task Produce_LineWithoutKeySeparator_StopsThereKeepingEarlierRecords()
    {
        var topic = CliBroker.Unique("badline");
        (await CliBroker.RunAsync("topics", "create", topic)).Succeeded();
        var run = await CliBroker.RunWithInputAsync("a:1\nbroken\nc:3\n", "produce", "-t", topic, "-K", ":");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("line 2: no key separator ':'", run.Error, StringComparison.Ordinal);
        Assert.Single(await TopicReader.ReadAsync(topic));
    }

    [Fact]
    public async Task Produce_SyncToAPartitionWithJsonOutput_PrintsTheSummary()
    {
        var topic = CliBroker.Unique("sync");
        (await CliBroker.RunAsync("topics", "create", topic, "-p", "2")).Succeeded();
        var run = (await CliBroker.RunWithInputAsync("x\ny\n", "produce", "-t", topic, "--partition", "1", "--sync", "--acks", "1", "--output", "json")).Succeeded();
        var summary = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal(topic, summary.GetProperty("topic").GetString());
        Assert.Equal(2, summary.GetProperty("records_sent").GetInt64());
        Assert.Equal(0, summary.GetProperty("records_failed").GetInt64());
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("first_error").ValueKind);
        Assert.Equal(2, (await TopicReader.ReadAsync(topic, 1)).Count);
    }

    [Fact]
    public async Task Produce_RejectedRecords_ExitOneWithTheBrokersReason()
    {
        var topic = CliBroker.Unique("compacted");
        (await CliBroker.RunAsync("topics", "create", topic, "--config", "cleanup.policy=compact")).Succeeded();
        var run = await CliBroker.RunWithInputAsync("no key\n", "produce", "-t", topic);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("INVALID_RECORD", run.Error, StringComparison.Ordinal);
        Assert.Contains("1 failed", run.Error, StringComparison.Ordinal);
    }
}
