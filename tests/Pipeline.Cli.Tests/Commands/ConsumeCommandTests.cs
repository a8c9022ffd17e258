using System.Text.Json;
using Pipeline.Cli.Tests.Fixtures;

namespace Pipeline.Cli.Tests.Commands;

[Trait("Category", "Integration")]
public sealed class ConsumeCommandTests
{
    [Fact]
    public async Task Consume_FromBeginningToTheEnd_PrintsValuesAndTheCount()
    {
        var topic = await TopicWithRecordsAsync("a:1\nb:2\nc:3\n");
        var run = (await CliBroker.RunAsync("consume", "--topic", topic, "--from-beginning", "--exit-at-end")).Succeeded();
        Assert.Equal(["1", "2", "3"], run.OutLines);
        Assert.Contains("Processed a total of 3 messages", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consume_PrintProperties_UseKafkasLayout()
    {
        var topic = await TopicWithRecordsAsync("h1:x\ta:1\n\tb:2\n", headers: true);
        var run = (await CliBroker.RunAsync("consume", "-t", topic, "--from-beginning", "-e", "--print-key", "--print-offset", "--print-headers",
            "--property", "key.separator=|")).Succeeded();
        Assert.Equal(["Partition:0|Offset:0|h1:x|a|1", "Partition:0|Offset:1|NO_HEADERS|b|2"], run.OutLines);

        var withTime = (await CliBroker.RunAsync("consume", "-t", topic, "--from-beginning", "-e", "--max-messages", "1", "--property", "print.timestamp=true")).Succeeded();
        Assert.Matches(@"^CreateTime:\d{13}\t1$", withTime.OutLines.Single());
    }

    [Fact]
    public async Task Consume_OffsetAndMaxMessages_StartAndStopWhereAsked()
    {
        var topic = await TopicWithRecordsAsync("a:1\nb:2\nc:3\nd:4\n");
        var run = (await CliBroker.RunAsync("consume", "-t", topic, "--partition", "0", "--offset", "1", "--max-messages", "2")).Succeeded();
        Assert.Equal(["2", "3"], run.OutLines);

        var latest = (await CliBroker.RunAsync("consume", "-t", topic, "--offset", "latest", "-e")).Succeeded();
        Assert.Empty(latest.OutLines);
        Assert.Contains("Processed a total of 0 messages", latest.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consume_FromTimestamp_SkipsOlderRecords()
    {
        var topic = await TopicWithRecordsAsync("a:old\n");
        await Task.Delay(50);
        var cut = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        (await CliBroker.RunWithInputAsync("b:new\n", "produce", "-t", topic, "-K", ":")).Succeeded();
        var run = (await CliBroker.RunAsync("consume", "-t", topic, "--from-timestamp", cut.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), "-e")).Succeeded();
        Assert.Equal(["new"], run.OutLines);
    }

    [Fact]
    public async Task Consume_Json_OneObjectPerRecord()
    {
        var topic = await TopicWithRecordsAsync("t:1\tk:v\n", headers: true);
        var run = (await CliBroker.RunAsync("consume", "-t", topic, "--from-beginning", "-e", "--output", "json")).Succeeded();
        var r = JsonDocument.Parse(run.OutLines.Single()).RootElement;
        Assert.Equal(topic, r.GetProperty("topic").GetString());
        Assert.Equal(0, r.GetProperty("partition").GetInt32());
        Assert.Equal(0, r.GetProperty("offset").GetInt64());
        Assert.Equal("CreateTime", r.GetProperty("timestamp_type").GetString());
        Assert.True(r.GetProperty("timestamp").GetInt64() > 1_600_000_000_000);
        Assert.Equal("k", r.GetProperty("key").GetString());
        Assert.Equal("v", r.GetProperty("value").GetString());
        var header = r.GetProperty("headers")[0];
        Assert.Equal("t", header.GetProperty("key").GetString());
        Assert.Equal("1", header.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Consume_WithGroup_CommitsSoGroupsDescribeShowsNoLag()
    {
        var topic = await TopicWithRecordsAsync("a:1\nb:2\n");
        var group = CliBroker.Unique("cg");
        var run = (await CliBroker.RunAsync("consume", "-t", topic, "--group", group, "--from-beginning", "--max-messages", "2")).Succeeded();
        Assert.Equal(["1", "2"], run.OutLines);

        var described = JsonDocument.Parse((await CliBroker.RunAsync("groups", "describe", group, "--output", "json")).Succeeded().Out).RootElement[0];
        var offsets = described.GetProperty("offsets")[0];
        Assert.Equal(2, offsets.GetProperty("current_offset").GetInt64());
        Assert.Equal(0, offsets.GetProperty("lag").GetInt64());
    }

    [Fact]
    public async Task Consume_BadChoices_AreUsageErrors()
    {
        Assert.Equal(2, (await CliBroker.RunAsync("consume", "-t", "x", "--group", "g", "--offset", "3")).ExitCode);
        Assert.Equal(2, (await CliBroker.RunAsync("consume", "-t", "x", "--offset", "soon")).ExitCode);
        Assert.Equal(2, (await CliBroker.RunAsync("consume")).ExitCode);
        var missing = await CliBroker.RunAsync("consume", "-t", CliBroker.Unique("missing"), "--partition", "5", "-e");
        Assert.Equal(1, missing.ExitCode);
    }

    private static async Task<string> TopicWithRecordsAsync(string lines, bool headers = false)
    {
        var topic = CliBroker.Unique("cons");
        (await CliBroker.RunAsync("topics", "create", topic)).Succeeded();
        string[] args = headers
            ? ["produce", "-t", topic, "-K", ":", "--property", "parse.headers=true"]
            : ["produce", "-t", topic, "-K", ":"];
        (await CliBroker.RunWithInputAsync(lines, args)).Succeeded();
        return topic;
    }
}
