using System.Globalization;
using Pipeline.Cli.Tools.Output;

namespace Pipeline.Cli.Tools.Bench;

/// <summary>Prints a bench summary: two lines for people, or one JSON document.</summary>
internal static class BenchReport
{
    public static void Write(ToolConsole console, BenchResult r, OutputFormat format)
    {
        if (format == OutputFormat.Json)
        {
            JsonOutput.Write(console.Out, r);
            return;
        }

        var c = CultureInfo.InvariantCulture;
        console.Out.WriteLine(string.Format(c, "{0}: {1:N0} records of {2} bytes in {3:F2} s: {4:N0} records/s, {5:F1} MB/s{6}",
            r.Mode, r.Records, r.RecordSize, r.Seconds, r.RecordsPerSec, r.MbPerSec, r.Failed > 0 ? string.Format(c, ", {0:N0} failed", r.Failed) : ""));
        if (r.LatencyMs is { } l)
        {
            console.Out.WriteLine(string.Format(c, "latency ms: avg {0:F2}, p50 {1:F2}, p95 {2:F2}, p99 {3:F2}, p99.9 {4:F2}, max {5:F2}",
                l.AvgMs, l.P50Ms, l.P95Ms, l.P99Ms, l.P999Ms, l.MaxMs));
        }
    }

    /// <summary>The live line: done/total, rate since the start, and what more the caller adds.</summary>
    public static string Progress(string mode, long done, long total, TimeSpan elapsed, int recordSize, string? extra = null)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-9);
        var rate = done / seconds;
        return string.Format(CultureInfo.InvariantCulture, "  {0}: {1:N0}/{2:N0} records  {3:N0} rec/s  {4:F1} MB/s{5}",
            mode, done, total, rate, rate * recordSize / (1024 * 1024), extra is null ? "" : "  " + extra);
    }
}
