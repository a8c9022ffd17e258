using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Pipeline.Protocol;
using Pipeline.Protocol.Records;

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
    private readonly ProducerSnapshots _snapshots;
    private readonly string _name;
    private readonly ILogger _logger;
    private long _mapEndOffset;
    private long _lastSnapOffset;
    private int _producerCount;

    public ProducerStateManager(string dir, TopicPartition topicPartition, long producerIdExpirationMs, ILogger logger)
    {
        _snapshots = new ProducerSnapshots(dir);
        _name = topicPartition.ToString();
        ProducerIdExpirationMs = producerIdExpirationMs;
        _logger = logger;
    }

    /// <summary>The partition directory the snapshots live in (changes when the log is renamed for deletion).</summary>
    public string Dir
    {
        get => _snapshots.Dir;
        internal set => _snapshots.Dir = value;
    }

    /// <summary><c>producer.id.expiration.ms</c>: a producer idle this long (by its batches' timestamps) is forgotten.</summary>
    public long ProducerIdExpirationMs { get; set; }

    public long MapEndOffset => _mapEndOffset;

    /// <summary>Number of producer ids with state (safe to read from any thread).</summary>
    public int ProducerCount => Volatile.Read(ref _producerCount);

    /// <summary>Offsets of the snapshot files on disk, ascending.</summary>
    public IReadOnlyList<long> SnapshotOffsets => [.. _snapshots.Offsets];

    public long? LatestSnapshotOffset => _snapshots.Latest;

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

    /// <summary>Checks a data batch about to be appended at <paramref name="offset"/> (rules: <see cref="ProducerAppendValidator.CheckDataBatch"/>).</summary>
    public ProducerAppendCheck CheckDataBatch(long producerId, short epoch, int firstSeq, int lastSeq, bool isTransactional, long offset, bool fromClient) =>
        _producers.TryGetValue(producerId, out var entry)
            ? ProducerAppendValidator.CheckDataBatch(entry, epoch, firstSeq, lastSeq, isTransactional, offset, fromClient, _name)
            : ProducerAppendCheck.Valid;

    /// <summary>Checks a COMMIT/ABORT marker written by a transaction coordinator: producer epoch, then coordinator epoch.</summary>
    public ProducerAppendCheck CheckEndTransactionMarker(long producerId, short epoch, int coordinatorEpoch, long offset) =>
        _producers.TryGetValue(producerId, out var entry)
            ? ProducerAppendValidator.CheckEndTransactionMarker(entry, epoch, coordinatorEpoch, offset, _name)
            : ProducerAppendCheck.Valid;

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

        var path = _snapshots.PathOf(_mapEndOffset);
        ProducerSnapshotFile.Write(path, _producers.Values, sync);
        _snapshots.Added(_mapEndOffset);
        _lastSnapOffset = _mapEndOffset;
        return path;
    }

    /// <summary>
    /// <see cref="TakeSnapshot"/> for callers that keep going when it fails (the snapshot only
    /// saves replay time at the next start): an I/O error is logged and null returned.
    /// </summary>
    public string? TryTakeSnapshot(bool sync)
    {
        try
        {
            return TakeSnapshot(sync);
        }
        catch (IOException ex)
        {
            ProducerStateLog.SnapshotWriteFailed(_logger, _name, ex);
            return null;
        }
    }

    /// <summary>
    /// Makes the state match a log holding [<paramref name="logStartOffset"/>, <paramref name="logEndOffset"/>):
    /// snapshots outside (start, end] are deleted; unless the state already ends at the log end it is
    /// dropped and reloaded from the latest readable snapshot (or emptied at the log start). The
    /// caller then replays the batches from <see cref="MapEndOffset"/> (Kafka's truncateAndReload).
    /// </summary>
    public void TruncateAndReload(long logStartOffset, long logEndOffset, long nowMs)
    {
        _snapshots.DeleteOutside(logStartOffset, logEndOffset);
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
        _snapshots.DeleteAll();
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
        _snapshots.DeleteBefore(offset);
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
    public void RemoveStraySnapshots(IReadOnlyList<long> segmentBaseOffsets) => _snapshots.DeleteStray(segmentBaseOffsets);

    private bool IsExpired(ProducerStateEntry entry, long nowMs) =>
        entry.CurrentTxnFirstOffset < 0 && nowMs - entry.LastTimestamp >= ProducerIdExpirationMs;

    private void LoadLatestSnapshot(long logStartOffset, long nowMs)
    {
        while (_snapshots.Latest is { } offset)
        {
            var path = _snapshots.PathOf(offset);
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
            _snapshots.DeleteLatest();
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
}
