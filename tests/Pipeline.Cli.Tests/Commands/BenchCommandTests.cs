using System.Text.Json;
using Pipeline.Cli.Tests.Fixtures;

namespace Pipeline.Cli.Tests.Commands;

[Trait("Category", "Integration")]
public sealed class BenchCommandTests
{
    [Fact]
    public async Task BenchProduce_Json_ReportsThroughputAndLatencyPercentiles()
    {
        var topic = CliBroker.Unique("bench");
        var run = (await CliBroker.RunAsync("bench", "produce", "--topic", topic, "--records", "20000", "--record-size", "100",
            "--partitions", "3", "--acks", "all", "--output", "json")).Succeeded();
        var r = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal("produce", r.GetProperty("mode").GetString());
        Assert.Equal(20000, r.GetProperty("records").GetInt64());
        Assert.Equal(100, r.GetProperty("record_size").GetInt32());
        Assert.Equal(3, r.GetProperty("partitions").GetInt32());
        Assert.Equal(0, r.GetProperty("failed").GetInt64());
        Assert.True(r.GetProperty("records_per_sec").GetDouble() > 0);
        Assert.True(r.GetProperty("mb_per_sec").GetDouble() > 0);
        var l = r.GetProperty("latency_ms");
        var p50 = l.GetProperty("p50_ms").GetDouble();
        var p99 = l.GetProperty("p99_ms").GetDouble();
        Assert.True(p50 > 0 && p50 <= p99 && p99 <= l.GetProperty("p999_ms").GetDouble() && l.GetProperty("p999_ms").GetDouble() <= l.GetProperty("max_ms").GetDouble(), l.ToString());

        var described = JsonDocument.Parse((await CliBroker.RunAsync("topics", "describe", topic, "--output", "json")).Succeeded().Out).RootElement[0];
        Assert.Equal(20000, described.GetProperty("partitions").EnumerateArray().Sum(p => p.GetProperty("log_end_offset").GetInt64()));
    }

    [Fact]
    public async Task BenchProduce_Table_PrintsTheSummaryLines()
    {
        var run = (await CliBroker.RunAsync("bench", "produce", "-t", CliBroker.Unique("bench"), "-n", "2000", "-s", "1024", "-p", "1", "--compression", "gzip")).Succeeded();
        Assert.Matches(@"^produce: 2,000 records of 1024 bytes in [0-9.]+ s: [0-9,]+ records/s, [0-9.]+ MB/s$", run.OutLines[0]);
        Assert.Matches(@"^latency ms: avg [0-9.]+, p50 [0-9.]+, p95 [0-9.]+, p99 [0-9.]+, p99\.9 [0-9.]+, max [0-9.]+$", run.OutLines[1]);
    }

    [Fact]
    public async Task BenchConsume_AfterProduce_ReadsThemAll()
    {
        var topic = CliBroker.Unique("benchc");
        (await CliBroker.RunAsync("bench", "produce", "-t", topic, "-n", "5000", "-s", "200", "-p", "2")).Succeeded();
        var r = JsonDocument.Parse((await CliBroker.RunAsync("bench", "consume", "-t", topic, "-n", "5000", "--output", "json")).Succeeded().Out).RootElement;
        Assert.Equal("consume", r.GetProperty("mode").GetString());
        Assert.Equal(5000, r.GetProperty("records").GetInt64());
        Assert.Equal(200, r.GetProperty("record_size").GetInt32());
        Assert.True(r.GetProperty("records_per_sec").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, r.GetProperty("latency_ms").ValueKind);

        var tooMany = await CliBroker.RunAsync("bench", "consume", "-t", topic, "-n", "6000");
        Assert.Equal(1, tooMany.ExitCode);
        Assert.Contains("ended after 5,000 of 6,000", tooMany.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchE2e_AtARate_ReportsLatency()
    {
        var r = JsonDocument.Parse((await CliBroker.RunAsync("bench", "e2e", "-t", CliBroker.Unique("e2e"), "-n", "500", "--throughput", "1000", "--output", "json")).Succeeded().Out).RootElement;
        Assert.Equal("e2e", r.GetProperty("mode").GetString());
        Assert.Equal(500, r.GetProperty("records").GetInt64());
        Assert.Equal(0, r.GetProperty("failed").GetInt64());
        Assert.True(r.GetProperty("latency_ms").GetProperty("max_ms").GetDouble() > 0);
    }
}
