namespace Pipeline.Cli.Tools.Bench;

/// <summary>
/// The summary of one bench run (JSON: mode, topic, records, record_size, partitions, acks,
/// compression, seconds, records_per_sec, mb_per_sec (MiB, as Kafka's perf tools), failed,
/// latency_ms (null for consume)). What bench/client-compare.sh reads.
/// </summary>
public sealed record BenchResult(
    string Mode,
    string Topic,
    long Records,
    int RecordSize,
    int Partitions,
    string Acks,
    string Compression,
    double Seconds,
    double RecordsPerSec,
    double MbPerSec,
    long Failed,
    LatencySummary? LatencyMs)
{
    public static double MegabytesPerSecond(long records, long bytesPerRecord, double seconds) =>
        seconds <= 0 ? 0 : records * (double)bytesPerRecord / (1024 * 1024) / seconds;
}
