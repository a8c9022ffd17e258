using Pipeline.Storage.Log;

namespace Pipeline.Storage.Producers;

/// <summary>
/// The <c>&lt;offset&gt;.snapshot</c> files of one partition directory, by offset (ascending):
/// which exist, and deleting them as the log is truncated, trimmed or reloaded.
/// Threads: owned by its <see cref="ProducerStateManager"/>.
/// </summary>
internal sealed class ProducerSnapshots
{
    private readonly List<long> _offsets = [];

    public ProducerSnapshots(string dir)
    {
        Dir = dir;
        Reload();
    }

    public string Dir { get; set; }

    public IReadOnlyList<long> Offsets => _offsets;

    public long? Latest => _offsets.Count > 0 ? _offsets[^1] : null;

    public string PathOf(long offset) => ProducerSnapshotFile.PathOf(Dir, offset);

    /// <summary>Lists the files in <see cref="Dir"/> again.</summary>
    public void Reload()
    {
        _offsets.Clear();
        if (!Directory.Exists(Dir))
        {
            return;
        }

        foreach (var path in Directory.EnumerateFiles(Dir, "*" + LogFileNames.ProducerSnapshotSuffix))
        {
            var name = Path.GetFileName(path);
            if (name.EndsWith(LogFileNames.ProducerSnapshotSuffix, StringComparison.Ordinal) && LogFileNames.TryParseBaseOffset(name, out var offset))
            {
                _offsets.Add(offset);
            }
        }

        _offsets.Sort();
    }

    public void Added(long offset)
    {
        var i = _offsets.BinarySearch(offset);
        if (i < 0)
        {
            _offsets.Insert(~i, offset);
        }
    }

    public void DeleteLatest() => DeleteAt(_offsets.Count - 1);

    /// <summary>Deletes the snapshots outside (<paramref name="after"/>, <paramref name="upTo"/>].</summary>
    public void DeleteOutside(long after, long upTo)
    {
        for (var i = _offsets.Count - 1; i >= 0; i--)
        {
            if (_offsets[i] > upTo || _offsets[i] <= after)
            {
                DeleteAt(i);
            }
        }
    }

    public void DeleteBefore(long offset)
    {
        while (_offsets.Count > 0 && _offsets[0] < offset)
        {
            DeleteAt(0);
        }
    }

    public void DeleteAll()
    {
        for (var i = _offsets.Count - 1; i >= 0; i--)
        {
            DeleteAt(i);
        }
    }

    /// <summary>Keeps the snapshots at segment base offsets and the latest one when it lies past the last base.</summary>
    public void DeleteStray(IReadOnlyList<long> segmentBaseOffsets)
    {
        var maxBase = segmentBaseOffsets.Count > 0 ? segmentBaseOffsets[^1] : long.MinValue;
        for (var i = _offsets.Count - 1; i >= 0; i--)
        {
            var offset = _offsets[i];
            var keepAsLatest = i == _offsets.Count - 1 && offset > maxBase;
            if (!keepAsLatest && !ContainsSorted(segmentBaseOffsets, offset))
            {
                DeleteAt(i);
            }
        }
    }

    private static bool ContainsSorted(IReadOnlyList<long> sorted, long value)
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

    private void DeleteAt(int index)
    {
        File.Delete(PathOf(_offsets[index]));
        _offsets.RemoveAt(index);
    }
}
