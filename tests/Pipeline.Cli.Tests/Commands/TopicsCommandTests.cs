using System.Text.Json;
using Pipeline.Cli.Tests.Fixtures;

namespace Pipeline.Cli.Tests.Commands;

[Trait("Category", "Integration")]
public sealed class TopicsCommandTests
{
    [Fact]
    public async Task Create_NewTopic_SaysSoAndListShowsItsPartitions()
    {
        var topic = CliBroker.Unique("create");
        var created = (await CliBroker.RunAsync("topics", "create", topic, "--partitions", "3", "--config", "retention.ms=3600000")).Succeeded();
        Assert.Equal($"Created topic {topic}.", created.Out.Trim());

        var list = (await CliBroker.RunAsync("topics", "list", "--output", "json")).Succeeded();
        var entry = JsonDocument.Parse(list.Out).RootElement.EnumerateArray().Single(e => e.GetProperty("name").GetString() == topic);
        Assert.Equal(3, entry.GetProperty("partitions").GetInt32());
        Assert.Equal(1, entry.GetProperty("replication_factor").GetInt32());
        Assert.False(entry.GetProperty("internal").GetBoolean());
        Assert.Equal(22, entry.GetProperty("topic_id").GetString()!.Length);

        var table = (await CliBroker.RunAsync("topics", "list")).Succeeded();
        Assert.StartsWith("TOPIC", table.OutLines[0], StringComparison.Ordinal);
        Assert.Contains(table.OutLines, l => l.StartsWith(topic + " ", StringComparison.Ordinal) && l.Contains(" 3 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_Existing_FailsWithTheHintUnlessIfNotExists()
    {
        var topic = CliBroker.Unique("dup");
        (await CliBroker.RunAsync("topics", "create", "--topic", topic)).Succeeded();

        var again = await CliBroker.RunAsync("topics", "create", "--topic", topic);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("TOPIC_ALREADY_EXISTS", again.Error, StringComparison.Ordinal);
        Assert.Contains("--if-not-exists", again.Error, StringComparison.Ordinal);

        var tolerated = (await CliBroker.RunAsync("topics", "create", "--topic", topic, "--if-not-exists", "--output", "json")).Succeeded();
        var outcome = JsonDocument.Parse(tolerated.Out).RootElement[0];
        Assert.Equal("exists", outcome.GetProperty("result").GetString());
    }

    [Fact]
    public async Task Describe_ShowsPartitionsOffsetsAndOverriddenConfigs()
    {
        var topic = CliBroker.Unique("desc");
        (await CliBroker.RunAsync("topics", "create", topic, "-p", "2", "--config", "cleanup.policy=compact")).Succeeded();
        (await CliBroker.RunWithInputAsync("a:1\nb:2\nc:3\n", "produce", topic, "-K", ":", "--partition", "1")).Succeeded();

        var json = (await CliBroker.RunAsync("topics", "describe", topic, "--output", "json")).Succeeded();
        var t = JsonDocument.Parse(json.Out).RootElement.EnumerateArray().Single();
        Assert.Equal(topic, t.GetProperty("name").GetString());
        Assert.Equal("compact", t.GetProperty("configs").GetProperty("cleanup.policy").GetString());
        var partitions = t.GetProperty("partitions").EnumerateArray().ToList();
        Assert.Equal([0, 1], partitions.Select(p => p.GetProperty("partition").GetInt32()));
        Assert.Equal(1, partitions[0].GetProperty("leader").GetInt32());
        Assert.Equal([1], partitions[0].GetProperty("isr").EnumerateArray().Select(i => i.GetInt32()));
        Assert.Equal(0, partitions[0].GetProperty("log_end_offset").GetInt64());
        Assert.Equal(3, partitions[1].GetProperty("log_end_offset").GetInt64());

        var text = (await CliBroker.RunAsync("topics", "describe", topic)).Succeeded();
        Assert.Contains($"Topic: {topic}", text.Out, StringComparison.Ordinal);
        Assert.Contains("PartitionCount: 2", text.Out, StringComparison.Ordinal);
        Assert.Contains("Configs: cleanup.policy=compact", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alter_AddsPartitionsAndChangesConfigs()
    {
        var topic = CliBroker.Unique("alter");
        (await CliBroker.RunAsync("topics", "create", topic, "-p", "1", "--config", "retention.ms=1000000")).Succeeded();
        var altered = (await CliBroker.RunAsync("topics", "alter", topic, "--partitions", "4", "--config", "segment.ms=600000", "--delete-config", "retention.ms")).Succeeded();
        Assert.Equal($"Altered topic {topic}.", altered.Out.Trim());

        var t = JsonDocument.Parse((await CliBroker.RunAsync("topics", "describe", topic, "--output", "json")).Succeeded().Out).RootElement[0];
        Assert.Equal(4, t.GetProperty("partitions").GetArrayLength());
        var configs = t.GetProperty("configs");
        Assert.Equal("600000", configs.GetProperty("segment.ms").GetString());
        Assert.False(configs.TryGetProperty("retention.ms", out _));
    }

    [Fact]
    public async Task Delete_RemovesTheTopic_AndAMissingOneFailsUnlessIfExists()
    {
        var topic = CliBroker.Unique("del");
        (await CliBroker.RunAsync("topics", "create", topic)).Succeeded();
        Assert.Equal($"Deleted topic {topic}.", (await CliBroker.RunAsync("topics", "delete", topic)).Succeeded().Out.Trim());
        Assert.DoesNotContain(topic, (await CliBroker.RunAsync("topics", "list")).Succeeded().Out, StringComparison.Ordinal);

        var missing = await CliBroker.RunAsync("topics", "delete", topic);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("UNKNOWN_TOPIC_OR_PARTITION", missing.Error, StringComparison.Ordinal);
        (await CliBroker.RunAsync("topics", "delete", topic, "--if-exists")).Succeeded();
    }

    [Fact]
    public async Task Describe_UnknownTopic_ExitsOneNamingIt()
    {
        var topic = CliBroker.Unique("nope");
        var run = await CliBroker.RunAsync("topics", "describe", topic);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"cannot describe {topic}", run.Error, StringComparison.Ordinal);
    }
}
