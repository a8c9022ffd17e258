namespace Pipeline.Storage.Producers;

/// <summary>
/// The state of one producer id on one partition (Kafka's ProducerStateEntry): its current epoch,
/// the metadata of its last <see cref="BatchesToRetain"/> batches (oldest first, the last one
/// holding the sequence the next batch must follow), the last timestamp (for expiration), and the
/// transaction fields (coordinator epoch of the last marker, first offset of the open transaction).
/// The batches live in a fixed ring allocated with the entry, so recording a batch allocates
/// nothing. Threads: owned by its <see cref="ProducerStateManager"/> (the log's append lock).
/// </summary>
public sealed class ProducerStateEntry
{
    /// <summary>Kafka's NUM_BATCHES_TO_RETAIN: why clients cap in-flight requests at 5 with idempotence.</summary>
    public const int BatchesToRetain = 5;

    private readonly BatchMetadata[] _batches = new BatchMetadata[BatchesToRetain];
    private int _head;
    private int _count;

    public ProducerStateEntry(long producerId)
    {
        Reset(producerId);
    }

    public long ProducerId { get; private set; }

    public short ProducerEpoch { get; private set; }

    /// <summary>Epoch of the transaction coordinator that wrote the last marker (-1 before any).</summary>
    public int CoordinatorEpoch { get; private set; }

    /// <summary>Max timestamp of the last batch or marker; expiration counts from it, as in Kafka.</summary>
    public long LastTimestamp { get; private set; }

    /// <summary>First offset of the producer's open transaction, -1 when none.</summary>
    public long CurrentTxnFirstOffset { get; private set; }

    public int BatchCount => _count;

    public bool IsEmpty => _count == 0;

    public int FirstSeq => _count == 0 ? ProducerSequence.NoSequence : _batches[_head].FirstSeq;

    public int LastSeq => _count == 0 ? ProducerSequence.NoSequence : Last.LastSeq;

    public long FirstDataOffset => _count == 0 ? -1 : _batches[_head].FirstOffset;

    public long LastDataOffset => _count == 0 ? -1 : Last.LastOffset;

    public int LastOffsetDelta => _count == 0 ? 0 : Last.OffsetDelta;

    private ref BatchMetadata Last => ref _batches[(_head + _count - 1) % BatchesToRetain];

    /// <summary>The retained batches, oldest first (<paramref name="index"/> in [0, <see cref="BatchCount"/>)).</summary>
    public BatchMetadata BatchAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _count);
        return _batches[(_head + index) % BatchesToRetain];
    }

    /// <summary>
    /// A retained batch of the same epoch with exactly this sequence range: the batch being
    /// appended is a retry of it (Kafka's findDuplicateBatch).
    /// </summary>
    public bool TryFindDuplicate(short epoch, int firstSeq, int lastSeq, out BatchMetadata original)
    {
        if (epoch == ProducerEpoch)
        {
            for (var i = 0; i < _count; i++)
            {
                ref var b = ref _batches[(_head + i) % BatchesToRetain];
                if (b.LastSeq == lastSeq && b.FirstSeq == firstSeq)
                {
                    original = b;
                    return true;
                }
            }
        }

        original = default;
        return false;
    }

    /// <summary>Records an appended data batch; a new epoch forgets the batches of the old one.</summary>
    public void AddBatch(short epoch, int lastSeq, long lastOffset, int offsetDelta, long timestamp)
    {
        MaybeUpdateEpoch(epoch);
        Push(new BatchMetadata(lastSeq, lastOffset, offsetDelta, timestamp));
        LastTimestamp = timestamp;
    }

    /// <summary>A transactional batch opens a transaction at <paramref name="firstOffset"/> unless one is open.</summary>
    public void BeginTransactionIfNone(long firstOffset)
    {
        if (CurrentTxnFirstOffset < 0)
        {
            CurrentTxnFirstOffset = firstOffset;
        }
    }

    /// <summary>A COMMIT or ABORT marker: closes the open transaction and remembers the coordinator's epoch.</summary>
    public void ApplyEndTransactionMarker(short epoch, int coordinatorEpoch, long timestamp)
    {
        MaybeUpdateEpoch(epoch);
        CoordinatorEpoch = coordinatorEpoch;
        CurrentTxnFirstOffset = -1;
        LastTimestamp = timestamp;
    }

    /// <summary>Restores an entry read from a snapshot (batches added afterwards with <see cref="RestoreBatch"/>).</summary>
    internal void Restore(short epoch, int coordinatorEpoch, long lastTimestamp, long currentTxnFirstOffset)
    {
        ProducerEpoch = epoch;
        CoordinatorEpoch = coordinatorEpoch;
        LastTimestamp = lastTimestamp;
        CurrentTxnFirstOffset = currentTxnFirstOffset;
        _head = 0;
        _count = 0;
    }

    internal void RestoreBatch(BatchMetadata batch) => Push(batch);

    /// <summary>Makes a pooled entry new again for <paramref name="producerId"/>.</summary>
    internal void Reset(long producerId)
    {
        ProducerId = producerId;
        ProducerEpoch = ProducerSequence.NoProducerEpoch;
        CoordinatorEpoch = -1;
        LastTimestamp = -1;
        CurrentTxnFirstOffset = -1;
        _head = 0;
        _count = 0;
    }

    public override string ToString() =>
        $"producer {ProducerId} epoch {ProducerEpoch}: seq {FirstSeq}..{LastSeq} at offsets {FirstDataOffset}..{LastDataOffset}, {BatchCount} batch(es), txn first offset {CurrentTxnFirstOffset}";

    private void MaybeUpdateEpoch(short epoch)
    {
        if (epoch != ProducerEpoch)
        {
            _head = 0;
            _count = 0;
            ProducerEpoch = epoch;
        }
    }

    private void Push(BatchMetadata batch)
    {
        if (_count == BatchesToRetain)
        {
            _head = (_head + 1) % BatchesToRetain;
            _count--;
        }

        _batches[(_head + _count) % BatchesToRetain] = batch;
        _count++;
    }
}
