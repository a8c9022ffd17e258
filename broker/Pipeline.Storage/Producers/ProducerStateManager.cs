using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Pipeline.Protocol;
using Pipeline.Protocol.Records;
using Pipeline.Storage.Log;

namespace Pipeline.Storage.Producers;

/// <summary>
/// The idempotent/transactional producer state of one partition (Kafka's ProducerStateManager):
/// an entry per producer id, checked before each batch is appended and updated after it, plus
/// the <c>&lt;offset&gt;.snapshot</c> files it is saved to. <see cref="MapEndOffset"/> is the log
/// offset the in-memory state is complete up to; a snapshot taken now is named after it.
/// Threads: everything runs under the owning PartitionLog's append lock (or, during loading,
/// before the log is shared); only <see cref="ProducerCount"/> is read without it.
/// </summary>
public sealed class ProducerStateManager
{
    private const int MaxPooledEntries = 64;

    private readonly Dictionary<long, ProducerStateEntry> _producers = [];
    private readonly Stack<ProducerStateEntry> _pool = new();
    private readonly List<long> _snapshots = [];
    private readonly string _name;
    private readonly ILogger _logger;
    private long _mapEndOffset;
    private long _lastSnapOffset;
    private int _producerCount;

    public ProducerStateManager(string dir, TopicPartition topicPartition, long producerIdExpirationMs, ILogger logger)
    {
        Dir = dir;
        _name = topicPartition.ToString();
        ProducerIdExpirationMs = producerIdExpirationMs;
        _logger = logger;
        ReloadSnapshotList();
    }

    /// <summary>The partition directory the snapshots live in (changes when the log is renamed for deletion).</summary>
    public string Dir { get; internal set; }

    /// <summary><c>producer.id.expiration.ms</c>: a producer idle this long (by its batches' timestamps) is forgotten.</summary>
    public long ProducerIdExpirationMs { get; set; }

    public long MapEndOffset => _mapEndOffset;

    /// <summary>Number of producer ids with state (safe to read from any thread).</summary>
    public int ProducerCount => Volatile.Read(ref _producerCount);

    /// <summary>Offsets of the snapshot files on disk, ascending.</summary>
    public IReadOnlyList<long> SnapshotOffsets => [.. _snapshots];

    public long? LatestSnapshotOffset => _snapshots.Count > 0 ? _snapshots[^1] : null;

    public IReadOnlyCollection<ProducerStateEntry> ActiveProducers => _producers.Values;

    public bool TryGetEntry(long producerId, [MaybeNullWhen(false)] out ProducerStateEntry entry) => _producers.TryGetValue(producerId, out entry);

    /// <summary>
    /// Checks a batch (data or control) about to be appended at <paramref name="offset"/>; batches
    /// without a producer id always pass. <paramref name="fromClient"/> adds the duplicate and
    /// sequence checks that only producers' own batches get.
    /// </summary>
    public ProducerAppendCheck CheckBatch(ReadOnlySpan<byte> batch, long offset, bool fromClient)
    {
        var h = new RecordBatchHeader(batch);
        if (!h.HasProducerId)
        {
            return ProducerAppendCheck.Valid;
        }

        if (h.IsControl)
        {
            return EndTransactionMarker.TryRead(batch, out var marker)
                ? CheckEndTransactionMarker(h.ProducerId, h.ProducerEpoch, marker.CoordinatorEpoch, offset)
                : ProducerAppendCheck.Valid;
        }

        return CheckDataBatch(h.ProducerId, h.ProducerEpoch, h.BaseSequence, h.LastSequence, h.IsTransactional, offset, fromClient);
    }

    /// <summary>Records a batch whose offsets are final (appended or replayed), then moves <see cref="MapEndOffset"/> past it.</summary>
    public void ApplyBatch(ReadOnlySpan<byte> batch)
    {
        var h = new RecordBatchHeader(batch);
        if (h.HasProducerId)
        {
            if (!h.IsControl)
            {
                OnDataBatch(h.ProducerId, h.ProducerEpoch, h.LastSequence, h.BaseOffset, h.LastOffset, h.MaxTimestamp, h.IsTransactional);
            }
            else if (EndTransactionMarker.TryRead(batch, out var marker))
            {
                // A control batch without a record lost its transaction to the cleaner: nothing to apply.
                OnEndTransactionMarker(h.ProducerId, h.ProducerEpoch, marker.CoordinatorEpoch, marker.Timestamp);
            }
        }

        _mapEndOffset = h.NextOffset;
    }

    /// <summary>
    /// Checks a data batch about to be appended at <paramref name="offset"/>, in Kafka's order:
    /// a retry of a retained batch is a duplicate; an older epoch is fenced
    /// (INVALID_PRODUCER_EPOCH, what Produce answers since Kafka 2.7); for client batches the
    /// sequence must follow the last one (0 after an epoch bump; anything for a producer without
    /// state, as Kafka accepts since KIP-360); a producer with an open transaction must keep
    /// writing transactional batches. Allocation-free unless the batch is refused.
    /// </summary>
    public ProducerAppendCheck CheckDataBatch(long producerId, short epoch, int firstSeq, int lastSeq, bool isTransactional, long offset, bool fromClient)
    {
        if (!_producers.TryGetValue(producerId, out var entry))
        {
            return ProducerAppendCheck.Valid;
        }

        if (fromClient && entry.TryFindDuplicate(epoch, firstSeq, lastSeq, out var original))
        {
            return ProducerAppendCheck.Duplicate(original);
        }

        if (epoch < entry.ProducerEpoch)
        {
            return FencedEpoch(producerId, epoch, entry, offset);
        }

        if (fromClient && entry.ProducerEpoch != ProducerSequence.NoProducerEpoch)
        {
            if (epoch != entry.ProducerEpoch)
            {
                if (firstSeq != 0)
                {
                    return ProducerAppendCheck.Failed(ErrorCode.OutOfOrderSequenceNumber,
                        $"Producer {producerId} started epoch {epoch} at offset {offset} in {_name} with sequence {firstSeq}; a new epoch starts at 0 (the previous epoch was {entry.ProducerEpoch})");
                }
            }
            else if (!ProducerSequence.InSequence(entry.LastSeq, firstSeq))
            {
                return ProducerAppendCheck.Failed(ErrorCode.OutOfOrderSequenceNumber,
                    $"Out of order sequence number from producer {producerId} at offset {offset} in {_name}: got {firstSeq}, expected {ProducerSequence.Increment(entry.LastSeq, 1)} (the last stored batch ends at {entry.LastSeq})");
            }
        }

        if (entry.CurrentTxnFirstOffset >= 0 && !isTransactional)
        {
            return ProducerAppendCheck.Failed(ErrorCode.InvalidTxnState,
                $"Expected a transactional write from producer {producerId} at offset {offset} in {_name}: its transaction started at offset {entry.CurrentTxnFirstOffset} is still open");
        }

        return ProducerAppendCheck.Valid;
    }

    /// <summary>Checks a COMMIT/ABORT marker written by a transaction coordinator: producer epoch, then coordinator epoch.</summary>
    public ProducerAppendCheck CheckEndTransactionMarker(long producerId, short epoch, int coordinatorEpoch, long offset)
    {
        if (!_producers.TryGetValue(producerId, out var entry))
        {
            return ProducerAppendCheck.Valid;
        }

        if (epoch < entry.ProducerEpoch)
        {
            return FencedEpoch(producerId, epoch, entry, offset);
        }

        return entry.CoordinatorEpoch > coordinatorEpoch
            ? ProducerAppendCheck.Failed(ErrorCode.TransactionCoordinatorFenced,
                $"The marker for producer {producerId} at offset {offset} in {_name} carries coordinator epoch {coordinatorEpoch}, older than {entry.CoordinatorEpoch}: it comes from a fenced coordinator")
            : ProducerAppendCheck.Valid;
    }

    /// <summary>Records an appended (or replayed) data batch; allocates only for a producer id never seen.</summary>
    public void OnDataBatch(long producerId, short epoch, int lastSeq, long firstOffset, long lastOffset, long maxTimestamp, bool isTransactional)
    {
        var entry = GetOrAdd(producerId);
        entry.AddBatch(epoch, lastSeq, lastOffset, (int)(lastOffset - firstOffset), maxTimestamp);
        if (isTransactional)
        {
            entry.BeginTransactionIfNone(firstOffset);
        }
    }

    /// <summary>Records an appended (or replayed) COMMIT/ABORT marker.</summary>
    public void OnEndTransactionMarker(long producerId, short epoch, int coordinatorEpoch, long timestamp) =>
        GetOrAdd(producerId).ApplyEndTransactionMarker(epoch, coordinatorEpoch, timestamp);

    /// <summary>The state now covers everything below <paramref name="offset"/> (called after every append and at rolls).</summary>
    public void UpdateMapEndOffset(long offset) => _mapEndOffset = offset;

    /// <summary>
    /// Writes <c>&lt;MapEndOffset&gt;.snapshot</c> unless one was already taken at that offset.
    /// Returns its path (null when none was written). Without <paramref name="sync"/> the caller
    /// syncs it later (the log's flusher does, as Kafka's roll does).
    /// </summary>
    public string? TakeSnapshot(bool sync)
    {
        if (_mapEndOffset <= _lastSnapOffset)
        {
            return null;
        }

        var path = ProducerSnapshotFile.PathOf(Dir, _mapEndOffset);
        ProducerSnapshotFile.Write(path, _producers.Values, sync);
        AddSnapshotOffset(_mapEndOffset);
        _lastSnapOffset = _mapEndOffset;
        return path;
    }

    /// <summary>
    /// Makes the state match a log holding [<paramref name="logStartOffset"/>, <paramref name="logEndOffset"/>):
    /// snapshots outside (start, end] are deleted; unless the state already ends at the log end it is
    /// dropped and reloaded from the latest readable snapshot (or emptied at the log start). The
    /// caller then replays the batches from <see cref="MapEndOffset"/> (Kafka's truncateAndReload).
    /// </summary>
    public void TruncateAndReload(long logStartOffset, long logEndOffset, long nowMs)
    {
        for (var i = _snapshots.Count - 1; i >= 0; i--)
        {
            if (_snapshots[i] > logEndOffset || _snapshots[i] <= logStartOffset)
            {
                DeleteSnapshotAt(i);
            }
        }

        if (logEndOffset != _mapEndOffset)
        {
            Clear();
            LoadLatestSnapshot(logStartOffset, nowMs);
        }
        else
        {
            OnLogStartOffsetIncremented(logStartOffset);
        }
    }

    /// <summary>The log was emptied and restarts at <paramref name="offset"/>: no state, no snapshots.</summary>
    public void TruncateFullyAndStartAt(long offset)
    {
        Clear();
        for (var i = _snapshots.Count - 1; i >= 0; i--)
        {
            DeleteSnapshotAt(i);
        }

        _lastSnapOffset = 0;
        _mapEndOffset = offset;
    }

    /// <summary>
    /// The log start moved (retention, DeleteRecords). Entries are kept, as in Kafka: a producer
    /// whose batches are all gone still has its epoch and sequence until it expires.
    /// </summary>
    public void OnLogStartOffsetIncremented(long logStartOffset)
    {
        _mapEndOffset = Math.Max(_mapEndOffset, logStartOffset);
        _lastSnapOffset = LatestSnapshotOffset ?? logStartOffset;
    }

    /// <summary>Deletes the snapshot files below <paramref name="offset"/> (their segments are gone).</summary>
    public void DeleteSnapshotsBefore(long offset)
    {
        while (_snapshots.Count > 0 && _snapshots[0] < offset)
        {
            DeleteSnapshotAt(0);
        }
    }

    /// <summary>
    /// Forgets producers idle for <see cref="ProducerIdExpirationMs"/> (measured from their last
    /// batch's timestamp) that have no open transaction. Returns how many.
    /// </summary>
    public int RemoveExpiredProducers(long nowMs)
    {
        List<long>? expired = null;
        foreach (var (id, entry) in _producers)
        {
            if (IsExpired(entry, nowMs))
            {
                (expired ??= []).Add(id);
            }
        }

        if (expired is null)
        {
            return 0;
        }

        foreach (var id in expired)
        {
            _producers.Remove(id, out var entry);
            Recycle(entry!);
        }

        Volatile.Write(ref _producerCount, _producers.Count);
        ProducerStateLog.ProducersExpired(_logger, _name, expired.Count);
        return expired.Count;
    }

    /// <summary>
    /// At load: deletes snapshots that are not at a segment's base offset (left by clean shutdowns
    /// or by segments merged by the cleaner), except the latest one when it lies in the active
    /// segment (Kafka's removeStraySnapshots).
    /// </summary>
    public void RemoveStraySnapshots(IReadOnlyList<long> segmentBaseOffsets)
    {
        var maxBase = segmentBaseOffsets.Count > 0 ? segmentBaseOffsets[^1] : long.MinValue;
        for (var i = _snapshots.Count - 1; i >= 0; i--)
        {
            var offset = _snapshots[i];
            var isLatest = i == _snapshots.Count - 1;
            if (!Contains(segmentBaseOffsets, offset) && !(isLatest && offset > maxBase))
            {
                DeleteSnapshotAt(i);
            }
        }
    }

    /// <summary>Lists the snapshot files in <see cref="Dir"/> again (at load time).</summary>
    internal void ReloadSnapshotList()
    {
        _snapshots.Clear();
        if (!Directory.Exists(Dir))
        {
            return;
        }

        foreach (var path in Directory.EnumerateFiles(Dir, "*" + LogFileNames.ProducerSnapshotSuffix))
        {
            var name = Path.GetFileName(path);
            if (name.EndsWith(LogFileNames.ProducerSnapshotSuffix, StringComparison.Ordinal) && LogFileNames.TryParseBaseOffset(name, out var offset))
            {
                _snapshots.Add(offset);
            }
        }

        _snapshots.Sort();
    }

    private static bool Contains(IReadOnlyList<long> sorted, long value)
    {
        int lo = 0, hi = sorted.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] == value)
            {
                return true;
            }

            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return false;
    }

    private bool IsExpired(ProducerStateEntry entry, long nowMs) =>
        entry.CurrentTxnFirstOffset < 0 && nowMs - entry.LastTimestamp >= ProducerIdExpirationMs;

    private void LoadLatestSnapshot(long logStartOffset, long nowMs)
    {
        while (_snapshots.Count > 0)
        {
            var offset = _snapshots[^1];
            var path = ProducerSnapshotFile.PathOf(Dir, offset);
            var entries = ProducerSnapshotFile.TryRead(path, out var problem);
            if (entries is not null)
            {
                foreach (var e in entries)
                {
                    if (!IsExpired(e, nowMs))
                    {
                        _producers[e.ProducerId] = e;
                    }
                }

                Volatile.Write(ref _producerCount, _producers.Count);
                _lastSnapOffset = offset;
                _mapEndOffset = offset;
                ProducerStateLog.SnapshotLoaded(_logger, _name, path, _producers.Count);
                return;
            }

            ProducerStateLog.SnapshotUnusable(_logger, _name, path, problem ?? "unreadable");
            DeleteSnapshotAt(_snapshots.Count - 1);
        }

        _lastSnapOffset = logStartOffset;
        _mapEndOffset = logStartOffset;
    }

    private ProducerStateEntry GetOrAdd(long producerId)
    {
        if (_producers.TryGetValue(producerId, out var entry))
        {
            return entry;
        }

        if (_pool.TryPop(out entry))
        {
            entry.Reset(producerId);
        }
        else
        {
            entry = new ProducerStateEntry(producerId);
        }

        _producers.Add(producerId, entry);
        Volatile.Write(ref _producerCount, _producers.Count);
        return entry;
    }

    private void Clear()
    {
        foreach (var entry in _producers.Values)
        {
            Recycle(entry);
        }

        _producers.Clear();
        Volatile.Write(ref _producerCount, 0);
    }

    private void Recycle(ProducerStateEntry entry)
    {
        if (_pool.Count < MaxPooledEntries)
        {
            _pool.Push(entry);
        }
    }

    private void AddSnapshotOffset(long offset)
    {
        var i = _snapshots.BinarySearch(offset);
        if (i < 0)
        {
            _snapshots.Insert(~i, offset);
        }
    }

    private void DeleteSnapshotAt(int index)
    {
        File.Delete(ProducerSnapshotFile.PathOf(Dir, _snapshots[index]));
        _snapshots.RemoveAt(index);
    }

    private ProducerAppendCheck FencedEpoch(long producerId, short epoch, ProducerStateEntry entry, long offset) =>
        ProducerAppendCheck.Failed(ErrorCode.InvalidProducerEpoch,
            $"Producer {producerId} wrote epoch {epoch} at offset {offset} in {_name}, but epoch {entry.ProducerEpoch} was already seen: a newer instance of the producer fenced this one");
}
