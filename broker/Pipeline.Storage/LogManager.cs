using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Microsoft.Extensions.Logging;
using Pipeline.Protocol;
using Pipeline.Protocol.Primitives;
using Pipeline.Storage.Checkpoints;
using Pipeline.Storage.Compaction;
using Pipeline.Storage.Config;
using Pipeline.Storage.IO;
using Pipeline.Storage.Log;

namespace Pipeline.Storage;

/// <summary>
/// Owns every partition log under the configured log dirs (Kafka's LogManager): loads and
/// recovers them at start, creates and deletes them, and runs the background work: retention
/// checks, the flush scheduler (flush.ms), recovery-point / log-start-offset / high-watermark
/// checkpoints, producer id expiration and the log cleaner. Each log dir holds the checkpoint files, a <c>.lock</c> file
/// held while running, and <c>.kafka_cleanshutdown</c> after a clean shutdown.
/// Threads: public methods from any thread (creation and deletion serialize on <c>_lock</c>);
/// background jobs on <see cref="PeriodicJob"/> timers; checkpoint writes serialize on
/// <c>_checkpointLock</c>; cleaning passes on <c>_cleanerLock</c>.
/// </summary>
public sealed class LogManager : IAsyncDisposable
{
    private const long InitialTaskDelayMs = 30_000;

    private readonly LogManagerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ILogger _logLogger;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Lock _lock = new();
    private readonly Lock _checkpointLock = new();
    private readonly Lock _cleanerLock = new();
    private readonly ConcurrentDictionary<TopicPartition, PartitionLog> _logs = new();
    private readonly List<string> _dirs;
    private readonly List<LogDirLock> _dirLocks = [];
    private readonly List<PeriodicJob> _jobs = [];
    private readonly DelayedDirectoryDeleter _dirDeleter;
    private readonly LogCleaner _cleaner;
    private bool _started;
    private bool _disposed;

    public LogManager(LogManagerOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        if (options.LogDirs.Count == 0)
        {
            throw new ArgumentException("at least one log dir is required", nameof(options));
        }

        _options = options;
        _time = time;
        _logger = loggers.CreateLogger("Pipeline.Storage.LogManager");
        _logLogger = loggers.CreateLogger("Pipeline.Storage.Log");
        _dirs = [.. options.LogDirs.Select(Path.GetFullPath)];
        _dirDeleter = new DelayedDirectoryDeleter(time, _logger);
        _cleaner = new LogCleaner(options.LogCleanerDedupeBufferSize, time, loggers.CreateLogger("Pipeline.Storage.LogCleaner"));
    }

    public IReadOnlyCollection<PartitionLog> Logs => [.. _logs.Values];

    public IReadOnlyList<string> LogDirs => _dirs;

    /// <summary>Loads every log under every log dir (recovering after an unclean shutdown), then starts the background jobs.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_started)
            {
                return;
            }

            _started = true;
        }

        var loads = new List<Task>();
        foreach (var dir in _dirs)
        {
            loads.Add(Task.Run(() => LoadDir(dir, ct), ct));
        }

        await Task.WhenAll(loads).ConfigureAwait(false);
        StartJobs();
    }

    public PartitionLog GetOrCreateLog(TopicPartition tp, LogConfig config, Uuid topicId)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_logs.TryGetValue(tp, out var existing))
            {
                if (!topicId.IsZero && !existing.TopicId.IsZero && existing.TopicId != topicId)
                {
                    throw new InconsistentTopicIdException(tp, existing.TopicId, topicId);
                }

                if (existing.TopicId.IsZero && !topicId.IsZero)
                {
                    existing.TopicId = topicId;
                    PartitionMetadataFile.Write(Path.Combine(existing.Dir, LogFileNames.PartitionMetadata), topicId);
                }

                existing.UpdateConfig(config);
                return existing;
            }

            var dir = NextLogDir();
            var log = LogLoader.Create(Path.Combine(dir, tp.ToString()), tp, topicId, config, _time, _logLogger, _options.ProducerIdExpirationMs);
            Attach(log);
            return log;
        }
    }

    public bool TryGetLog(TopicPartition tp, [MaybeNullWhen(false)] out PartitionLog log) => _logs.TryGetValue(tp, out log);

    /// <summary>
    /// Topic deletion: the log stops, its directory is renamed to
    /// <c>&lt;topic&gt;-&lt;partition&gt;.&lt;uuid&gt;-delete</c> at once and removed after
    /// <see cref="LogManagerOptions.FileDeleteDelayMs"/> (or at the next start).
    /// </summary>
    public Task DeleteLogAsync(TopicPartition tp)
    {
        lock (_lock)
        {
            if (!_logs.TryRemove(tp, out var log))
            {
                return Task.CompletedTask;
            }

            log.CloseWithoutFlush();
            var parent = Path.GetDirectoryName(log.Dir)!;
            var target = Path.Combine(parent, LogFileNames.DeleteDirName(tp));
            log.RenameDir(target);
            NativeFile.SyncDirectory(parent);
            _cleaner.Forget(tp);
            _dirDeleter.Schedule(target, _options.FileDeleteDelayMs);
            return Task.CompletedTask;
        }
    }

    /// <summary>Runs one cleaning pass now over every compacted log that is due; returns how many logs were cleaned.</summary>
    public Task<int> RunCleanerPassAsync(CancellationToken ct = default) => Task.Run(() => RunCleanerPass(wait: true, ct), ct);

    /// <summary>Runs a retention check now (what the log.retention.check.interval.ms job does).</summary>
    public int RunRetentionCheck()
    {
        var deleted = 0;
        foreach (var log in _logs.Values)
        {
            deleted += log.DeleteOldSegments();
        }

        return deleted;
    }

    /// <summary>Runs a producer expiration pass now (what the producer.id.expiration.check.interval.ms job does); returns how many producer ids were forgotten.</summary>
    public int RemoveExpiredProducers()
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var removed = 0;
        foreach (var log in _logs.Values)
        {
            removed += log.RemoveExpiredProducers(now);
        }

        return removed;
    }

    /// <summary>Writes the recovery point, log start offset, high watermark and cleaner checkpoints of every log dir.</summary>
    public void CheckpointAll()
    {
        foreach (var dir in _dirs)
        {
            WriteOffsetCheckpoint(dir, LogFileNames.RecoveryPointCheckpoint, l => l.RecoveryPoint);
            WriteOffsetCheckpoint(dir, LogFileNames.LogStartOffsetCheckpoint, l => l.LogStartOffset);
            WriteOffsetCheckpoint(dir, LogFileNames.ReplicationOffsetCheckpoint, l => l.HighWatermark);
            WriteCleanerCheckpoint(dir);
        }
    }

    /// <summary>Clean shutdown: stops the jobs, flushes and closes every log, writes all checkpoints and the clean-shutdown marker.</summary>
    public ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return ValueTask.CompletedTask;
            }

            _disposed = true;
        }

        _shutdown.Cancel();
        StopJobs();
        lock (_cleanerLock)
        {
            foreach (var log in _logs.Values)
            {
                log.Close();
            }
        }

        CheckpointAll();
        _cleaner.Dispose();
        foreach (var dir in _dirs)
        {
            CheckpointFile.WriteAtomically(Path.Combine(dir, LogFileNames.CleanShutdown), Encoding.UTF8.GetBytes("{\"version\":0,\"brokerEpoch\":-1}"));
        }

        ReleaseDirLocks();
        _shutdown.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Test hook: stops everything without flushing, checkpoints or the clean-shutdown marker, like kill -9.</summary>
    internal void SimulateCrash()
    {
        lock (_lock)
        {
            _disposed = true;
        }

        StopJobs();
        foreach (var log in _logs.Values)
        {
            log.CloseWithoutFlush();
        }

        ReleaseDirLocks();
    }

    internal LogCleaner Cleaner => _cleaner;

    private void LoadDir(string dir, CancellationToken ct)
    {
        Directory.CreateDirectory(dir);
        var dirLock = LogDirLock.Acquire(dir);
        lock (_lock)
        {
            _dirLocks.Add(dirLock);
        }

        var marker = Path.Combine(dir, LogFileNames.CleanShutdown);
        var clean = File.Exists(marker);

        // A new, empty log dir has no marker either; that is not worth a warning.
        if (!clean && Directory.EnumerateDirectories(dir).Any())
        {
            StorageLog.UncleanShutdown(_logger, dir);
        }

        var recoveryPoints = ReadCheckpoint(dir, LogFileNames.RecoveryPointCheckpoint);
        var logStartOffsets = ReadCheckpoint(dir, LogFileNames.LogStartOffsetCheckpoint);
        var highWatermarks = ReadCheckpoint(dir, LogFileNames.ReplicationOffsetCheckpoint);
        _cleaner.LoadCheckpoint(dir, ReadCheckpoint(dir, LogFileNames.CleanerOffsetCheckpoint));
        foreach (var sub in Directory.GetDirectories(dir))
        {
            ct.ThrowIfCancellationRequested();
            var name = Path.GetFileName(sub);
            if (name.EndsWith(LogFileNames.DeleteDirSuffix, StringComparison.Ordinal))
            {
                Directory.Delete(sub, recursive: true);
                StorageLog.PartitionDirDeleted(_logger, sub);
                continue;
            }

            if (name.StartsWith('.') || name.EndsWith(LogFileNames.FutureDirSuffix, StringComparison.Ordinal)
                || name.EndsWith(LogFileNames.StrayDirSuffix, StringComparison.Ordinal) || !TopicPartition.TryParse(name, out var tp))
            {
                StorageLog.IgnoringFile(_logger, sub, "not a partition directory");
                continue;
            }

            var checkpoints = new LogLoader.Checkpoints(
                clean,
                recoveryPoints.TryGetValue(tp, out var rp) ? rp : null,
                logStartOffsets.TryGetValue(tp, out var lso) ? lso : null,
                highWatermarks.TryGetValue(tp, out var hw) ? hw : null);
            var log = LogLoader.Load(sub, tp, Uuid.Zero, _options.DefaultConfig, checkpoints, _time, _logLogger, _options.ProducerIdExpirationMs);
            lock (_lock)
            {
                if (_logs.ContainsKey(tp))
                {
                    log.CloseWithoutFlush();
                    throw new IOException($"duplicate log directories for {tp}: {sub} and {_logs[tp].Dir}");
                }

                Attach(log);
            }
        }

        // Everything loaded is now recovered or known clean: a crash from here on must recover.
        File.Delete(marker);
        NativeFile.SyncDirectory(dir);
    }

    private void Attach(PartitionLog log)
    {
        log.LogStartOffsetChanged = l => WriteOffsetCheckpoint(Path.GetDirectoryName(l.Dir)!, LogFileNames.LogStartOffsetCheckpoint, x => x.LogStartOffset);
        _logs[log.TopicPartition] = log;
    }

    private void StartJobs()
    {
        var o = _options;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _jobs.Add(new PeriodicJob("log-retention", _time, Math.Min(InitialTaskDelayMs, o.RetentionCheckIntervalMs), o.RetentionCheckIntervalMs, () => RunRetentionCheck(), _logger));
            _jobs.Add(new PeriodicJob("log-flusher", _time, Math.Min(InitialTaskDelayMs, o.FlushSchedulerIntervalMs), o.FlushSchedulerIntervalMs, FlushDueLogs, _logger));
            _jobs.Add(new PeriodicJob("recovery-point-checkpoint", _time, Math.Min(InitialTaskDelayMs, o.FlushOffsetCheckpointIntervalMs), o.FlushOffsetCheckpointIntervalMs,
                () => EachDir(d => WriteOffsetCheckpoint(d, LogFileNames.RecoveryPointCheckpoint, l => l.RecoveryPoint)), _logger));
            _jobs.Add(new PeriodicJob("log-start-offset-checkpoint", _time, Math.Min(InitialTaskDelayMs, o.FlushStartOffsetCheckpointIntervalMs), o.FlushStartOffsetCheckpointIntervalMs,
                () => EachDir(d => WriteOffsetCheckpoint(d, LogFileNames.LogStartOffsetCheckpoint, l => l.LogStartOffset)), _logger));
            _jobs.Add(new PeriodicJob("high-watermark-checkpoint", _time, o.HighWatermarkCheckpointIntervalMs, o.HighWatermarkCheckpointIntervalMs,
                () => EachDir(d => WriteOffsetCheckpoint(d, LogFileNames.ReplicationOffsetCheckpoint, l => l.HighWatermark)), _logger));
            _jobs.Add(new PeriodicJob("producer-expiration", _time, o.ProducerIdExpirationCheckIntervalMs, o.ProducerIdExpirationCheckIntervalMs, () => RemoveExpiredProducers(), _logger));
            if (o.LogCleanerEnable)
            {
                var stop = _shutdown.Token;
                _jobs.Add(new PeriodicJob("log-cleaner", _time, o.LogCleanerBackoffMs, o.LogCleanerBackoffMs, () => RunCleanerPass(wait: false, stop), _logger));
            }
        }
    }

    private void StopJobs()
    {
        List<PeriodicJob> jobs;
        lock (_lock)
        {
            jobs = [.. _jobs];
            _jobs.Clear();
        }

        foreach (var job in jobs)
        {
            job.Dispose();
        }

        _dirDeleter.Dispose();
    }

    private void FlushDueLogs()
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var log in _logs.Values)
        {
            if (log.UnflushedMessages > 0 && now - log.LastFlushMs >= log.Config.FlushMs)
            {
                log.RequestFlush();
            }
        }
    }

    private int RunCleanerPass(bool wait, CancellationToken ct)
    {
        if (wait)
        {
            _cleanerLock.Enter();
        }
        else if (!_cleanerLock.TryEnter())
        {
            return 0;
        }

        try
        {
            if (_disposed)
            {
                return 0;
            }

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _shutdown.Token);
            int cleaned;
            try
            {
                cleaned = _cleaner.RunPass(_logs.Values, linked.Token);
            }
            catch (OperationCanceledException) when (_shutdown.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                return 0;
            }

            if (cleaned > 0)
            {
                EachDir(WriteCleanerCheckpoint);
            }

            return cleaned;
        }
        finally
        {
            _cleanerLock.Exit();
        }
    }

    private void EachDir(Action<string> action)
    {
        foreach (var dir in _dirs)
        {
            action(dir);
        }
    }

    private void WriteOffsetCheckpoint(string dir, string file, Func<PartitionLog, long> offset)
    {
        lock (_checkpointLock)
        {
            var entries = new List<KeyValuePair<TopicPartition, long>>();
            foreach (var log in _logs.Values)
            {
                if (Path.GetDirectoryName(log.Dir) == dir)
                {
                    entries.Add(new(log.TopicPartition, offset(log)));
                }
            }

            OffsetCheckpointFile.Write(Path.Combine(dir, file), entries);
        }
    }

    private void WriteCleanerCheckpoint(string dir)
    {
        lock (_checkpointLock)
        {
            OffsetCheckpointFile.Write(Path.Combine(dir, LogFileNames.CleanerOffsetCheckpoint), _cleaner.CheckpointEntries(dir));
        }
    }

    private Dictionary<TopicPartition, long> ReadCheckpoint(string dir, string file)
    {
        var path = Path.Combine(dir, file);
        var result = OffsetCheckpointFile.Read(path, out var problem);
        if (problem is not null && problem != "missing")
        {
            StorageLog.CheckpointUnusable(_logger, path, problem);
        }

        return result;
    }

    private void ReleaseDirLocks()
    {
        lock (_lock)
        {
            foreach (var l in _dirLocks)
            {
                l.Dispose();
            }

            _dirLocks.Clear();
        }
    }

    private string NextLogDir()
    {
        // Kafka's placement: the log dir holding the fewest partitions.
        var best = _dirs[0];
        var bestCount = int.MaxValue;
        foreach (var dir in _dirs)
        {
            var count = 0;
            foreach (var log in _logs.Values)
            {
                if (Path.GetDirectoryName(log.Dir) == dir)
                {
                    count++;
                }
            }

            if (count < bestCount)
            {
                best = dir;
                bestCount = count;
            }
        }

        Directory.CreateDirectory(best);
        return best;
    }

}
