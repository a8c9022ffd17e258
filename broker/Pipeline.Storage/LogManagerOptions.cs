using System.Globalization;
using Pipeline.Storage.Config;

namespace Pipeline.Storage;

/// <summary>
/// Broker-level storage settings, named after Kafka's (defaults in brackets):
/// <c>log.dirs</c>, <c>log.retention.check.interval.ms</c> [300000],
/// <c>log.flush.scheduler.interval.ms</c> [Long.MAX: never], <c>log.flush.offset.checkpoint.interval.ms</c> [60000],
/// <c>log.flush.start.offset.checkpoint.interval.ms</c> [60000],
/// <c>replica.high.watermark.checkpoint.interval.ms</c> [5000], <c>log.cleaner.enable</c> [true],
/// <c>log.cleaner.backoff.ms</c> [15000], <c>log.cleaner.dedupe.buffer.size</c> [134217728],
/// <c>log.segment.delete.delay.ms</c> [60000, for deleted partition directories],
/// <c>producer.id.expiration.ms</c> [86400000], <c>producer.id.expiration.check.interval.ms</c> [600000]. Intervals above
/// about 49 days mean "never". <see cref="DefaultConfig"/> is the topic config used for logs found
/// on disk until the broker supplies theirs.
/// </summary>
public sealed record LogManagerOptions
{
    public required IReadOnlyList<string> LogDirs { get; init; }

    public long RetentionCheckIntervalMs { get; init; } = 300_000;

    public long FlushSchedulerIntervalMs { get; init; } = long.MaxValue;

    public long FlushOffsetCheckpointIntervalMs { get; init; } = 60_000;

    public long FlushStartOffsetCheckpointIntervalMs { get; init; } = 60_000;

    public long HighWatermarkCheckpointIntervalMs { get; init; } = 5_000;

    public bool LogCleanerEnable { get; init; } = true;

    public long LogCleanerBackoffMs { get; init; } = 15_000;

    /// <summary>Memory for the key map of one cleaning (Kafka's dedupe buffer); bounds how much dirty log one pass covers.</summary>
    public long LogCleanerDedupeBufferSize { get; init; } = 128L * 1024 * 1024;

    public long FileDeleteDelayMs { get; init; } = 60_000;

    /// <summary>Producer state idle this long (by its batches' timestamps) is forgotten.</summary>
    public long ProducerIdExpirationMs { get; init; } = 86_400_000;

    public long ProducerIdExpirationCheckIntervalMs { get; init; } = 600_000;

    public LogConfig DefaultConfig { get; init; } = LogConfig.Default;

    /// <summary>Reads the settings above from broker properties (<c>log.dirs</c>, else <c>log.dir</c>).</summary>
    public static LogManagerOptions FromBrokerProperties(IReadOnlyDictionary<string, string> props)
    {
        long Long(string key, long fallback) =>
            props.TryGetValue(key, out var v) ? long.Parse(v.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : fallback;

        var dirs = props.TryGetValue("log.dirs", out var list) ? list : props.TryGetValue("log.dir", out var one) ? one : "/tmp/kafka-logs";
        return new LogManagerOptions
        {
            LogDirs = dirs.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            RetentionCheckIntervalMs = Long("log.retention.check.interval.ms", 300_000),
            FlushSchedulerIntervalMs = Long("log.flush.scheduler.interval.ms", long.MaxValue),
            FlushOffsetCheckpointIntervalMs = Long("log.flush.offset.checkpoint.interval.ms", 60_000),
            FlushStartOffsetCheckpointIntervalMs = Long("log.flush.start.offset.checkpoint.interval.ms", 60_000),
            HighWatermarkCheckpointIntervalMs = Long("replica.high.watermark.checkpoint.interval.ms", 5_000),
            LogCleanerEnable = !props.TryGetValue("log.cleaner.enable", out var enable) || bool.Parse(enable.Trim()),
            LogCleanerBackoffMs = Long("log.cleaner.backoff.ms", 15_000),
            LogCleanerDedupeBufferSize = Long("log.cleaner.dedupe.buffer.size", 128L * 1024 * 1024),
            FileDeleteDelayMs = Long("log.segment.delete.delay.ms", 60_000),
            ProducerIdExpirationMs = Long("producer.id.expiration.ms", 86_400_000),
            ProducerIdExpirationCheckIntervalMs = Long("producer.id.expiration.check.interval.ms", 600_000),
            DefaultConfig = LogConfig.Create(new Dictionary<string, string>(), props),
        };
    }
}
