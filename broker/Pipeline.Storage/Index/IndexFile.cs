using System.Buffers;

namespace Pipeline.Storage.Index;

/// <summary>
/// Reads and writes index files: fixed-size big-endian entries, no header, the file length is
/// the number of entries times the entry size. Writes go to the tail through a pooled buffer;
/// entries before <c>fromEntry</c> are already in the file.
/// Threads: called under the owning segment's append lock, or during load.
/// </summary>
internal static class IndexFile
{
    public static byte[]? ReadAll(string path, int entrySize, out int entries)
    {
        entries = 0;
        if (!File.Exists(path))
        {
            return null;
        }

        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var length = RandomAccess.GetLength(handle);
        if (length % entrySize != 0 || length > int.MaxValue)
        {
            return null;
        }

        var bytes = new byte[length];
        var read = 0;
        while (read < bytes.Length)
        {
            var n = RandomAccess.Read(handle, bytes.AsSpan(read), read);
            if (n == 0)
            {
                return null;
            }

            read += n;
        }

        entries = (int)(length / entrySize);
        return bytes;
    }

    /// <summary>Makes the file hold exactly <paramref name="count"/> entries, writing those from <paramref name="fromEntry"/> on.</summary>
    public static void WriteTail(string path, int entrySize, int fromEntry, int count, IIndexEntryFormatter format, bool sync)
    {
        using var handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        var bytes = (long)count * entrySize;
        if (RandomAccess.GetLength(handle) != bytes)
        {
            RandomAccess.SetLength(handle, bytes);
        }

        const int Chunk = 4096;
        var buffer = ArrayPool<byte>.Shared.Rent(Chunk * entrySize);
        try
        {
            for (var start = fromEntry; start < count; start += Chunk)
            {
                var n = Math.Min(Chunk, count - start);
                for (var i = 0; i < n; i++)
                {
                    format.Format(start + i, buffer.AsSpan(i * entrySize, entrySize));
                }

                RandomAccess.Write(handle, buffer.AsSpan(0, n * entrySize), (long)start * entrySize);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (sync)
        {
            IO.NativeFile.DataSync(handle);
        }
    }
}
