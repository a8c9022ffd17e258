using Microsoft.Win32.SafeHandles;
using Pipeline.Protocol.Primitives;

namespace Pipeline.Storage.IO;

/// <summary>
/// The <c>.log</c> file of one segment: concatenated record batches written with positional I/O
/// (pwrite/pread on one <see cref="SafeFileHandle"/>, no FileStream). <see cref="Size"/> is the
/// number of bytes readers may see; a preallocated file is longer on disk until it is trimmed.
/// The handle is reference counted: the segment holds one reference and every leased
/// <see cref="IFileRegion"/> another, so a segment deleted by retention stays readable until the
/// last lease is released.
/// Threads: writes and truncation run under the owning PartitionLog's append lock; reads, leases
/// and flushes come from any thread.
/// </summary>
internal sealed class FileRecords
{
    private readonly SafeFileHandle _handle;
    private string _path;
    private long _size;
    private int _refs = 1;
    private bool _preallocated;

    private FileRecords(SafeFileHandle handle, string path, long size, bool preallocated)
    {
        _handle = handle;
        _path = path;
        _size = size;
        _preallocated = preallocated;
    }

    public string Path => Volatile.Read(ref _path);

    public SafeFileHandle Handle => _handle;

    /// <summary>Bytes of batches in the file; published after the bytes are written.</summary>
    public long Size => Volatile.Read(ref _size);

    /// <summary>
    /// Segment handles are marked asynchronous. On Linux this changes nothing for pread/pwrite, but
    /// it lets the network layer wrap the handle in a FileStream that Socket.SendPacketsAsync
    /// accepts, which is how .NET reaches sendfile(2) for zero-copy fetches.
    /// </summary>
    private const FileOptions SegmentFileOptions = FileOptions.Asynchronous;

    public static FileRecords Create(string path, long preallocateBytes)
    {
        var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, SegmentFileOptions);
        if (preallocateBytes > 0)
        {
            RandomAccess.SetLength(handle, preallocateBytes);
        }

        return new FileRecords(handle, path, 0, preallocateBytes > 0);
    }

    public static FileRecords Open(string path)
    {
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, SegmentFileOptions);
        return new FileRecords(handle, path, RandomAccess.GetLength(handle), preallocated: false);
    }

    /// <summary>Writes at the end; the bytes are in the page cache (kill -9 safe) when this returns.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        var at = _size;
        RandomAccess.Write(_handle, data, at);
        Volatile.Write(ref _size, at + data.Length);
    }

    /// <summary>Reads up to <paramref name="destination"/>.Length bytes at <paramref name="position"/>; fewer only at end of file.</summary>
    public int Read(Span<byte> destination, long position)
    {
        var total = 0;
        while (total < destination.Length)
        {
            var n = RandomAccess.Read(_handle, destination[total..], position + total);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    public void Flush() => NativeFile.DataSync(_handle);

    /// <summary>Drops bytes at and after <paramref name="size"/>.</summary>
    public void TruncateTo(long size)
    {
        RandomAccess.SetLength(_handle, size);
        Volatile.Write(ref _size, size);
        _preallocated = false;
    }

    /// <summary>Cuts a preallocated file down to its data (on roll and close, as Kafka trims).</summary>
    public void TrimToSize()
    {
        if (_preallocated)
        {
            RandomAccess.SetLength(_handle, Size);
            _preallocated = false;
        }
    }

    public void RenameTo(string newPath)
    {
        File.Move(Path, newPath, overwrite: true);
        Volatile.Write(ref _path, newPath);
    }

    public bool TryAcquire()
    {
        while (true)
        {
            var refs = Volatile.Read(ref _refs);
            if (refs <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _refs, refs + 1, refs) == refs)
            {
                return true;
            }
        }
    }

    public void ReleaseRef()
    {
        if (Interlocked.Decrement(ref _refs) == 0)
        {
            _handle.Dispose();
        }
    }

    /// <summary>A lease on [position, position+length), or null when the file was already closed.</summary>
    public IFileRegion? TryLease(long position, int length)
    {
        if (!TryAcquire())
        {
            return null;
        }

        return FileRegion.Rent(this, position, length);
    }

    /// <summary>Drops the owner's reference; the handle closes when no lease is left.</summary>
    public void Close() => ReleaseRef();

    public bool IsClosed => Volatile.Read(ref _refs) <= 0;
}
