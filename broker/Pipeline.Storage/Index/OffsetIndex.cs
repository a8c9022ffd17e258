using System.Buffers.Binary;

namespace Pipeline.Storage.Index;

/// <summary>
/// The sparse offset index of a segment (<c>.index</c>), kept in memory and written to its file
/// when the segment rolls or closes. On disk, 8 bytes per entry, big-endian:
/// <code>
///  0 relativeOffset int32   (offset - segment base offset; the last offset of a batch)
///  4 position       int32   (file position where that batch starts)
/// </code>
/// In memory an entry is one long, <c>relativeOffset &lt;&lt; 32 | position</c>, so a reader sees a
/// whole entry with one read. Capacity is bounded by <c>segment.index.bytes</c>; a full index
/// makes the log roll. Entries are in increasing offset and position order.
/// Threads: one writer (the append lock, or the loader); lock-free readers (count is published
/// after the entry, arrays only grow).
/// </summary>
internal sealed class OffsetIndex : IIndexEntryFormatter
{
    public const int EntrySize = 8;
    private const int InitialCapacity = 1024;

    private long[] _entries;
    private int _count;
    private int _persisted;

    public OffsetIndex(string path, long baseOffset, int maxIndexBytes)
    {
        Path = path;
        BaseOffset = baseOffset;
        MaxEntries = Math.Max(1, maxIndexBytes / EntrySize);
        _entries = new long[Math.Min(MaxEntries, InitialCapacity)];
    }

    public string Path { get; private set; }

    public long BaseOffset { get; }

    public int MaxEntries { get; private set; }

    public int Count => Volatile.Read(ref _count);

    public bool IsFull => Count >= MaxEntries;

    public bool IsDirty => _persisted != Count;

    public OffsetPosition? LastEntry
    {
        get
        {
            var n = Count;
            return n == 0 ? null : Decode(Volatile.Read(ref _entries)[n - 1]);
        }
    }

    public OffsetPosition Entry(int i) => Decode(Volatile.Read(ref _entries)[i]);

    public void Append(long offset, long position)
    {
        var n = _count;
        var entry = ((offset - BaseOffset) << 32) | (uint)position;
        if (n > 0 && (_entries[n - 1] >> 32) >= offset - BaseOffset)
        {
            return;
        }

        if (n == _entries.Length)
        {
            var grown = new long[Math.Min(Math.Max(MaxEntries, n + 1), n * 2)];
            Array.Copy(_entries, grown, n);
            Volatile.Write(ref _entries, grown);
        }

        _entries[n] = entry;
        Volatile.Write(ref _count, n + 1);
    }

    /// <summary>The last entry whose offset is at most <paramref name="target"/>, or the segment start.</summary>
    public OffsetPosition Lookup(long target)
    {
        var n = Count;
        var entries = Volatile.Read(ref _entries);
        var rel = target - BaseOffset;
        int lo = 0, hi = n - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if ((entries[mid] >> 32) <= rel)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found < 0 ? new OffsetPosition(BaseOffset, 0) : Decode(entries[found]);
    }

    /// <summary>The last entry whose batch starts at or before <paramref name="position"/>, if any.</summary>
    public OffsetPosition? LookupByPosition(long position)
    {
        var n = Count;
        var entries = Volatile.Read(ref _entries);
        int lo = 0, hi = n - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if ((uint)entries[mid] <= position)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found < 0 ? null : Decode(entries[found]);
    }

    /// <summary>Drops entries for batches at or after <paramref name="position"/>.</summary>
    public void TruncateToPosition(long position)
    {
        var n = _count;
        while (n > 0 && (uint)_entries[n - 1] >= position)
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

    /// <summary>
    /// Loads the file and checks it: whole entries, offsets and positions strictly increasing and
    /// below the log size. False (and an empty index) when it is missing or fails, so the caller rebuilds.
    /// </summary>
    public bool TryLoad(long logSize, out string? problem)
    {
        Reset();
        var bytes = IndexFile.ReadAll(Path, EntrySize, out var n);
        if (bytes is null)
        {
            problem = File.Exists(Path) ? "index file length is not a whole number of entries" : "index file is missing";
            return false;
        }

        var entries = new long[Math.Max(n, Math.Min(MaxEntries, InitialCapacity))];
        long prevRel = -1, prevPos = -1;
        for (var i = 0; i < n; i++)
        {
            var rel = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(i * EntrySize));
            var pos = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan((i * EntrySize) + 4));
            if (rel <= prevRel || pos <= prevPos || pos >= logSize)
            {
                problem = $"index entry {i} ({rel}, {pos}) is out of order or past the log end";
                return false;
            }

            entries[i] = ((long)rel << 32) | (uint)pos;
            prevRel = rel;
            prevPos = pos;
        }

        _entries = entries;
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
        var e = Volatile.Read(ref _entries)[index];
        BinaryPrimitives.WriteInt32BigEndian(destination, (int)(e >> 32));
        BinaryPrimitives.WriteInt32BigEndian(destination[4..], (int)(uint)e);
    }

    public void RenameTo(string newPath)
    {
        if (File.Exists(Path))
        {
            File.Move(Path, newPath, overwrite: true);
        }

        Path = newPath;
    }

    private OffsetPosition Decode(long e) => new(BaseOffset + (e >> 32), (uint)e);
}
