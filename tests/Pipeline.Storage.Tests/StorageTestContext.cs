using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Protocol;
using Pipeline.Protocol.Primitives;
using Pipeline.Storage.Config;
using Pipeline.Storage.Log;
using Pipeline.Testing.IO;
using Pipeline.Testing.Storage;
using Pipeline.Testing.Time;

namespace Pipeline.Storage.Tests;

/// <summary>A temp log dir, a manual clock and a LogManager over them; reopenable to test restarts.</summary>
internal sealed class StorageTestContext : IAsyncDisposable
{
    public static readonly TopicPartition Tp = new("orders", 0);

    public StorageTestContext(Func<LogManagerOptions, LogManagerOptions>? configure = null)
    {
        Configure = configure ?? (o => o);
    }

    public TempDirectory Dir { get; } = new("pipeline-storage");

    public ManualTimeProvider Time { get; } = new();

    public LogManager? Manager { get; private set; }

    public Func<LogManagerOptions, LogManagerOptions> Configure { get; set; }

    public long NowMs => Time.GetUtcNow().ToUnixTimeMilliseconds();

    public string LogDir => Dir.Combine("logs");

    public string PartitionDir(TopicPartition? tp = null) => Path.Combine(LogDir, (tp ?? Tp).ToString());

    public static LogConfig SmallSegments(int segmentBytes = 1024, int indexInterval = 128) =>
        LogConfig.Default with { SegmentBytes = segmentBytes, IndexIntervalBytes = indexInterval, FileDeleteDelayMs = 0 };

    public async Task<LogManager> StartAsync()
    {
        var options = Configure(new LogManagerOptions { LogDirs = [LogDir], LogCleanerEnable = false, FileDeleteDelayMs = 0 });
        Manager = new LogManager(options, Time, NullLoggerFactory.Instance);
        await Manager.StartAsync(CancellationToken.None);
        return Manager;
    }

    public async Task<PartitionLog> CreateLogAsync(LogConfig? config = null, TopicPartition? tp = null)
    {
        var manager = Manager ?? await StartAsync();
        return manager.GetOrCreateLog(tp ?? Tp, config ?? SmallSegments(), TopicId);
    }

    public Uuid TopicId { get; } = Uuid.NewRandom();

    /// <summary>Clean shutdown and start again on the same directory.</summary>
    public async Task<PartitionLog> RestartAsync(LogConfig? config = null, bool crash = false)
    {
        if (crash)
        {
            Manager!.SimulateCrash();
        }
        else
        {
            await Manager!.DisposeAsync();
        }

        Manager = null;
        var manager = await StartAsync();
        Assert.True(manager.TryGetLog(Tp, out var log));
        if (config is not null)
        {
            log.UpdateConfig(config);
        }

        return log;
    }

    public async ValueTask DisposeAsync()
    {
        if (Manager is not null)
        {
            await Manager.DisposeAsync();
        }

        Dir.Dispose();
    }

    /// <summary>Appends <paramref name="batches"/> batches of <paramref name="recordsPerBatch"/> records; timestamps start at now.</summary>
    public List<LogAppendInfo> Append(PartitionLog log, int batches, int recordsPerBatch = 3, int valueSize = 40, int leaderEpoch = 0, long? timestamp = null)
    {
        var infos = new List<LogAppendInfo>();
        for (var i = 0; i < batches; i++)
        {
            var batch = TestBatches.Simple(recordsPerBatch, timestamp ?? NowMs, valueSize, keyPrefix: $"b{i}-");
            var info = log.AppendAsLeader(batch, leaderEpoch);
            Assert.Equal(ErrorCode.None, info.Error);
            infos.Add(info);
        }

        log.UpdateHighWatermark(log.LogEndOffset);
        return infos;
    }

    /// <summary>Reads everything from <paramref name="from"/> to the high watermark with repeated fetches.</summary>
    public static List<DecodedRecord> ReadAll(PartitionLog log, long from = -1, int maxBytes = 1 << 20)
    {
        var offset = from < 0 ? log.LogStartOffset : from;
        var records = new List<DecodedRecord>();
        while (offset < log.HighWatermark)
        {
            var r = log.Read(offset, maxBytes, log.HighWatermark, minOneBatch: true);
            Assert.Equal(ErrorCode.None, r.Error);
            if (r.Records is null)
            {
                // Compaction can leave the offsets just below the high watermark without batches.
                break;
            }

            var bytes = r.ReadAndRelease();
            var batches = TestBatches.Summaries(bytes);
            Assert.NotEmpty(batches);
            foreach (var rec in TestBatches.Records(bytes))
            {
                if (rec.Offset >= offset)
                {
                    records.Add(rec);
                }
            }

            offset = batches[^1].LastOffset + 1;
        }

        return records;
    }
}
