namespace Pipeline.Cli.Tools.Bench;

/// <summary>Latency percentiles in milliseconds (JSON: avg_ms, p50_ms, p95_ms, p99_ms, p999_ms, max_ms).</summary>
public sealed record LatencySummary(double AvgMs, double P50Ms, double P95Ms, double P99Ms, double P999Ms, double MaxMs)
{
    public static LatencySummary From(LatencyHistogram h) => new(
        Math.Round(h.MeanMicros / 1000.0, 3),
        h.Percentile(50) / 1000.0,
        h.Percentile(95) / 1000.0,
        h.Percentile(99) / 1000.0,
        h.Percentile(99.9) / 1000.0,
        h.MaxMicros / 1000.0);
}
