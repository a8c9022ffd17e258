using System.Globalization;
using Pipeline.Interop.Tests.Support;
using Pipeline.Testing.Brokers;
using Pipeline.Testing.Kafka;
using Pipeline.Testing.Processes;
using Xunit;
using Xunit.Abstractions;

namespace Pipeline.Interop.Tests.Kcat;

/// <summary>kcat 1.7.1 balanced consumer groups (<c>-G</c>): librdkafka's group membership and auto-commit.</summary>
[Trait("Category", "Integration")]
public sealed class KcatGroupTests(ITestOutputHelper output)
{
    private const int Partitions = 4;

    [Fact]
    public async Task BalancedGroup_TwoKcats_SplitThePartitions_AndReadEachRecordOnce()
    {
        await using var broker = await BrokerProcess.StartAsync(output: output);
        const string topic = "kcat-group";
        await broker.CreateTopicAsync(topic, Partitions);
        var expected = await ProduceTextAsync(broker, topic, 25, "a");

        // Started together, both join during the group's initial rebalance delay (3 s).
        var runs = await Task.WhenAll(KcatGroupAsync(broker, topic, "kcat-balanced"), KcatGroupAsync(broker, topic, "kcat-balanced"));

        var context = string.Join("\n", runs.Select(r => $"kcat -G:\n{r.Describe()}")) + $"\n--- broker ---\n{broker.Output}";
        Assert.All(runs, r => Assert.True(r.ExitCode == 0, context));
        var read = runs.Select(Parse).ToList();
        Assert.All(read, r => Assert.True(r.Count > 0, $"a kcat of the group read nothing\n{context}"));
        Assert.Empty(read[0].Select(r => r.Partition).Intersect(read[1].Select(r => r.Partition)));
        Assert.Equal(expected.Order(), read.SelectMany(r => r).Order());
    }

    [Fact]
    public async Task BalancedGroup_ResumesAtItsCommittedOffsets_AfterTheBrokerWasKilled()
    {
        await using var broker = await BrokerProcess.StartAsync(output: output);
        const string topic = "kcat-resume";
        await broker.CreateTopicAsync(topic, Partitions);
        var first = await ProduceTextAsync(broker, topic, 10, "first");
        var firstRun = await KcatGroupAsync(broker, topic, "kcat-resume-group");
        Assert.True(firstRun.ExitCode == 0, $"{firstRun.Describe()}\n{broker.Output}");
        Assert.Equal(first.Order(), Parse(firstRun).Order());

        // kcat closed (committing); the broker dies and comes back; the group resumes there.
        broker.Kill();
        await broker.RestartAsync();
        var second = await ProduceTextAsync(broker, topic, 10, "second");
        var secondRun = await KcatGroupAsync(broker, topic, "kcat-resume-group");

        Assert.True(secondRun.ExitCode == 0, $"{secondRun.Describe()}\n{broker.Output}");
        Assert.Equal(second.Order(), Parse(secondRun).Order());
    }

    private Task<ProcessResult> KcatGroupAsync(BrokerProcess broker, string topic, string group) =>
        ClientScripts.KcatAsync(
            ["-b", broker.BootstrapServers, "-G", group, topic, "-e", "-q", "-f", "%p|%o|%k|%s\n", "-X", "auto.offset.reset=earliest", "-X", "heartbeat.interval.ms=500"],
            output: output,
            timeout: TimeSpan.FromSeconds(30));

    private static List<(int Partition, long Offset, string Key, string Value)> Parse(ProcessResult run) =>
        run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('|'))
            .Select(f => (int.Parse(f[0], CultureInfo.InvariantCulture), long.Parse(f[1], CultureInfo.InvariantCulture), f[2], f[3]))
            .ToList();

    /// <summary>Text records key-p-i / value-p-i on every partition; returns them as kcat prints them.</summary>
    private static async Task<List<(int Partition, long Offset, string Key, string Value)>> ProduceTextAsync(BrokerProcess broker, string topic, int perPartition, string prefix)
    {
        await using var client = await broker.ConnectAsync();
        var all = new List<(int, long, string, string)>();
        for (var p = 0; p < Partitions; p++)
        {
            var records = Enumerable.Range(0, perPartition).Select(i => TestRecord.Of($"{prefix}-key-{p}-{i}", $"{prefix}-value-{p}-{i}")).ToArray();
            var result = await client.ProduceAsync(topic, p, records);
            Assert.Equal(0, result.ErrorCode);
            all.AddRange(Enumerable.Range(0, perPartition).Select(i => (p, result.BaseOffset + i, $"{prefix}-key-{p}-{i}", $"{prefix}-value-{p}-{i}")));
        }

        return all;
    }
}
