using Microsoft.Extensions.Logging;
using Pipeline.Protocol.Records;
using Pipeline.Storage.Index;
using Pipeline.Storage.IO;

namespace Pipeline.Storage.Log;

/// <summary>
/// One segment: a <c>.log</c> file of batches starting at <see cref="BaseOffset"/> plus its sparse
/// <c>.index</c> and <c>.timeindex</c> (Kafka's LogSegment). The last segment of a log is the
/// active one and the only one appended to.
/// Threads: Append, roll and truncation run under the PartitionLog's append lock; Read,
/// FindBatchByTimestamp and Flush run on fetch/flusher threads without it (they only look at
/// bytes below the published <see cref="Size"/>); file renames and deletes are serialized by
/// <c>_fileLock</c>.
/// </summary>
internal sealed class LogSegment
{
    private readonly Lock _fileLock = new();
    private bool _noMoreWrites;
    private readonly ILogger _logger;
    private readonly SegmentVerifier _verifier;
    private int _bytesSinceLastIndexEntry;
    private long _maxTimestamp = -1;
    private long _offsetOfMaxTimestamp = -1;
    private long _firstBatchTimestamp = -1;
    private long _nextOffset;
    private long _lastModifiedMs;
    private int _indexesNeedSync;
    private long _trustedFromOffset;

    private LogSegment(string dir, long baseOffset, FileRecords log, int maxIndexBytes, long nowMs, long rollJitterMs, ILogger logger, string suffix)
    {
        BaseOffset = baseOffset;
        Log = log;
        OffsetIndex = new OffsetIndex(LogFileNames.PathOf(dir, baseOffset, LogFileNames.IndexSuffix + suffix), baseOffset, maxIndexBytes);
        TimeIndex = new TimeIndex(LogFileNames.PathOf(dir, baseOffset, LogFileNames.TimeIndexSuffix + suffix), baseOffset, maxIndexBytes);
        CreatedMs = nowMs;
        RollJitterMs = rollJitterMs;
        _logger = logger;
        _nextOffset = baseOffset;
        _lastModifiedMs = nowMs;
        _verifier = new SegmentVerifier(logger, baseOffset, trustedFrom: log.Size);
        _trustedFromOffset = log.Size == 0 ? baseOffset : long.MaxValue;
    }

    public long BaseOffset { get; }

    public FileRecords Log { get; }

    public OffsetIndex OffsetIndex { get; }

    public TimeIndex TimeIndex { get; }

    public long CreatedMs { get; }

    public long RollJitterMs { get; }

    public long Size => Log.Size;

    /// <summary>The offset after the last batch (the base offset when empty).</summary>
    public long NextOffset => Volatile.Read(ref _nextOffset);

    /// <summary>Largest batch max timestamp, or -1 when no batch carries one.</summary>
    public long MaxTimestamp => Volatile.Read(ref _maxTimestamp);

    public long OffsetOfMaxTimestamp => Volatile.Read(ref _offsetOfMaxTimestamp);

    /// <summary>What retention compares with retention.ms: the max timestamp, else the last write time (Kafka's largestTimestamp).</summary>
    public long LargestTimestamp => MaxTimestamp >= 0 ? MaxTimestamp : Volatile.Read(ref _lastModifiedMs);

    /// <summary>Max timestamp of the first batch, which segment.ms counts from (-1 when unknown).</summary>
    public long FirstBatchTimestamp => _firstBatchTimestamp;

    public long CorruptAt => _verifier.CorruptAt;

    public static LogSegment Create(string dir, long baseOffset, int maxIndexBytes, long preallocateBytes, long nowMs, long rollJitterMs, ILogger logger, string suffix = "")
    {
        var log = FileRecords.Create(LogFileNames.PathOf(dir, baseOffset, LogFileNames.LogSuffix + suffix), preallocateBytes);
        return new LogSegment(dir, baseOffset, log, maxIndexBytes, nowMs, rollJitterMs, logger, suffix);
    }

    /// <summary>Opens existing files without checking them; call <see cref="LoadIndexes"/> or <see cref="Recover"/> next.</summary>
    public static LogSegment Open(string dir, long baseOffset, int maxIndexBytes, long rollJitterMs, ILogger logger, string suffix = "")
    {
        var path = LogFileNames.PathOf(dir, baseOffset, LogFileNames.LogSuffix + suffix);
        var log = FileRecords.Open(path);
        var modified = new DateTimeOffset(File.GetLastWriteTimeUtc(path)).ToUnixTimeMilliseconds();
        return new LogSegment(dir, baseOffset, log, maxIndexBytes, modified, rollJitterMs, logger, suffix);
    }

    /// <summary>
    /// Loads the index files of a segment that needs no recovery. When they are missing or fail the
    /// sanity checks they are rebuilt from the log (which also verifies it; a corrupt batch found
    /// then is remembered, not truncated, because data below the recovery point was acknowledged).
    /// </summary>
    public void LoadIndexes(int indexIntervalBytes)
    {
        string? problem;
        if (!(OffsetIndex.TryLoad(Size, out problem) && TimeIndex.TryLoad(long.MaxValue, out problem) && TryLoadTail(out problem)))
        {
            StorageLog.RebuildingIndexes(_logger, Log.Path, problem ?? "invalid");
            Scan(indexIntervalBytes, truncateInvalid: false, out _);
            PersistIndexes(sync: false);
        }

        // Batches appended from now on start at the current end with this offset.
        _trustedFromOffset = NextOffset;
    }

    /// <summary>
    /// Recovery: rescans every batch, rebuilds both indexes and truncates the file at the first
    /// invalid or torn batch. Returns the number of bytes dropped.
    /// </summary>
    public long Recover(int indexIntervalBytes, out string? reason)
    {
        var before = Size;
        var validEnd = Scan(indexIntervalBytes, truncateInvalid: true, out reason);
        PersistIndexes(sync: false);
        _trustedFromOffset = NextOffset;
        return before - validEnd;
    }

    public bool ShouldRoll(in RollParams p)
    {
        var size = Size;
        var waited = _firstBatchTimestamp >= 0 ? p.MaxTimestamp - _firstBatchTimestamp : p.NowMs - CreatedMs;
        return (size > 0 && size > (long)p.SegmentBytes - p.BatchBytes)
            || (size > 0 && waited > p.SegmentMs - RollJitterMs)
            || OffsetIndex.IsFull
            || TimeIndex.IsFull
            || p.LastOffset - BaseOffset > int.MaxValue;
    }

    /// <summary>Writes one batch at the end (pwrite) and indexes it. The append lock is held.</summary>
    public void Append(ReadOnlySpan<byte> batch, long lastOffset, long maxTimestamp, int indexIntervalBytes, long nowMs)
    {
        var position = Size;
        Log.Append(batch);
        OnBatchAppended(position, batch.Length, lastOffset, maxTimestamp, indexIntervalBytes);
        _lastModifiedMs = nowMs;
    }

    /// <summary>
    /// Whole batches starting with the one that holds <paramref name="offset"/> (or the first one
    /// after it), at most <paramref name="maxBytes"/> unless <paramref name="minOneBatch"/> and the
    /// first is larger, none with an offset at or past <paramref name="maxOffsetExclusive"/>.
    /// </summary>
    public SegmentRead Read(long offset, int maxBytes, long maxOffsetExclusive, bool minOneBatch)
    {
        var committed = Size;
        Span<byte> head = stackalloc byte[RecordBatchHeader.Size];
        var start = OffsetIndex.Lookup(offset).Position;
        if (offset >= _trustedFromOffset && start < _verifier.TrustedFrom)
        {
            // The batch holding `offset` was appended by this process: no need to scan (and
            // verify) the older bytes in front of it.
            start = _verifier.TrustedFrom;
        }

        long firstOffset;
        while (true)
        {
            if (start >= committed)
            {
                return new SegmentRead(SegmentReadStatus.NotInSegment, 0, 0, -1, -1);
            }

            if (!TryReadHeader(start, committed, head, out var size))
            {
                return new SegmentRead(SegmentReadStatus.Corrupt, start, 0, -1, -1);
            }

            var h = new RecordBatchHeader(head);
            if (h.LastOffset >= offset)
            {
                firstOffset = h.BaseOffset;
                break;
            }

            start += size;
        }

        var end = start;
        var next = firstOffset;
        var jumped = false;
        while (end < committed)
        {
            if (!jumped && end > start)
            {
                // Skip header reads over the middle of a large read: an index entry marks a batch
                // start, and every batch before it lies within the byte and offset limits.
                jumped = true;
                var jump = OffsetIndex.LookupByPosition(start + (long)maxBytes);
                if (jump is { } j && j.Position > end && j.Position < committed && j.Offset < maxOffsetExclusive
                    && _verifier.EnsureVerified(Log, BaseOffset, j.Position))
                {
                    end = j.Position;
                }
            }

            if (!TryReadHeader(end, committed, head, out var size))
            {
                if (end == start)
                {
                    return new SegmentRead(SegmentReadStatus.Corrupt, start, 0, -1, -1);
                }

                break;
            }

            var h = new RecordBatchHeader(head);
            if (h.LastOffset >= maxOffsetExclusive)
            {
                break;
            }

            if (end + size - start > maxBytes && !(end == start && minOneBatch))
            {
                break;
            }

            end += size;
            next = h.NextOffset;
        }

        return end == start
            ? new SegmentRead(SegmentReadStatus.Empty, start, 0, firstOffset, firstOffset)
            : new SegmentRead(SegmentReadStatus.Ok, start, (int)(end - start), firstOffset, next);
    }

    /// <summary>
    /// The first batch, at or after <paramref name="minOffset"/>, whose max timestamp is at least
    /// <paramref name="timestamp"/>: its position and size, or false.
    /// </summary>
    public bool FindBatchByTimestamp(long timestamp, long minOffset, out long position, out int size)
    {
        var committed = Size;
        Span<byte> head = stackalloc byte[RecordBatchHeader.Size];
        var fromOffset = Math.Max(minOffset, TimeIndex.Lookup(timestamp).Offset);
        position = OffsetIndex.Lookup(fromOffset).Position;
        while (position < committed && TryReadHeader(position, committed, head, out size))
        {
            var h = new RecordBatchHeader(head);
            if (h.LastOffset >= minOffset && h.MaxTimestamp >= timestamp)
            {
                return true;
            }

            position += size;
        }

        size = 0;
        return false;
    }

    /// <summary>The batch that holds <paramref name="offset"/>: its position and size, or false.</summary>
    public bool FindBatch(long offset, out long position, out int size)
    {
        var committed = Size;
        Span<byte> head = stackalloc byte[RecordBatchHeader.Size];
        position = OffsetIndex.Lookup(offset).Position;
        while (position < committed && TryReadHeader(position, committed, head, out size))
        {
            var h = new RecordBatchHeader(head);
            if (h.LastOffset >= offset)
            {
                return h.BaseOffset <= offset;
            }

            position += size;
        }

        size = 0;
        return false;
    }

    /// <summary>
    /// Cuts the segment so that it ends before the batch holding <paramref name="offset"/> (or
    /// the first batch after it). Returns the bytes removed. The append lock is held.
    /// </summary>
    public long TruncateTo(long offset, int indexIntervalBytes)
    {
        var committed = Size;
        Span<byte> head = stackalloc byte[RecordBatchHeader.Size];
        var position = OffsetIndex.Lookup(offset).Position;
        while (position < committed && ReadHeaderUnchecked(position, committed, head, out var size))
        {
            if (new RecordBatchHeader(head).LastOffset >= offset)
            {
                break;
            }

            position += size;
        }

        if (position >= committed)
        {
            return 0;
        }

        Log.TruncateTo(position);
        OffsetIndex.TruncateToPosition(position);
        TimeIndex.TruncateTo(offset);
        _verifier.Truncated(position, BaseOffset);
        _trustedFromOffset = Math.Min(_trustedFromOffset, offset);
        if (position == 0)
        {
            _firstBatchTimestamp = -1;
        }

        if (!TryLoadTail(out _))
        {
            Scan(indexIntervalBytes, truncateInvalid: false, out _);
        }

        return committed - position;
    }

    /// <summary>The segment stops being active: final time index entry, trimmed file, indexes written (synced by the next flush).</summary>
    public void OnBecomeInactive()
    {
        TimeIndex.MaybeAppend(MaxTimestamp, OffsetOfMaxTimestamp, replaceWhenFull: true);
        Log.TrimToSize();
        PersistIndexes(sync: false);
        Volatile.Write(ref _indexesNeedSync, 1);
    }

    /// <summary>fdatasync of the log, plus the index files if the segment rolled since the last flush.</summary>
    public void Flush()
    {
        if (!Log.TryAcquire())
        {
            return;
        }

        try
        {
            Log.Flush();
            if (Interlocked.Exchange(ref _indexesNeedSync, 0) == 1)
            {
                PersistIndexes(sync: true);
            }
        }
        finally
        {
            Log.ReleaseRef();
        }
    }

    /// <summary>
    /// Clean shutdown: final time index entry, indexes written, and with <paramref name="sync"/>
    /// (segments at or after the recovery point) log and indexes synced; then the handle is released.
    /// </summary>
    public void CloseClean(bool sync)
    {
        TimeIndex.MaybeAppend(MaxTimestamp, OffsetOfMaxTimestamp, replaceWhenFull: true);
        Log.TrimToSize();
        if (sync || Interlocked.Exchange(ref _indexesNeedSync, 0) == 1)
        {
            Log.Flush();
            PersistIndexes(sync: true);
        }
        else if (OffsetIndex.IsDirty || TimeIndex.IsDirty)
        {
            PersistIndexes(sync: true);
        }

        Log.Close();
    }

    /// <summary>Closes without writing anything (the files were renamed for deletion, or a crash is simulated).</summary>
    public void CloseHandles()
    {
        lock (_fileLock)
        {
            _noMoreWrites = true;
        }

        Log.Close();
    }

    /// <summary>Renames the log and index files, e.g. appending <c>.deleted</c> or dropping <c>.swap</c>.</summary>
    public void RenameFiles(Func<string, string> rename)
    {
        lock (_fileLock)
        {
            // Indexes first: for a swap, the log file's rename is the step recovery keys on.
            OffsetIndex.RenameTo(rename(OffsetIndex.Path));
            TimeIndex.RenameTo(rename(TimeIndex.Path));
            Log.RenameTo(rename(Log.Path));
        }
    }

    public void DeleteFiles()
    {
        lock (_fileLock)
        {
            _noMoreWrites = true;
            File.Delete(Log.Path);
            File.Delete(OffsetIndex.Path);
            File.Delete(TimeIndex.Path);
        }
    }

    public void PersistIndexes(bool sync)
    {
        lock (_fileLock)
        {
            // A flush that raced with deletion must not recreate index files under the deleted names.
            if (_noMoreWrites)
            {
                return;
            }

            OffsetIndex.Persist(sync);
            TimeIndex.Persist(sync);
        }
    }

    public override string ToString() => $"segment {BaseOffset} ({Size} bytes)";

    private void OnBatchAppended(long position, int size, long lastOffset, long maxTimestamp, int indexIntervalBytes)
    {
        if (maxTimestamp > _maxTimestamp)
        {
            Volatile.Write(ref _maxTimestamp, maxTimestamp);
            Volatile.Write(ref _offsetOfMaxTimestamp, lastOffset);
        }

        if (position == 0)
        {
            _firstBatchTimestamp = maxTimestamp;
        }

        // Kafka's rule: an entry for this batch once more than index.interval.bytes were written
        // since the previous entry (so the first batch of a segment never gets one).
        if (_bytesSinceLastIndexEntry > indexIntervalBytes)
        {
            OffsetIndex.Append(lastOffset, position);
            TimeIndex.MaybeAppend(_maxTimestamp, _offsetOfMaxTimestamp);
            _bytesSinceLastIndexEntry = 0;
        }

        _bytesSinceLastIndexEntry += size;
        Volatile.Write(ref _nextOffset, lastOffset + 1);
    }

    // Reads a header at `position` once the verifier allows it; false at a corrupt or unreadable batch.
    private bool TryReadHeader(long position, long committed, Span<byte> head, out int size)
    {
        size = 0;
        return _verifier.EnsureVerified(Log, BaseOffset, position) && ReadHeaderUnchecked(position, committed, head, out size);
    }

    private bool ReadHeaderUnchecked(long position, long committed, Span<byte> head, out int size)
    {
        var n = Log.Read(head, position);
        return BatchValidator.CheckHeader(head[..n], committed - position, BaseOffset, BaseOffset, out size, out _) == BatchCheck.Valid;
    }

    // Full scan from position 0 that rebuilds the indexes and the in-memory state. Returns the end
    // of the valid prefix; with truncateInvalid the file is cut there, otherwise the first bad
    // batch is remembered by the verifier.
    private long Scan(int indexIntervalBytes, bool truncateInvalid, out string? reason)
    {
        OffsetIndex.Reset();
        TimeIndex.Reset();
        _bytesSinceLastIndexEntry = 0;
        _maxTimestamp = -1;
        _offsetOfMaxTimestamp = -1;
        _firstBatchTimestamp = -1;
        _nextOffset = BaseOffset;
        reason = null;
        var fileSize = Size;
        var scanner = new BatchScanner(Log, 0, fileSize, BaseOffset, BaseOffset, checkCrc: true);
        BatchCheck check;
        try
        {
            while ((check = scanner.Next(out var batch, out var position)) == BatchCheck.Valid)
            {
                var h = new RecordBatchHeader(batch);
                OnBatchAppended(position, batch.Length, h.LastOffset, h.MaxTimestamp, indexIntervalBytes);
            }

            var validEnd = scanner.Position;
            if (check != BatchCheck.End)
            {
                reason = scanner.FailureReason;
                if (truncateInvalid)
                {
                    Log.TruncateTo(validEnd);
                }
            }

            var corruptAt = check != BatchCheck.End && !truncateInvalid ? validEnd : -1;
            _verifier.MarkScanned(validEnd, scanner.NextOffset, corruptAt, Size);
            if (corruptAt >= 0)
            {
                StorageLog.CorruptBatchFound(_logger, Log.Path, corruptAt, reason ?? "invalid batch");
            }

            return validEnd;
        }
        finally
        {
            scanner.Dispose();
        }
    }

    // Restores next offset, max timestamp and the index byte counter for a segment whose indexes
    // were loaded: the batches after the last offset index entry are scanned (headers only).
    // False when the last index entry does not point at the batch it names.
    private bool TryLoadTail(out string? problem)
    {
        problem = null;
        var last = OffsetIndex.LastEntry;
        var start = last?.Position ?? 0;
        var committed = Size;
        var scanner = new BatchScanner(Log, start, committed, BaseOffset, last is null ? BaseOffset : 0, checkCrc: false);
        try
        {
            var maxTs = TimeIndex.LastEntry?.Timestamp ?? -1;
            var maxTsOffset = TimeIndex.LastEntry?.Offset ?? -1;
            var next = BaseOffset;
            var first = true;
            while (scanner.Next(out var batch, out var position) == BatchCheck.Valid)
            {
                var h = new RecordBatchHeader(batch);
                if (first && last is { } entry && h.LastOffset != entry.Offset)
                {
                    problem = $"last index entry names offset {entry.Offset} but the batch at {entry.Position} ends at {h.LastOffset}";
                    return false;
                }

                if (position == 0)
                {
                    _firstBatchTimestamp = h.MaxTimestamp;
                }

                first = false;
                if (h.MaxTimestamp > maxTs)
                {
                    maxTs = h.MaxTimestamp;
                    maxTsOffset = h.LastOffset;
                }

                next = h.NextOffset;
            }

            if (first && last is not null)
            {
                problem = "last index entry does not point at a batch";
                return false;
            }

            if (_firstBatchTimestamp < 0 && committed > 0 && start > 0)
            {
                Span<byte> head = stackalloc byte[RecordBatchHeader.Size];
                if (ReadHeaderUnchecked(0, committed, head, out _))
                {
                    _firstBatchTimestamp = new RecordBatchHeader(head).MaxTimestamp;
                }
            }

            Volatile.Write(ref _maxTimestamp, maxTs);
            Volatile.Write(ref _offsetOfMaxTimestamp, maxTsOffset);
            Volatile.Write(ref _nextOffset, next);
            _bytesSinceLastIndexEntry = (int)(committed - start);
            return true;
        }
        finally
        {
            scanner.Dispose();
        }
    }
}
