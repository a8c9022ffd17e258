using Microsoft.Win32.SafeHandles;
using Pipeline.Protocol.Primitives;

namespace Pipeline.Storage.IO;

/// <summary>
/// A leased byte range of a segment file. Instances are pooled so that a fetch allocates nothing:
/// <see cref="Release"/> drops the file reference and returns the object to the pool, after
/// which the caller must not touch it again (a second Release before reuse throws).
/// Threads: rented by a fetch thread, released by whichever thread finished sending.
/// </summary>
internal sealed class FileRegion : IFileRegion
{
    private const int PoolSize = 256;
    private static readonly FileRegion?[] Pool = new FileRegion?[PoolSize];

    private FileRecords? _owner;
    private int _leased;

    public SafeFileHandle Handle => (_owner ?? throw new ObjectDisposedException(nameof(FileRegion))).Handle;

    public long Position { get; private set; }

    public int Length { get; private set; }

    public static FileRegion Rent(FileRecords owner, long position, int length)
    {
        var region = TakeFromPool() ?? new FileRegion();
        region._owner = owner;
        region.Position = position;
        region.Length = length;
        Volatile.Write(ref region._leased, 1);
        return region;
    }

    public void Release()
    {
        if (Interlocked.Exchange(ref _leased, 0) != 1)
        {
            throw new InvalidOperationException("file region released twice");
        }

        var owner = _owner!;
        _owner = null;
        owner.ReleaseRef();
        ReturnToPool(this);
    }

    public override string ToString() => $"{_owner?.Path}[{Position}+{Length}]";

    private static FileRegion? TakeFromPool()
    {
        for (var i = 0; i < PoolSize; i++)
        {
            var item = Volatile.Read(ref Pool[i]);
            if (item is not null && Interlocked.CompareExchange(ref Pool[i], null, item) == item)
            {
                return item;
            }
        }

        return null;
    }

    private static void ReturnToPool(FileRegion region)
    {
        for (var i = 0; i < PoolSize; i++)
        {
            if (Volatile.Read(ref Pool[i]) is null && Interlocked.CompareExchange(ref Pool[i], region, null) is null)
            {
                return;
            }
        }
    }
}
