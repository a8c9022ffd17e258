namespace Pipeline.Cli.Tools.Bench;

/// <summary>One bench run's workload, as given on the command line.</summary>
public sealed record BenchSettings
{
    public string Topic { get; init; } = "pipeline-bench";

    public long Records { get; init; } = 1_000_000;

    public int RecordSize { get; init; } = 100;

    /// <summary>Partitions of the topic when bench creates it (an existing topic keeps its own).</summary>
    public int Partitions { get; init; } = 6;

    public string Acks { get; init; } = "all";

    public string Compression { get; init; } = "none";

    /// <summary>Records per second to aim at; 0 = as fast as possible.</summary>
    public long Throughput { get; init; }

    /// <summary>Records sent (produce) or read (consume) before the measured run: JIT, connections, page cache.</summary>
    public long WarmupRecords { get; init; }
}
