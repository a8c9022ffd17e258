using System.Globalization;
using Pipeline.Interop.Tests.Support;
using Pipeline.Testing.Brokers;
using Xunit;
using Xunit.Abstractions;

namespace Pipeline.Interop.Tests.KafkaJs;

/// <summary>kafkajs 2.2.4 consumer groups (JoinGroup v5 with MEMBER_ID_REQUIRED, LeaveGroup v3, OffsetCommit v5).</summary>
[Trait("Category", "Integration")]
public sealed class KafkaJsGroupTests(ITestOutputHelper output)
{
    private const int Partitions = 4;

    [Fact]
    public async Task GroupOfTwo_OneLeaves_TheOtherTakesOverItsPartitions_NothingIsLost()
    {
        await using var broker = await BrokerProcess.StartAsync(output: output);
        const string topic = "js-takeover";
        await broker.CreateTopicAsync(topic, Partitions);
        var first = await broker.ProduceAsync(topic, InteropData.Records(80, Partitions));
        var secondInput = broker.InputFile("js-takeover-second.json");
        InteropRecord.WriteInputFile(secondInput, InteropData.Records(40, Partitions));

        var run = await ClientScripts.NodeAsync(
            "group_takeover.js",
            [broker.BootstrapServers, topic, Partitions.ToString(CultureInfo.InvariantCulture), "js-takeover-group", first.Count.ToString(CultureInfo.InvariantCulture), secondInput],
            output);

        var context = $"group_takeover.js:\n{run.Describe()}\n--- broker ---\n{broker.Output}";
        Assert.True(run.ExitCode == 0, context);
        var results = InteropRecord.ParseResults(run.OutputLines);
        int[] Owned(string name) => results[name]["partitions"]!.AsArray().Select(p => p!.GetValue<int>()).Order().ToArray();
        var (before0, before1, after0) = (Owned("assignment-before-0"), Owned("assignment-before-1"), Owned("assignment-after-0"));
        Assert.NotEmpty(before0);
        Assert.NotEmpty(before1);
        Assert.Empty(before0.Intersect(before1));
        Assert.Equal([0, 1, 2, 3], before0.Concat(before1).Order());
        Assert.Equal([0, 1, 2, 3], after0);

        var second = InteropRecord.ParseLines(run.OutputLines, "produced");
        var consumed = InteropRecord.ParseLines(run.OutputLines, "consumed");
        RecordAssert.SameAsProduced([.. first, .. second], consumed, "kafkajs group after one member left");
        var lateByTakenOver = consumed.Where(c => c.Kind == "consumed" && second.Any(s => s.Partition == c.Partition && s.Offset == c.Offset) && before1.Contains(c.Partition!.Value));
        Assert.NotEmpty(lateByTakenOver);
    }
}
