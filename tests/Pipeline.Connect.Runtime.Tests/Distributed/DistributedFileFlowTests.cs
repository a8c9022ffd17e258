using System.Diagnostics;
using System.Globalization;
using Pipeline.Testing.Connect;
using Pipeline.Testing.IO;
using Pipeline.Testing.Time;
using Xunit.Abstractions;

namespace Pipeline.Connect.Runtime.Tests.Distributed;

/// <summary>
/// Issue 6's distributed proof in one process: three workers over the real ConnectWorker, a
/// FileStreamSource tailing a growing file into a 3-partition topic and a CSV sink with three tasks
/// reading it. One worker is abandoned (no LeaveGroup) while lines still arrive; after the session
/// timeout and scheduled.rebalance.max.delay.ms its work runs on the survivors and the sink output
/// holds every source line (at least once).
/// </summary>
[Trait("Category", "Integration")]
public sealed class DistributedFileFlowTests(ITestOutputHelper output)
{
    private const int Lines = 50_000;
    private const int Chunk = 500;
    private static readonly TimeSpan RebalanceDelay = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task ThreeWorkers_OneAbandonedUnderLoad_ItsTasksMoveAndEveryLineArrives()
    {
        var clock = Stopwatch.StartNew();
        using var dir = new TempDirectory("connect-distributed-flow");
        var input = dir.Combine("input.txt");
        var outputPath = dir.Combine("out");
        await File.WriteAllTextAsync(input, string.Empty);
        var id = Guid.NewGuid().ToString("N")[..8];
        var topic = $"lines-{id}";

        // Connector names of this test only: a sink's consumer group is connect-<name> on the shared broker.
        var src = $"src-{id}";
        var sink = $"sink-{id}";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var rest = new ConnectRestCalls(http);

        using var startTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var cluster = await RealWorkerCluster.StartAsync(3, RebalanceDelay, startTimeout.Token);
        await Eventually.TrueAsync(() => Task.FromResult(cluster.Members.Count(m => m.Herder.IsLeader) == 1 && cluster.Members.All(m => m.Herder.LeaderUrl is not null)), "a leader", 30);
        var follower = cluster.Members.First(m => !m.Herder.IsLeader);

        // Written through a follower: REST forwards to the leader.
        await rest.PutConfigAsync(follower.Url, src, new Dictionary<string, string>
        {
            ["connector.class"] = "FileStreamSource",
            ["tasks.max"] = "1",
            ["file"] = input,
            ["topic"] = topic,
            ["batch.size"] = "500",
            ["topic.creation.default.partitions"] = "3",
            ["topic.creation.default.replication.factor"] = "1",
        }, TimeSpan.FromSeconds(30));
        await rest.PutConfigAsync(follower.Url, sink, new Dictionary<string, string>
        {
            ["connector.class"] = "CsvSink",
            ["tasks.max"] = "3",
            ["topics"] = topic,
            ["output.path"] = outputPath,
            ["csv.write.header"] = "false",
            ["rotate.row.count"] = "2000",
            ["rotate.interval.ms"] = "1000",
        }, TimeSpan.FromSeconds(30));

        // 2 connectors + 4 tasks over 3 workers: every worker runs something, per the status topic.
        await Eventually.TrueAsync(async () => await rest.RunningWorkersAsync(cluster.Members[0].Url, (src, 1), (sink, 3)) is { Count: 3 }, "src and sink running on all three workers", 30);
        Assert.All(cluster.Members, m => Assert.NotEmpty(m.Herder.Assignment.Connectors.Concat(m.Herder.Assignment.Tasks.Select(t => t.Connector))));
        output.WriteLine($"{clock.Elapsed}: spread over 3 workers");

        // Lines arrive over ~10 s; the victim goes after ~40% of them, once the sink writes files. It is the follower running the
        // source task if there is one (then the source resumes from the offset topic elsewhere).
        var written = 0;
        var writer = Task.Run(async () =>
        {
            for (var start = 0; start < Lines; start += Chunk)
            {
                var text = string.Concat(Enumerable.Range(start, Chunk).Select(i => Line(i) + "\n"));
                await File.AppendAllTextAsync(input, text);
                Volatile.Write(ref written, start + Chunk);
                await Task.Delay(100);
            }
        });
        await Eventually.TrueAsync(
            () => Task.FromResult(Volatile.Read(ref written) >= Lines * 2 / 5 && Directory.Exists(outputPath) && Directory.EnumerateFiles(outputPath, "*.csv").Any()),
            "40% of the lines written and the sink's first files closed",
            30);

        var before = await rest.StatusAsync(cluster.Members[0].Url, src);
        var sourceWorker = before!.Tasks.Single().WorkerId;
        var victim = cluster.Members.FirstOrDefault(m => !m.Herder.IsLeader && m.WorkerId == sourceWorker)
            ?? cluster.Members.First(m => !m.Herder.IsLeader && m.Herder.Assignment.Tasks.Count > 0);
        var lostTasks = victim.Herder.Assignment.Tasks.ToList();
        var killedAt = clock.Elapsed;
        await cluster.AbandonAsync(victim);
        output.WriteLine($"{killedAt}: abandoned {victim.WorkerId} (tasks {string.Join(", ", lostTasks)}; source task there: {victim.WorkerId == sourceWorker}) with {Volatile.Read(ref written)} lines written");

        // Its tasks come back on the survivors, after the session timeout and the scheduled delay.
        var survivor = cluster.Members[0].Url;
        await Eventually.TrueAsync(
            async () =>
            {
                foreach (var connector in new[] { src, sink })
                {
                    var status = await rest.StatusAsync(survivor, connector);
                    if (status is null || status.Tasks.Count != (connector == src ? 1 : 3)
                        || status.Tasks.Any(t => t.State != "RUNNING" || t.WorkerId == victim.WorkerId)
                        || status.State != "RUNNING" || status.WorkerId == victim.WorkerId)
                    {
                        return false;
                    }
                }

                return true;
            },
            "every connector and task running on the survivors",
            40);
        var movedAt = clock.Elapsed;
        output.WriteLine($"{movedAt}: all tasks running on the survivors ({movedAt - killedAt} after the kill)");
        Assert.True(movedAt - killedAt >= RebalanceDelay, $"moved {movedAt - killedAt} after the kill; the delay is {RebalanceDelay}");
        Assert.All(lostTasks, t => Assert.Contains(cluster.Members, m => m.Herder.Assignment.Tasks.Contains(t)));

        await writer;
        Dictionary<string, int> counts = [];
        await Eventually.TrueAsync(
            () =>
            {
                counts = CsvOutput.CountRows(outputPath);
                return Task.FromResult(counts.Count >= Lines);
            },
            "every line in the sink's closed files",
            40);
        var missing = Enumerable.Range(0, Lines).Select(Line).Where(l => !counts.ContainsKey(l)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} lines missing, e.g. {string.Join(", ", missing.Take(5))}");
        Assert.Equal(Lines, counts.Count);
        var duplicates = counts.Values.Sum(c => c - 1);
        output.WriteLine($"{clock.Elapsed}: all {Lines} lines in the output; {duplicates} duplicate rows");
    }

    private static string Line(int i) => "line-" + i.ToString("D6", CultureInfo.InvariantCulture);

}
