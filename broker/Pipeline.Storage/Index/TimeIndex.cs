using System.Buffers.Binary;

namespace Pipeline.Storage.Index;

/// <summary>
/// The sparse time index of a segment (<c>.timeindex</c>), in memory and written on roll/close.
/// On disk, 12 bytes per entry, big-endian:
/// <code>
///  0 timestamp      int64   (largest record timestamp seen so far in the segment)
///  8 relativeOffset int32   (last offset of the first batch that carried that timestamp)
/// </code>
/// Entries are added only when the timestamp grows, so every record before the entry's batch has
/// a smaller timestamp; a lookup for T can therefore start scanning at the batch of the last entry
/// whose timestamp is at most T. Bounded by <c>segment.index.bytes</c>. Threads as <see cref="OffsetIndex"/>.
/// </summary>
internal sealed class TimeIndex : IIndexEntryFormatter
{
    public const int EntrySize = 12;
    private const int InitialCapacity = 1024;

    private long[] _timestamps;
    private int[] _offsets;
    private int _count;
    private int _persisted;

    public TimeIndex(string path, long baseOffset, int maxIndexBytes)
    {
        Path = path;
        BaseOffset = baseOffset;
        MaxEntries = Math.Max(1, maxIndexBytes / EntrySize);
        var capacity = Math.Min(MaxEntries, InitialCapacity);
        _timestamps = new long[capacity];
        _offsets = new int[capacity];
    }

    public string Path { get; private set; }

    public long BaseOffset { get; }

    public int MaxEntries { get; private set; }

    public int Count => Volatile.Read(ref _count);

    public bool IsFull => Count >= MaxEntries;

    public bool IsDirty => _persisted != Count;

    public TimestampOffset? LastEntry
    {
        get
        {
            var n = Count;
            return n == 0 ? null : Entry(n - 1);
        }
    }

    public TimestampOffset Entry(int i) =>
        new(Volatile.Read(ref _timestamps)[i], BaseOffset + Volatile.Read(ref _offsets)[i]);

    /// <summary>
    /// Adds (timestamp, offset) when the timestamp is larger than the last entry's. When the index
    /// is full and <paramref name="replaceWhenFull"/> (the final entry written on roll), the last
    /// entry is replaced instead, which keeps lookups correct because it only moves the entry later.
    /// </summary>
    public void MaybeAppend(long timestamp, long offset, bool replaceWhenFull = false)
    {
        var n = _count;
        if (n > 0 && (timestamp <= _timestamps[n - 1] || offset - BaseOffset < _offsets[n - 1]))
        {
            return;
        }

        if (n >= MaxEntries)
        {
            if (replaceWhenFull && n > 0)
            {
                // Publish an empty slot first so a reader never sees a half-replaced entry.
                Volatile.Write(ref _count, n - 1);
                _timestamps[n - 1] = timestamp;
                _offsets[n - 1] = (int)(offset - BaseOffset);
                Volatile.Write(ref _count, n);
                _persisted = Math.Min(_persisted, n - 1);
            }

            return;
        }

        if (n == _timestamps.Length)
        {
            var size = Math.Min(MaxEntries, n * 2);
            var ts = new long[size];
            var offs = new int[size];
            Array.Copy(_timestamps, ts, n);
            Array.Copy(_offsets, offs, n);
            Volatile.Write(ref _timestamps, ts);
            Volatile.Write(ref _offsets, offs);
        }

        _timestamps[n] = timestamp;
        _offsets[n] = (int)(offset - BaseOffset);
        Volatile.Write(ref _count, n + 1);
    }

    /// <summary>The last entry with timestamp at most <paramref name="target"/>, or (-1, base offset).</summary>
    public TimestampOffset Lookup(long target)
    {
        var n = Count;
        var ts = Volatile.Read(ref _timestamps);
        int lo = 0, hi = n - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (ts[mid] <= target)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found < 0 ? new TimestampOffset(-1, BaseOffset) : Entry(found);
    }

    /// <summary>Drops entries whose offset is at or after <paramref name="offset"/>.</summary>
    public void TruncateTo(long offset)
    {
        var n = _count;
        while (n > 0 && BaseOffset + _offsets[n - 1] >= offset)
        {
            n--;
        }

        Volatile.Write(ref _count, n);
        _persisted = Math.Min(_persisted, n);
    }

    public void Reset()
    {
        Volatile.Write(ref _count, 0);
        _persisted = 0;
    }

    /// <summary>Loads and checks the file (timestamps and offsets increasing, offsets below <paramref name="maxOffsetExclusive"/>).</summary>
    public bool TryLoad(long maxOffsetExclusive, out string? problem)
    {
        Reset();
        var bytes = IndexFile.ReadAll(Path, EntrySize, out var n);
        if (bytes is null)
        {
            problem = File.Exists(Path) ? "time index file length is not a whole number of entries" : "time index file is missing";
            return false;
        }

        var capacity = Math.Max(n, Math.Min(MaxEntries, InitialCapacity));
        var ts = new long[capacity];
        var offs = new int[capacity];
        long prevTs = long.MinValue;
        var prevRel = -1;
        for (var i = 0; i < n; i++)
        {
            var t = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(i * EntrySize));
            var rel = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan((i * EntrySize) + 8));
            if (t <= prevTs || rel < prevRel || rel < 0 || BaseOffset + rel >= maxOffsetExclusive)
            {
                problem = $"time index entry {i} ({t}, {rel}) is out of order or past the log end";
                return false;
            }

            ts[i] = t;
            offs[i] = rel;
            prevTs = t;
            prevRel = rel;
        }

        _timestamps = ts;
        _offsets = offs;
        MaxEntries = Math.Max(MaxEntries, n);
        _persisted = n;
        Volatile.Write(ref _count, n);
        problem = null;
        return true;
    }

    public void Persist(bool sync)
    {
        var n = Count;
        IndexFile.WriteTail(Path, EntrySize, _persisted, n, this, sync);
        _persisted = n;
    }

    public void Format(int index, Span<byte> destination)
    {
        BinaryPrimitives.WriteInt64BigEndian(destination, Volatile.Read(ref _timestamps)[index]);
        BinaryPrimitives.WriteInt32BigEndian(destination[8..], Volatile.Read(ref _offsets)[index]);
    }

    public void RenameTo(string newPath)
    {
        if (File.Exists(Path))
        {
            File.Move(Path, newPath, overwrite: true);
        }

        Path = newPath;
    }
}
