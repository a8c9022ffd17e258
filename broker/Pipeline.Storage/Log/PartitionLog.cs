using Microsoft.Extensions.Logging;
using Pipeline.Protocol;
using Pipeline.Protocol.Primitives;
using Pipeline.Protocol.Records;
using Pipeline.Storage.Config;
using Pipeline.Storage.Epoch;
using Pipeline.Storage.IO;
using Pipeline.Storage.Producers;
using Pipeline.Storage.Retention;

namespace Pipeline.Storage.Log;

/// <summary>
/// The log of one partition (Kafka's UnifiedLog + LocalLog): an ordered list of segments whose
/// last one is active, plus the log start offset, log end offset (LEO), high watermark, recovery
/// point, leader epoch cache and producer state.
/// Threads: appends, rolls, truncation, retention and segment swaps take <c>_lock</c> (many
/// connections append concurrently; they serialize here). Reads take no lock: they see a
/// copy-on-write segment array and offsets published with volatile writes, and only bytes a
/// segment has published. Flushes run on the group-commit flusher (thread pool).
/// </summary>
public sealed class PartitionLog
{
    private readonly Lock _lock = new();
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly string _name;
    private readonly GroupCommitFlusher _flusher;
    private readonly SegmentDeleter _deleter;
    private readonly ProducerStateManager _producers;
    private LogSegment[] _segments;
    private LogConfig _config;
    private long _logEndOffset;
    private long _highWatermark;
    private long _logStartOffset;
    private long _sizeInBytes;
    private long _lastFlushMs;
    private long _fsyncCount;
    private int _latestEpoch;
    private int _dirDirty;
    private string? _unsyncedSnapshot;
    private bool _closed;

    internal PartitionLog(
        string dir,
        TopicPartition topicPartition,
        Uuid topicId,
        LogConfig config,
        LogSegment[] segments,
        long logStartOffset,
        long recoveryPoint,
        long highWatermark,
        LeaderEpochCache leaderEpochs,
        ProducerStateManager producers,
        TimeProvider time,
        ILogger logger)
    {
        Dir = dir;
        TopicPartition = topicPartition;
        TopicId = topicId;
        _config = config;
        _segments = segments;
        _time = time;
        _logger = logger;
        _name = topicPartition.ToString();
        LeaderEpochs = leaderEpochs;
        _producers = producers;
        _latestEpoch = leaderEpochs.LatestEpoch;
        _logEndOffset = segments[^1].NextOffset;
        _logStartOffset = Math.Max(logStartOffset, segments[0].BaseOffset);
        _highWatermark = Math.Clamp(highWatermark, _logStartOffset, _logEndOffset);
        _sizeInBytes = TotalSize(segments);
        _lastFlushMs = NowMs;
        _flusher = new GroupCommitFlusher(Math.Min(recoveryPoint, _logEndOffset), () => LogEndOffset, SyncTo);
        _deleter = new SegmentDeleter(time);
    }

    public TopicPartition TopicPartition { get; }

    public Uuid TopicId { get; internal set; }

    public LogConfig Config => Volatile.Read(ref _config);

    public long LogStartOffset => Volatile.Read(ref _logStartOffset);

    public long LogEndOffset => Volatile.Read(ref _logEndOffset);

    public long HighWatermark => Volatile.Read(ref _highWatermark);

    /// <summary>Everything below it is fsynced; recovery after a crash starts here.</summary>
    public long RecoveryPoint => Math.Min(_flusher.FlushedOffset, LogEndOffset);

    public long SizeInBytes => Volatile.Read(ref _sizeInBytes);

    public int SegmentCount => Volatile.Read(ref _segments).Length;

    public LeaderEpochCache LeaderEpochs { get; }

    /// <summary>Producer ids with idempotent/transactional state on this partition.</summary>
    public int ProducerIdCount => _producers.ProducerCount;

    /// <summary>Time of the last completed flush (for flush.ms).</summary>
    public long LastFlushMs => Volatile.Read(ref _lastFlushMs);

    /// <summary>Messages appended since the recovery point (Kafka's unflushedMessages).</summary>
    public long UnflushedMessages => LogEndOffset - RecoveryPoint;

    /// <summary>The partition directory, <c>&lt;log dir&gt;/&lt;topic&gt;-&lt;partition&gt;</c>.</summary>
    public string Dir { get; private set; }

    /// <summary>The log dir that holds this partition (DescribeLogDirs).</summary>
    public string LogDir => Path.GetDirectoryName(Dir)!;

    /// <summary>Test hook: number of flush rounds (fdatasync groups) done.</summary>
    internal long FsyncCount => Interlocked.Read(ref _fsyncCount);

    internal IReadOnlyList<LogSegment> Segments => Volatile.Read(ref _segments);

    /// <summary>Test hook: runs on the flusher before each sync round.</summary>
    internal Action? BeforeSyncHook { get; set; }

    /// <summary>Set by the LogManager: persist the log start offset checkpoint now (DeleteRecords).</summary>
    internal Action<PartitionLog>? LogStartOffsetChanged { get; set; }

    internal SegmentDeleter Deleter => _deleter;

    /// <summary>Producer state; use it only under <see cref="AppendLock"/>.</summary>
    internal ProducerStateManager ProducerState => _producers;

    internal Lock AppendLock => _lock;

    internal bool IsClosed => Volatile.Read(ref _closed);

    private long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    public void UpdateConfig(LogConfig config) => Volatile.Write(ref _config, config);

    public void UpdateHighWatermark(long hw)
    {
        lock (_lock)
        {
            Volatile.Write(ref _highWatermark, Math.Clamp(hw, LogStartOffset, LogEndOffset));
        }
    }

    /// <summary>
    /// Appends one batch as leader: checks it against producer state, assigns baseOffset = LEO
    /// and stamps the leader epoch in place (neither is covered by the CRC), rolls first if
    /// needed, writes it with pwrite, indexes it and records it in producer state. The bytes are
    /// in the page cache on return; use <see cref="FlushAsync"/> for disk. A retry of one of a
    /// producer's last five batches is not written again: the result is a success flagged
    /// <see cref="LogAppendInfo.IsDuplicate"/> carrying the original batch's offsets. Producers'
    /// own batches (<see cref="AppendOrigin.Client"/>) also get the duplicate and sequence checks.
    /// </summary>
    public LogAppendInfo AppendAsLeader(Span<byte> batch, int leaderEpoch, AppendOrigin origin = AppendOrigin.Client)
    {
        if (batch.Length < RecordBatchHeader.Size)
        {
            return LogAppendInfo.Failed(ErrorCode.CorruptMessage, LogStartOffset);
        }

        var header = new RecordBatchHeader(batch);
        if (header.TotalSize != batch.Length || header.Magic != 2 || header.LastOffsetDelta < 0)
        {
            return LogAppendInfo.Failed(ErrorCode.CorruptMessage, LogStartOffset);
        }

        var config = Config;
        if (batch.Length > config.MaxMessageBytes)
        {
            return LogAppendInfo.Failed(ErrorCode.MessageTooLarge, LogStartOffset);
        }

        if (batch.Length > config.SegmentBytes)
        {
            return LogAppendInfo.Failed(ErrorCode.RecordListTooLarge, LogStartOffset);
        }

        LogAppendInfo info;
        lock (_lock)
        {
            if (_closed)
            {
                return LogAppendInfo.Failed(ErrorCode.UnknownTopicOrPartition, LogStartOffset);
            }

            var now = NowMs;
            var offset = _logEndOffset;
            var check = _producers.CheckBatch(batch, offset, origin == AppendOrigin.Client);
            if (!check.IsValid)
            {
                return check.IsDuplicate ? LogAppendInfo.Duplicate(check.Original, LogStartOffset) : LogAppendInfo.Failed(check.Error, LogStartOffset) with { ErrorMessage = check.Message };
            }

            var lastOffset = offset + header.LastOffsetDelta;
            var maxTimestamp = header.MaxTimestamp;
            try
            {
                var segment = MaybeRoll(batch.Length, maxTimestamp, offset, lastOffset, now, config);
                RecordBatchHeader.SetBaseOffset(batch, offset);
                RecordBatchHeader.SetPartitionLeaderEpoch(batch, leaderEpoch);
                if (leaderEpoch > _latestEpoch)
                {
                    LeaderEpochs.Assign(leaderEpoch, offset);
                    _latestEpoch = leaderEpoch;
                }

                segment.Append(batch, lastOffset, maxTimestamp, config.IndexIntervalBytes, now);
            }
            catch (IOException ex)
            {
                StorageLog.AppendFailed(_logger, _name, ex);
                return LogAppendInfo.Failed(ErrorCode.KafkaStorageError, LogStartOffset);
            }

            Volatile.Write(ref _logEndOffset, lastOffset + 1);
            Volatile.Write(ref _sizeInBytes, _sizeInBytes + batch.Length);
            _producers.ApplyBatch(batch);
            info = new LogAppendInfo(ErrorCode.None, offset, lastOffset, -1, LogStartOffset, maxTimestamp, header.RecordsCount);
        }

        MaybeFlushForMessageCount(config);
        return info;
    }

    /// <summary>
    /// Appends batches whose offsets are already assigned (replication). The first must start at
    /// or after the LEO (gaps are possible after compaction); each is checked (structure, CRC,
    /// increasing offsets) before anything is written.
    /// </summary>
    public LogAppendInfo AppendAsFollower(ReadOnlySpan<byte> batches)
    {
        var config = Config;
        lock (_lock)
        {
            if (_closed)
            {
                return LogAppendInfo.Failed(ErrorCode.UnknownTopicOrPartition, LogStartOffset);
            }

            var expected = _logEndOffset;
            var rest = batches;
            var count = 0;
            long maxTimestamp = -1;
            while (rest.Length > 0)
            {
                var ownBase = rest.Length >= 8 ? System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(rest) : 0;
                if (BatchValidator.CheckBatch(rest, expected, ownBase, out _) != BatchCheck.Valid)
                {
                    var h0 = rest.Length >= RecordBatchHeader.Size ? new RecordBatchHeader(rest).BaseOffset : -1;
                    return LogAppendInfo.Failed(h0 >= 0 && h0 < expected ? ErrorCode.OffsetOutOfRange : ErrorCode.CorruptMessage, LogStartOffset);
                }

                var h = new RecordBatchHeader(rest);
                if (h.TotalSize > config.SegmentBytes)
                {
                    return LogAppendInfo.Failed(ErrorCode.RecordListTooLarge, LogStartOffset);
                }

                count += h.RecordsCount;
                maxTimestamp = Math.Max(maxTimestamp, h.MaxTimestamp);
                expected = h.NextOffset;
                rest = rest[h.TotalSize..];
            }

            if (batches.Length == 0)
            {
                return new LogAppendInfo(ErrorCode.None, -1, -1, -1, LogStartOffset, -1, 0);
            }

            var first = new RecordBatchHeader(batches).BaseOffset;
            var now = NowMs;
            try
            {
                rest = batches;
                while (rest.Length > 0)
                {
                    var h = new RecordBatchHeader(rest);
                    var segment = MaybeRoll(h.TotalSize, h.MaxTimestamp, h.BaseOffset, h.LastOffset, now, config);
                    if (h.PartitionLeaderEpoch > _latestEpoch)
                    {
                        LeaderEpochs.Assign(h.PartitionLeaderEpoch, h.BaseOffset);
                        _latestEpoch = h.PartitionLeaderEpoch;
                    }

                    segment.Append(rest[..h.TotalSize], h.LastOffset, h.MaxTimestamp, config.IndexIntervalBytes, now);
                    Volatile.Write(ref _logEndOffset, h.NextOffset);

                    // The leader validated these; a follower only records them (Kafka's REPLICATION origin).
                    _producers.ApplyBatch(rest[..h.TotalSize]);
                    Volatile.Write(ref _sizeInBytes, _sizeInBytes + h.TotalSize);
                    rest = rest[h.TotalSize..];
                }
            }
            catch (IOException ex)
            {
                StorageLog.AppendFailed(_logger, _name, ex);
                return LogAppendInfo.Failed(ErrorCode.KafkaStorageError, LogStartOffset);
            }

            var info = new LogAppendInfo(ErrorCode.None, first, expected - 1, -1, LogStartOffset, maxTimestamp, count);
            if (UnflushedMessages >= config.FlushMessages)
            {
                _flusher.RequestFlush(LogEndOffset);
            }

            return info;
        }
    }

    /// <summary>
    /// Group commit: completes when everything below <paramref name="upToOffset"/> (capped at the
    /// LEO) is fsynced; synchronously when it already is. Concurrent callers share one sync. Fails
    /// with the I/O exception when the sync fails.
    /// </summary>
    public ValueTask FlushAsync(long upToOffset, CancellationToken ct = default) => _flusher.FlushAsync(upToOffset, ct);

    /// <summary>Starts a flush of everything appended so far without waiting (flush.ms scheduler).</summary>
    public void RequestFlush() => _flusher.RequestFlush(LogEndOffset);

    /// <summary>
    /// Whole batches from the one holding <paramref name="offset"/>, within one segment, at most
    /// <paramref name="maxBytes"/> (or one whole batch when <paramref name="minOneBatch"/>), none at or
    /// past <paramref name="maxOffsetExclusive"/>. The caller releases the returned region.
    /// </summary>
    public FetchDataInfo Read(long offset, int maxBytes, long maxOffsetExclusive, bool minOneBatch)
    {
        for (var attempt = 0; ; attempt++)
        {
            var lso = LogStartOffset;
            var leo = LogEndOffset;
            var hw = HighWatermark;
            if (Volatile.Read(ref _closed))
            {
                return new FetchDataInfo(ErrorCode.UnknownTopicOrPartition, null, -1, hw, lso, leo);
            }

            if (offset < lso || offset > leo)
            {
                return new FetchDataInfo(ErrorCode.OffsetOutOfRange, null, -1, hw, lso, leo);
            }

            if (offset == leo || offset >= maxOffsetExclusive)
            {
                return new FetchDataInfo(ErrorCode.None, null, -1, hw, lso, leo);
            }

            var segments = Volatile.Read(ref _segments);
            var retry = false;
            for (var i = Math.Max(0, FloorIndex(segments, offset)); i < segments.Length && !retry; i++)
            {
                var r = segments[i].Read(offset, maxBytes, maxOffsetExclusive, minOneBatch);
                switch (r.Status)
                {
                    case SegmentReadStatus.NotInSegment:
                        continue;
                    case SegmentReadStatus.Empty:
                        return new FetchDataInfo(ErrorCode.None, null, -1, hw, lso, leo);
                    case SegmentReadStatus.Corrupt:
                        return new FetchDataInfo(ErrorCode.KafkaStorageError, null, -1, hw, lso, leo);
                }

                var lease = segments[i].Log.TryLease(r.Position, r.Length);
                if (lease is not null)
                {
                    return new FetchDataInfo(ErrorCode.None, lease, r.FirstOffset, hw, lso, leo);
                }

                // The segment was deleted after we looked it up: start again from fresh state.
                retry = attempt < 8;
            }

            if (!retry)
            {
                return new FetchDataInfo(ErrorCode.None, null, -1, hw, lso, leo);
            }
        }
    }

    /// <summary>ListOffsets by timestamp: the first record at or after the log start with timestamp >= <paramref name="timestampMs"/>.</summary>
    public OffsetAndTimestamp? FindOffsetByTimestamp(long timestampMs) =>
        TimestampSearch.FindOffsetByTimestamp(this, timestampMs);

    /// <summary>ListOffsets -3 (MAX_TIMESTAMP, v7+): the first record carrying the largest timestamp.</summary>
    public OffsetAndTimestamp? OffsetOfMaxTimestamp() => TimestampSearch.OffsetOfMaxTimestamp(this);

    /// <summary>
    /// DeleteRecords: moves the log start offset up to <paramref name="offset"/> (at most the high
    /// watermark, else OFFSET_OUT_OF_RANGE), checkpoints it, and deletes segments wholly below it.
    /// </summary>
    public ErrorCode DeleteRecordsBefore(long offset)
    {
        lock (_lock)
        {
            if (_closed)
            {
                return ErrorCode.UnknownTopicOrPartition;
            }

            if (offset > HighWatermark || offset < 0)
            {
                return ErrorCode.OffsetOutOfRange;
            }

            if (offset <= _logStartOffset)
            {
                return ErrorCode.None;
            }

            Volatile.Write(ref _logStartOffset, offset);
            LeaderEpochs.TruncateFromStart(offset);
            _producers.OnLogStartOffsetIncremented(offset);
            DeleteLeadingSegments(RetentionPolicy.DeletableBelowStartOffset(_segments, offset, HighWatermark, LogEndOffset), "DeleteRecords");
        }

        LogStartOffsetChanged?.Invoke(this);
        return ErrorCode.None;
    }

    /// <summary>Retention pass: deletes the segments <see cref="RetentionPolicy"/> selects. Returns how many.</summary>
    public int DeleteOldSegments()
    {
        lock (_lock)
        {
            if (_closed)
            {
                return 0;
            }

            var decision = RetentionPolicy.DeletableSegments(_segments, Config, NowMs, LogStartOffset, HighWatermark, LogEndOffset);
            DeleteLeadingSegments(decision.Count, decision.Reason);
            return decision.Count;
        }
    }

    /// <summary>
    /// Replication: removes everything at and after <paramref name="offset"/>. Below the first
    /// segment the log is emptied and restarts at <paramref name="offset"/>.
    /// </summary>
    public void TruncateTo(long offset)
    {
        lock (_lock)
        {
            if (_closed || offset >= _logEndOffset || offset < 0)
            {
                return;
            }

            var segments = _segments;
            if (offset <= segments[0].BaseOffset || offset < _logStartOffset)
            {
                TruncateFullyAndStartAt(offset);
                return;
            }

            var keep = FloorIndex(segments, offset) + 1;
            var config = Config;
            for (var i = keep; i < segments.Length; i++)
            {
                _deleter.Delete(segments[i], config.FileDeleteDelayMs);
            }

            var remaining = segments[..keep];
            remaining[^1].TruncateTo(offset, config.IndexIntervalBytes);
            Publish(remaining);
            Volatile.Write(ref _logEndOffset, offset);
            Volatile.Write(ref _highWatermark, Math.Min(_highWatermark, offset));
            _flusher.ResetTo(offset);
            LeaderEpochs.TruncateFromEnd(offset);
            _latestEpoch = LeaderEpochs.LatestEpoch;
            ProducerStateLoader.RebuildAfterTruncation(_producers, remaining, LogStartOffset, offset, NowMs, _logger, _name);
        }
    }

    /// <summary>Empties the log and restarts it at <paramref name="offset"/> (a new, empty segment).</summary>
    internal void TruncateFullyAndStartAt(long offset)
    {
        lock (_lock)
        {
            var config = Config;
            foreach (var s in _segments)
            {
                _deleter.Delete(s, config.FileDeleteDelayMs);
            }

            Publish([CreateSegment(offset, NowMs, config)]);
            Volatile.Write(ref _logEndOffset, offset);
            Volatile.Write(ref _logStartOffset, offset);
            Volatile.Write(ref _highWatermark, offset);
            _flusher.ResetTo(offset);
            _flusher.MarkFlushed(offset);
            LeaderEpochs.TruncateFromEnd(0);
            _latestEpoch = LeaderEpochs.LatestEpoch;
            _producers.TruncateFullyAndStartAt(offset);
        }

        LogStartOffsetChanged?.Invoke(this);
    }

    /// <summary>Rolls a new active segment now (tests, and retention of an expired active segment).</summary>
    internal void Roll()
    {
        lock (_lock)
        {
            RollLocked(NowMs, Config);
        }
    }

    /// <summary>
    /// Compaction swap: replaces <paramref name="old"/> (consecutive, non-active, still in place)
    /// with <paramref name="replacement"/> under the lock. False when the log changed meanwhile.
    /// <paramref name="commit"/> runs under the lock after the check and before publication
    /// (it renames .cleaned to .swap and the old files to .deleted).
    /// </summary>
    internal bool TryReplaceSegments(IReadOnlyList<LogSegment> old, IReadOnlyList<(LogSegment Segment, long Size)> expectedSizes, LogSegment replacement, Action commit)
    {
        lock (_lock)
        {
            var segments = _segments;
            var start = Array.IndexOf(segments, old[0]);
            if (_closed || start < 0 || start + old.Count >= segments.Length)
            {
                return false;
            }

            for (var i = 0; i < old.Count; i++)
            {
                if (!ReferenceEquals(segments[start + i], old[i]) || expectedSizes[i].Size != old[i].Size)
                {
                    return false;
                }
            }

            commit();
            var updated = new LogSegment[segments.Length - old.Count + 1];
            Array.Copy(segments, updated, start);
            updated[start] = replacement;
            Array.Copy(segments, start + old.Count, updated, start + 1, segments.Length - start - old.Count);
            Publish(updated);
            Interlocked.Exchange(ref _dirDirty, 1);
            return true;
        }
    }

    /// <summary>
    /// Producer expiration pass (<c>producer.id.expiration.ms</c>): forgets producers idle that
    /// long without an open transaction. Returns how many.
    /// </summary>
    public int RemoveExpiredProducers(long nowMs)
    {
        lock (_lock)
        {
            return _closed ? 0 : _producers.RemoveExpiredProducers(nowMs);
        }
    }

    /// <summary>Clean shutdown: stops appends, writes and syncs everything (a producer snapshot at the LEO too); the recovery point becomes the LEO.</summary>
    internal void Close()
    {
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            Volatile.Write(ref _closed, true);
            _producers.UpdateMapEndOffset(_logEndOffset);
            _producers.TryTakeSnapshot(sync: true);
            var segments = _segments;
            var firstUnflushed = Math.Max(0, FloorIndex(segments, RecoveryPoint) - 1);
            for (var i = 0; i < segments.Length; i++)
            {
                segments[i].CloseClean(sync: i >= firstUnflushed);
            }

            NativeFile.SyncDirectory(Dir);
            _flusher.MarkFlushed(_logEndOffset);
            _deleter.CloseAll();
        }
    }

    /// <summary>Stops the log without writing anything (topic deletion, or a simulated crash in tests).</summary>
    internal void CloseWithoutFlush()
    {
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            Volatile.Write(ref _closed, true);
            foreach (var s in _segments)
            {
                s.CloseHandles();
            }

            _deleter.CloseAll();
        }
    }

    internal void RenameDir(string newDir)
    {
        lock (_lock)
        {
            Directory.Move(Dir, newDir);
            Dir = newDir;
            _producers.Dir = newDir;
        }
    }

    public override string ToString() => $"{_name} [{LogStartOffset}, {LogEndOffset}) hw={HighWatermark}";

    private void MaybeFlushForMessageCount(LogConfig config)
    {
        if (UnflushedMessages < config.FlushMessages)
        {
            return;
        }

        // flush.messages is a synchronous flush in Kafka; keep that (it is off by default).
        try
        {
            _flusher.Flush(LogEndOffset);
        }
        catch (IOException ex)
        {
            StorageLog.FlushFailed(_logger, _name, ex);
        }
    }

    private LogSegment MaybeRoll(int batchBytes, long maxTimestamp, long firstOffset, long lastOffset, long now, LogConfig config)
    {
        var active = _segments[^1];
        var p = new RollParams(config.SegmentBytes, config.MaxSegmentMs, batchBytes, maxTimestamp, lastOffset, now);
        return active.ShouldRoll(p) ? RollLocked(now, config, firstOffset) : active;
    }

    // The new segment starts at the LEO, or at the first incoming offset when a follower append
    // skips ahead (so that its offsets fit the new segment's int32 relative offsets, as in Kafka).
    private LogSegment RollLocked(long now, LogConfig config, long firstIncomingOffset = -1)
    {
        var active = _segments[^1];
        var newBase = Math.Max(_logEndOffset, firstIncomingOffset);
        if (active.BaseOffset == newBase && active.Size == 0)
        {
            return active;
        }

        active.OnBecomeInactive();
        var segment = CreateSegment(newBase, now, config);
        Publish([.. _segments, segment]);
        Interlocked.Exchange(ref _dirDirty, 1);

        // Kafka's roll: the state at the new base goes to <base>.snapshot, so recovery replays
        // only the new segment. No fsync under the lock: the flush this roll requests syncs it
        // (a torn file fails its CRC and is ignored at load).
        _producers.UpdateMapEndOffset(newBase);
        if (_producers.TryTakeSnapshot(sync: false) is { } snapshot)
        {
            Volatile.Write(ref _unsyncedSnapshot, snapshot);
        }

        // As Kafka does after a roll: get the finished segment onto disk in the background.
        _flusher.RequestFlush(newBase, force: true);
        return segment;
    }

    private LogSegment CreateSegment(long baseOffset, long now, LogConfig config)
    {
        // Leftovers of a truncated or deleted segment with the same base offset would collide.
        foreach (var suffix in new[] { LogFileNames.LogSuffix, LogFileNames.IndexSuffix, LogFileNames.TimeIndexSuffix })
        {
            File.Delete(LogFileNames.PathOf(Dir, baseOffset, suffix));
        }

        var jitter = config.SegmentJitterMs > 0 ? Random.Shared.NextInt64(Math.Min(config.SegmentJitterMs, config.SegmentMs)) : 0;
        return LogSegment.Create(Dir, baseOffset, config.SegmentIndexBytes, config.Preallocate ? config.SegmentBytes : 0, now, jitter, _logger);
    }

    private void DeleteLeadingSegments(int count, string reason)
    {
        if (count == 0)
        {
            return;
        }

        var config = Config;
        if (count >= _segments.Length)
        {
            // The active segment is expired too: roll an empty one so the log keeps a segment.
            RollLocked(NowMs, config);
        }

        var segments = _segments;
        for (var i = 0; i < count; i++)
        {
            _deleter.Delete(segments[i], config.FileDeleteDelayMs);
        }

        Publish(segments[count..]);
        _producers.DeleteSnapshotsBefore(_segments[0].BaseOffset);
        var newStart = Math.Max(_logStartOffset, _segments[0].BaseOffset);
        if (newStart > _logStartOffset)
        {
            Volatile.Write(ref _logStartOffset, newStart);
            LeaderEpochs.TruncateFromStart(newStart);
            _producers.OnLogStartOffsetIncremented(newStart);
        }

        StorageLog.SegmentsDeleted(_logger, _name, count, reason, _logStartOffset);
    }

    private void Publish(LogSegment[] segments)
    {
        Volatile.Write(ref _segments, segments);
        Volatile.Write(ref _sizeInBytes, TotalSize(segments));
    }

    // Runs on the flusher: fdatasync every segment holding data at or after the recovery point
    // and below target, and the directory when files were created or renamed since the last sync.
    private void SyncTo(long target)
    {
        BeforeSyncHook?.Invoke();
        if (Interlocked.Exchange(ref _unsyncedSnapshot, null) is { } snapshot)
        {
            ProducerSnapshotFile.Sync(snapshot);
        }

        var from = RecoveryPoint;
        var segments = Volatile.Read(ref _segments);
        // One segment before the recovery point too: it may have rolled with index files unsynced.
        for (var i = Math.Max(0, FloorIndex(segments, from) - 1); i < segments.Length && segments[i].BaseOffset < Math.Max(target, from + 1); i++)
        {
            segments[i].Flush();
        }

        if (Interlocked.Exchange(ref _dirDirty, 0) == 1 && !IsClosed)
        {
            NativeFile.SyncDirectory(Dir);
        }

        Interlocked.Increment(ref _fsyncCount);
        Volatile.Write(ref _lastFlushMs, NowMs);
    }

    internal static int FloorIndex(LogSegment[] segments, long offset)
    {
        int lo = 0, hi = segments.Length - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (segments[mid].BaseOffset <= offset)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }

    private static long TotalSize(LogSegment[] segments)
    {
        long total = 0;
        foreach (var s in segments)
        {
            total += s.Size;
        }

        return total;
    }
}
