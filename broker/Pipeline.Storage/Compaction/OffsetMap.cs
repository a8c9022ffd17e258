using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Pipeline.Storage.Compaction;

/// <summary>
/// Key -> latest offset for one cleaning (Kafka's SkimpyOffsetMap): keys are stored as their
/// 128-bit MD5 digest in an open-addressing table, 24 bytes per slot, so memory does not depend
/// on key sizes. The table grows on demand up to <c>log.cleaner.dedupe.buffer.size</c>; once it
/// is at that size and 90% full it reports <see cref="IsFull"/> and the cleaner stops adding
/// segments to the pass. A digest collision would let one key hide another, the same (negligible)
/// risk Kafka takes.
/// Threads: the cleaner thread only.
/// </summary>
internal sealed class OffsetMap
{
    private const int SlotBytes = 24;
    private const double MaxLoad = 0.9;

    private readonly int _maxSlots;
    private ulong[] _high = [];
    private ulong[] _low = [];
    private long[] _offsets = [];
    private int _count;

    public OffsetMap(long maxMemoryBytes)
    {
        var slots = Math.Max(16, Math.Min(maxMemoryBytes / SlotBytes, 1 << 30));
        _maxSlots = (int)Math.Min(1L << 30, BitPrefix(slots));
        Allocate(Math.Min(1024, _maxSlots));
    }

    public int Count => _count;

    public bool IsFull => _offsets.Length == _maxSlots && _count >= _maxSlots * MaxLoad;

    public void Clear()
    {
        Array.Fill(_offsets, -1L);
        _count = 0;
    }

    /// <summary>
    /// Records <paramref name="offset"/> for <paramref name="key"/> (keeping the larger). False
    /// only when the table is at its memory bound and has no free slot left: one segment held more
    /// new keys than the dedupe buffer allows, and this pass cannot cover it.
    /// </summary>
    public bool Put(ReadOnlySpan<byte> key, long offset)
    {
        if (_count + 1 > _offsets.Length * MaxLoad && _offsets.Length < _maxSlots)
        {
            Grow();
        }

        Hash(key, out var high, out var low);
        var slot = Find(high, low);
        if (_offsets[slot] < 0)
        {
            if (_count + 1 >= _offsets.Length)
            {
                return false;
            }

            _high[slot] = high;
            _low[slot] = low;
            _count++;
        }

        _offsets[slot] = Math.Max(_offsets[slot], offset);
        return true;
    }

    /// <summary>The latest offset recorded for <paramref name="key"/>, or -1.</summary>
    public long Get(ReadOnlySpan<byte> key)
    {
        Hash(key, out var high, out var low);
        return _offsets[Find(high, low)];
    }

    private int Find(ulong high, ulong low)
    {
        var mask = _offsets.Length - 1;
        var slot = (int)(low & (ulong)mask);
        while (_offsets[slot] >= 0 && (_high[slot] != high || _low[slot] != low))
        {
            slot = (slot + 1) & mask;
        }

        return slot;
    }

    private void Grow()
    {
        var high = _high;
        var low = _low;
        var offsets = _offsets;
        Allocate(Math.Min(_maxSlots, offsets.Length * 2));
        _count = 0;
        for (var i = 0; i < offsets.Length; i++)
        {
            if (offsets[i] >= 0)
            {
                var slot = Find(high[i], low[i]);
                _high[slot] = high[i];
                _low[slot] = low[i];
                _offsets[slot] = offsets[i];
                _count++;
            }
        }
    }

    private void Allocate(int slots)
    {
        _high = new ulong[slots];
        _low = new ulong[slots];
        _offsets = new long[slots];
        Array.Fill(_offsets, -1L);
    }

    private static void Hash(ReadOnlySpan<byte> key, out ulong high, out ulong low)
    {
        Span<byte> digest = stackalloc byte[16];
        MD5.HashData(key, digest);
        high = BinaryPrimitives.ReadUInt64LittleEndian(digest);
        low = BinaryPrimitives.ReadUInt64LittleEndian(digest[8..]);
    }

    private static long BitPrefix(long n)
    {
        var p = 1L;
        while (p * 2 <= n)
        {
            p *= 2;
        }

        return p;
    }
}
