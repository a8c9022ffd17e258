using System.Text.Json;
using Pipeline.Cli.Tests.Fixtures;
using Pipeline.Client;
using Pipeline.Client.Admin;
using Pipeline.Client.Config;

namespace Pipeline.Cli.Tests.Commands;

[Trait("Category", "Integration")]
public sealed class GroupsCommandTests
{
    [Fact]
    public async Task Describe_CommittedGroup_ShowsOffsetLogEndAndLagPerPartition()
    {
        var (topic, group) = await GroupWithOffsetsAsync(produced: 5, committed: 2);

        var table = (await CliBroker.RunAsync("groups", "describe", "--group", group)).Succeeded();
        Assert.Contains($"Consumer group '{group}' has no active members.", table.Out, StringComparison.Ordinal);
        Assert.Contains("CURRENT-OFFSET  LOG-END-OFFSET  LAG", table.Out, StringComparison.Ordinal);
        var row = table.OutLines.Single(l => l.StartsWith(group + " ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([group, topic, "0", "2", "5", "3", "-", "-", "-"], row);

        var json = JsonDocument.Parse((await CliBroker.RunAsync("groups", "describe", group, "--output", "json")).Succeeded().Out).RootElement[0];
        Assert.Equal(group, json.GetProperty("group").GetString());
        Assert.Equal("Empty", json.GetProperty("state").GetString());
        Assert.Equal(0, json.GetProperty("members").GetArrayLength());
        var offsets = json.GetProperty("offsets")[0];
        Assert.Equal(topic, offsets.GetProperty("topic").GetString());
        Assert.Equal(2, offsets.GetProperty("current_offset").GetInt64());
        Assert.Equal(5, offsets.GetProperty("log_end_offset").GetInt64());
        Assert.Equal(3, offsets.GetProperty("lag").GetInt64());
        Assert.Equal(JsonValueKind.Null, offsets.GetProperty("member_id").ValueKind);

        var list = (await CliBroker.RunAsync("groups", "list")).Succeeded();
        Assert.Contains(list.OutLines, l => l.StartsWith(group + " ", StringComparison.Ordinal) && l.Contains("Empty", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ResetOffsets_DryRunChangesNothing_ExecuteCommits()
    {
        var (topic, group) = await GroupWithOffsetsAsync(produced: 10, committed: 4);

        var dry = (await CliBroker.RunAsync("groups", "reset-offsets", "--group", group, "--topic", topic, "--to-latest")).Succeeded();
        Assert.Contains("--execute", dry.Error, StringComparison.Ordinal);
        Assert.Equal([group, topic, "0", "4", "10"], dry.OutLines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(4, await CommittedAsync(group, topic));

        var shift = (await CliBroker.RunAsync("groups", "reset-offsets", "-g", group, "--all-topics", "--shift-by", "-3", "--execute", "--output", "json")).Succeeded();
        var row = JsonDocument.Parse(shift.Out).RootElement[0];
        Assert.Equal(4, row.GetProperty("current_offset").GetInt64());
        Assert.Equal(1, row.GetProperty("new_offset").GetInt64());
        Assert.Equal(1, await CommittedAsync(group, topic));

        (await CliBroker.RunAsync("groups", "reset-offsets", "-g", group, "-t", $"{topic}:0", "--to-offset", "99", "--execute")).Succeeded();
        Assert.Equal(10, await CommittedAsync(group, topic));
        (await CliBroker.RunAsync("groups", "reset-offsets", "-g", group, "-t", topic, "--to-datetime", "2000-01-01T00:00:00Z", "--execute")).Succeeded();
        Assert.Equal(0, await CommittedAsync(group, topic));
    }

    [Fact]
    public async Task DeleteOffsetsThenDelete_RemoveTheGroup()
    {
        var (topic, group) = await GroupWithOffsetsAsync(produced: 1, committed: 1);
        var deletedOffsets = (await CliBroker.RunAsync("groups", "delete-offsets", "-g", group, "-t", topic)).Succeeded();
        Assert.Contains($"Deleted offsets of group '{group}' for {topic}-0.", deletedOffsets.Out, StringComparison.Ordinal);

        var deleted = (await CliBroker.RunAsync("groups", "delete", "--group", group, "--output", "json")).Succeeded();
        Assert.Equal("deleted", JsonDocument.Parse(deleted.Out).RootElement[0].GetProperty("result").GetString());
        var gone = await CliBroker.RunAsync("groups", "describe", group);
        Assert.Equal(1, gone.ExitCode);
        Assert.Contains("does not exist", gone.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetOffsets_NoScenario_IsAUsageError()
    {
        var run = await CliBroker.RunAsync("groups", "reset-offsets", "-g", "g", "-t", "t", "--to-earliest", "--to-latest");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("exactly one", run.Error, StringComparison.Ordinal);
    }

    private static async Task<(string Topic, string Group)> GroupWithOffsetsAsync(int produced, long committed)
    {
        var topic = CliBroker.Unique("gt");
        var group = CliBroker.Unique("g");
        (await CliBroker.RunAsync("topics", "create", topic)).Succeeded();
        (await CliBroker.RunWithInputAsync(string.Concat(Enumerable.Range(0, produced).Select(i => $"r{i}\n")), "produce", "-t", topic)).Succeeded();
        await using var admin = await AdminAsync();
        await admin.AlterConsumerGroupOffsetsAsync(group, [new TopicPartitionOffset(topic, 0, committed)]);
        return (topic, group);
    }

    private static async Task<long> CommittedAsync(string group, string topic)
    {
        await using var admin = await AdminAsync();
        return (await admin.ListConsumerGroupOffsetsAsync(group, [new Protocol.TopicPartition(topic, 0)]))[0].Offset;
    }

    private static async Task<AdminClient> AdminAsync() =>
        new(AdminClientOptions.Default with { BootstrapServers = await CliBroker.BootstrapAsync(), DefaultApiTimeout = TimeSpan.FromSeconds(20) });
}
