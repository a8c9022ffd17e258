using System.Globalization;
using Pipeline.Interop.Tests.Support;
using Pipeline.Testing.Brokers;
using Xunit;
using Xunit.Abstractions;

namespace Pipeline.Interop.Tests.KafkaPython;

/// <summary>kafka-python 2.0.2 consumer groups (JoinGroup v2, SyncGroup v1, OffsetCommit v2, OffsetFetch v1).</summary>
[Trait("Category", "Integration")]
public sealed class KafkaPythonGroupTests(ITestOutputHelper output)
{
    private const int Partitions = 3;

    [Fact]
    public async Task GroupOfTwo_SharesThePartitions_ReadsEachRecordOnce_AndANewMemberResumesAtTheCommits()
    {
        await using var broker = await BrokerProcess.StartAsync(output: output);
        const string topic = "kp-group";
        const string group = "kp-group-consumers";
        await broker.CreateTopicAsync(topic, Partitions);
        var first = await broker.ProduceAsync(topic, InteropData.Records(90, Partitions));

        var pair = await ClientScripts.KafkaPythonAsync("kp_group.py", Args(broker, topic, group, first.Count, "pair"), output);

        var context = $"kp_group.py pair:\n{pair.Describe()}\n--- broker ---\n{broker.Output}";
        Assert.True(pair.ExitCode == 0, context);
        var consumed = InteropRecord.ParseLines(pair.OutputLines, "consumed");
        RecordAssert.SameAsProduced(first, consumed, "two kafka-python consumers of one group");
        var results = InteropRecord.ParseResults(pair.OutputLines);
        var owned = new[] { "assignment-0", "assignment-1" }.Select(r => results[r]["partitions"]!.AsArray().Select(p => p!.GetValue<int>()).ToList()).ToList();
        Assert.All(owned, o => Assert.NotEmpty(o));
        Assert.Empty(owned[0].Intersect(owned[1]));
        Assert.Equal([0, 1, 2], owned.SelectMany(o => o).Order());

        // Both closed (LeaveGroup). New records, then a new member of the same group.
        var second = await broker.ProduceAsync(topic, InteropData.Records(30, Partitions).Select(r => (r.Partition, r.Record)).ToList());
        var resume = await ClientScripts.KafkaPythonAsync("kp_group.py", Args(broker, topic, group, second.Count, "resume"), output);

        context = $"kp_group.py resume:\n{resume.Describe()}\n--- broker ---\n{broker.Output}";
        Assert.True(resume.ExitCode == 0, context);
        RecordAssert.SameAsProduced(second, InteropRecord.ParseLines(resume.OutputLines, "consumed"), "the member that resumed at the committed offsets");
        var committed = InteropRecord.ParseResults(resume.OutputLines)["committed"]["offsets"]!;
        for (var p = 0; p < Partitions; p++)
        {
            var end = first.Concat(second).Where(r => r.Partition == p).Max(r => r.Offset) + 1;
            Assert.Equal(end, committed[p.ToString(CultureInfo.InvariantCulture)]!.GetValue<long>());
        }
    }

    private static string[] Args(BrokerProcess broker, string topic, string group, int expected, string mode) =>
        [broker.BootstrapServers, topic, Partitions.ToString(CultureInfo.InvariantCulture), group, expected.ToString(CultureInfo.InvariantCulture), mode];
}
