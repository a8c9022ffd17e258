using System.Text.Json;
using Pipeline.Cli.Tests.Fixtures;

namespace Pipeline.Cli.Tests.Commands;

[Trait("Category", "Integration")]
public sealed class ConfigsCommandTests
{
    [Fact]
    public async Task Alter_ThenDescribe_ShowsTheOverridesWithTheirSource()
    {
        var topic = CliBroker.Unique("cfg");
        (await CliBroker.RunAsync("topics", "create", topic)).Succeeded();
        var altered = (await CliBroker.RunAsync("configs", "alter", "--entity-type", "topics", "--entity-name", topic,
            "--add-config", "retention.ms=7200000,cleanup.policy=[compact,delete]")).Succeeded();
        Assert.Equal($"Completed updating config for topic {topic}.", altered.Out.Trim());

        var json = JsonDocument.Parse((await CliBroker.RunAsync("configs", "describe", "--topic", topic, "--output", "json")).Succeeded().Out).RootElement[0];
        Assert.Equal("topics", json.GetProperty("entity_type").GetString());
        Assert.Equal(topic, json.GetProperty("entity_name").GetString());
        var configs = json.GetProperty("configs").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c);
        Assert.Equal(["cleanup.policy", "retention.ms"], configs.Keys);
        Assert.Equal("compact,delete", configs["cleanup.policy"].GetProperty("value").GetString());
        Assert.Equal("DYNAMIC_TOPIC_CONFIG", configs["retention.ms"].GetProperty("source").GetString());

        (await CliBroker.RunAsync("configs", "alter", "--topic", topic, "--delete-config", "retention.ms")).Succeeded();
        var table = (await CliBroker.RunAsync("configs", "describe", "--topic", topic)).Succeeded();
        Assert.Contains($"Dynamic configs for topic {topic}:", table.Out, StringComparison.Ordinal);
        Assert.Contains("cleanup.policy", table.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("retention.ms", table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribeAll_Broker_ListsDefaultsWithSources()
    {
        var json = JsonDocument.Parse((await CliBroker.RunAsync("configs", "describe", "--broker", "1", "--all", "--output", "json")).Succeeded().Out).RootElement[0];
        var entries = json.GetProperty("configs").EnumerateArray().ToList();
        Assert.Contains(entries, e => e.GetProperty("name").GetString() == "num.partitions");
        Assert.All(entries, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("source").GetString())));
    }

    [Fact]
    public async Task Alter_UnknownConfig_ExitsOneWithTheBrokersWords()
    {
        var topic = CliBroker.Unique("cfgbad");
        (await CliBroker.RunAsync("topics", "create", topic)).Succeeded();
        var run = await CliBroker.RunAsync("configs", "alter", "--topic", topic, "--add-config", "no.such.config=1");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("INVALID_CONFIG", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Describe_NoEntity_IsAUsageError()
    {
        var run = await CliBroker.RunAsync("configs", "describe");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--topic", run.Error, StringComparison.Ordinal);
    }
}
