using System.Globalization;
using Pipeline.Interop.Tests.Support;
using Pipeline.Testing.Brokers;
using Xunit;
using Xunit.Abstractions;

namespace Pipeline.Interop.Tests.ConfluentKafka;

/// <summary>confluent-kafka 1.7.0 / librdkafka 2.0.2 consumer groups (JoinGroup v5, OffsetCommit v7, OffsetFetch v7).</summary>
[Trait("Category", "Integration")]
public sealed class ConfluentKafkaGroupTests(ITestOutputHelper output)
{
    private const int Partitions = 4;

    [Fact]
    public async Task CooperativeSticky_SecondMemberTakesSomePartitions_ManualCommitsMatchPositions()
    {
        await using var broker = await BrokerProcess.StartAsync(output: output);
        const string topic = "ck-group";
        await broker.CreateTopicAsync(topic, Partitions);
        var produced = await broker.ProduceAsync(topic, InteropData.Records(80, Partitions));

        var run = await ClientScripts.ConfluentKafkaAsync(
            "ck_group.py",
            [broker.BootstrapServers, topic, Partitions.ToString(CultureInfo.InvariantCulture), "ck-cooperative", produced.Count.ToString(CultureInfo.InvariantCulture)],
            output);

        var context = $"ck_group.py:\n{run.Describe()}\n--- broker ---\n{broker.Output}";
        Assert.True(run.ExitCode == 0, context);
        var consumed = InteropRecord.ParseLines(run.OutputLines, "consumed");
        foreach (var record in produced)
        {
            Assert.True(consumed.Any(c => c.Partition == record.Partition && c.Offset == record.Offset && c.Content.Equals(record.Content)), $"{record} was never consumed\n{context}");
        }

        var results = InteropRecord.ParseResults(run.OutputLines);
        var owned = new List<int>();
        for (var i = 0; i < 2; i++)
        {
            var offsets = results[$"offsets-{i}"];
            var assignment = offsets["assignment"]!.AsArray().Select(p => p!.GetValue<int>()).ToList();
            Assert.NotEmpty(assignment);
            owned.AddRange(assignment);
            foreach (var p in assignment)
            {
                var key = p.ToString(CultureInfo.InvariantCulture);
                var committed = offsets["committed"]![key]!.GetValue<long>();
                var position = offsets["position"]![key]!.GetValue<long>();
                Assert.Equal(produced.Where(r => r.Partition == p).Max(r => r.Offset) + 1, committed);

                // -1001: this member got the partition already fully read and committed by the other.
                Assert.True(position == committed || position == -1001, $"consumer {i}, partition {p}: committed {committed}, position {position}\n{context}");
            }
        }

        Assert.Equal([0, 1, 2, 3], owned.Order());

        // Incremental (KIP-429): consumer 0 gave up only the partitions that moved and kept the rest.
        var revokedEvents = results["revoked-0"]["events"]!.AsArray().Select(e => e!.AsArray().Select(p => p!.GetValue<int>()).ToList()).Where(e => e.Count > 0).ToList();
        Assert.NotEmpty(revokedEvents);
        Assert.All(revokedEvents, e => Assert.True(e.Count < Partitions, $"consumer 0 had all its partitions revoked at once ({string.Join(",", e)}): not cooperative\n{context}"));
    }
}
