using System.Buffers.Binary;
using Pipeline.Protocol.Records;
using Pipeline.Storage.IO;
using Pipeline.Storage.Log;

namespace Pipeline.Storage.Producers;

/// <summary>
/// A producer state snapshot, <c>&lt;offset in 20 digits&gt;.snapshot</c> in the partition
/// directory (Kafka's name): the state of every producer after the batches below that offset.
/// Big-endian layout:
/// <code>
///  0 version int16     100 = ours (below); 1 = Kafka's (one batch per producer), read only
///  2 crc uint32        CRC-32C of bytes 6..end
///  6 count int32       producer entries
/// 10 entries (ours):   producerId int64 | epoch int16 | coordinatorEpoch int32 |
///                      lastTimestamp int64 | currentTxnFirstOffset int64 (-1 none) |
///                      batchCount int8 (0..5) | batchCount x
///                      { lastSeq int32 | lastOffset int64 | offsetDelta int32 | timestamp int64 }, oldest first
///    entries (Kafka):  producerId int64 | epoch int16 | lastSequence int32 | lastOffset int64 |
///                      offsetDelta int32 | timestamp int64 | coordinatorEpoch int32 |
///                      currentTxnFirstOffset int64   (lastOffset -1 = no batch)
/// </code>
/// Ours keeps all five retained batches, so a retry of any of a producer's last five batches is
/// still recognised after a restart (Kafka's format only keeps the last one).
/// Files are written to <c>.tmp</c> and renamed; a torn or damaged file fails its CRC and is ignored.
/// </summary>
internal static class ProducerSnapshotFile
{
    public const short Version = 100;
    public const short KafkaVersion = 1;

    private const int HeaderSize = 10;
    private const int EntryFixedSize = 8 + 2 + 4 + 8 + 8 + 1;
    private const int BatchSize = 4 + 8 + 4 + 8;
    private const int KafkaEntrySize = 8 + 2 + 4 + 8 + 4 + 8 + 4 + 8;

    public static string PathOf(string dir, long offset) => LogFileNames.PathOf(dir, offset, LogFileNames.ProducerSnapshotSuffix);

    /// <summary>Writes the snapshot (temp file, then rename); with <paramref name="sync"/> the file and directory are fsynced.</summary>
    public static void Write(string path, IReadOnlyCollection<ProducerStateEntry> entries, bool sync)
    {
        var size = HeaderSize;
        foreach (var e in entries)
        {
            size += EntryFixedSize + (e.BatchCount * BatchSize);
        }

        var buffer = new byte[size];
        var b = buffer.AsSpan();
        BinaryPrimitives.WriteInt16BigEndian(b, Version);
        BinaryPrimitives.WriteInt32BigEndian(b[6..], entries.Count);
        var p = HeaderSize;
        foreach (var e in entries)
        {
            BinaryPrimitives.WriteInt64BigEndian(b[p..], e.ProducerId);
            BinaryPrimitives.WriteInt16BigEndian(b[(p + 8)..], e.ProducerEpoch);
            BinaryPrimitives.WriteInt32BigEndian(b[(p + 10)..], e.CoordinatorEpoch);
            BinaryPrimitives.WriteInt64BigEndian(b[(p + 14)..], e.LastTimestamp);
            BinaryPrimitives.WriteInt64BigEndian(b[(p + 22)..], e.CurrentTxnFirstOffset);
            b[p + 30] = (byte)e.BatchCount;
            p += EntryFixedSize;
            for (var i = 0; i < e.BatchCount; i++)
            {
                var m = e.BatchAt(i);
                BinaryPrimitives.WriteInt32BigEndian(b[p..], m.LastSeq);
                BinaryPrimitives.WriteInt64BigEndian(b[(p + 4)..], m.LastOffset);
                BinaryPrimitives.WriteInt32BigEndian(b[(p + 12)..], m.OffsetDelta);
                BinaryPrimitives.WriteInt64BigEndian(b[(p + 16)..], m.Timestamp);
                p += BatchSize;
            }
        }

        BinaryPrimitives.WriteUInt32BigEndian(b[2..], Crc32C.Compute(b[6..]));
        var tmp = path + LogFileNames.TempSuffix;
        using (var handle = File.OpenHandle(tmp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            RandomAccess.Write(handle, buffer, 0);
            if (sync)
            {
                NativeFile.DataSync(handle);
            }
        }

        File.Move(tmp, path, overwrite: true);
        if (sync)
        {
            NativeFile.SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        }
    }

    /// <summary>fdatasync of a snapshot written without <c>sync</c> (runs on the flusher); false when it is gone.</summary>
    public static bool Sync(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            NativeFile.DataSync(handle);
            return true;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Reads a snapshot of either version; null with <paramref name="problem"/> when it is damaged or unknown.</summary>
    public static List<ProducerStateEntry>? TryRead(string path, out string? problem)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            problem = e.Message;
            return null;
        }

        if (bytes.Length < HeaderSize)
        {
            problem = $"{bytes.Length} bytes is shorter than the header";
            return null;
        }

        var b = (ReadOnlySpan<byte>)bytes;
        var version = BinaryPrimitives.ReadInt16BigEndian(b);
        if (version != Version && version != KafkaVersion)
        {
            problem = $"unknown version {version}";
            return null;
        }

        if (BinaryPrimitives.ReadUInt32BigEndian(b[2..]) != Crc32C.Compute(b[6..]))
        {
            problem = "CRC-32C mismatch";
            return null;
        }

        var count = BinaryPrimitives.ReadInt32BigEndian(b[6..]);
        var entries = new List<ProducerStateEntry>(Math.Clamp(count, 0, 1 << 16));
        var rest = b[HeaderSize..];
        problem = null;
        for (var i = 0; i < count && problem is null; i++)
        {
            var entry = version == Version ? ReadEntry(ref rest, out problem) : ReadKafkaEntry(ref rest, out problem);
            if (entry is not null)
            {
                entries.Add(entry);
            }
        }

        if (problem is null && rest.Length != 0)
        {
            problem = $"{rest.Length} bytes after the last entry";
        }

        return problem is null ? entries : null;
    }

    private static ProducerStateEntry? ReadEntry(ref ReadOnlySpan<byte> rest, out string? problem)
    {
        if (rest.Length < EntryFixedSize || rest[30] > ProducerStateEntry.BatchesToRetain || rest.Length < EntryFixedSize + (rest[30] * BatchSize))
        {
            problem = "truncated or invalid entry";
            return null;
        }

        var entry = new ProducerStateEntry(BinaryPrimitives.ReadInt64BigEndian(rest));
        entry.Restore(
            BinaryPrimitives.ReadInt16BigEndian(rest[8..]),
            BinaryPrimitives.ReadInt32BigEndian(rest[10..]),
            BinaryPrimitives.ReadInt64BigEndian(rest[14..]),
            BinaryPrimitives.ReadInt64BigEndian(rest[22..]));
        int batches = rest[30];
        rest = rest[EntryFixedSize..];
        for (var i = 0; i < batches; i++)
        {
            entry.RestoreBatch(new BatchMetadata(
                BinaryPrimitives.ReadInt32BigEndian(rest),
                BinaryPrimitives.ReadInt64BigEndian(rest[4..]),
                BinaryPrimitives.ReadInt32BigEndian(rest[12..]),
                BinaryPrimitives.ReadInt64BigEndian(rest[16..])));
            rest = rest[BatchSize..];
        }

        problem = null;
        return entry;
    }

    private static ProducerStateEntry? ReadKafkaEntry(ref ReadOnlySpan<byte> rest, out string? problem)
    {
        if (rest.Length < KafkaEntrySize)
        {
            problem = "truncated entry";
            return null;
        }

        var entry = new ProducerStateEntry(BinaryPrimitives.ReadInt64BigEndian(rest));
        var lastSeq = BinaryPrimitives.ReadInt32BigEndian(rest[10..]);
        var lastOffset = BinaryPrimitives.ReadInt64BigEndian(rest[14..]);
        var offsetDelta = BinaryPrimitives.ReadInt32BigEndian(rest[22..]);
        var timestamp = BinaryPrimitives.ReadInt64BigEndian(rest[26..]);
        entry.Restore(
            BinaryPrimitives.ReadInt16BigEndian(rest[8..]),
            BinaryPrimitives.ReadInt32BigEndian(rest[34..]),
            timestamp,
            BinaryPrimitives.ReadInt64BigEndian(rest[38..]));
        if (lastOffset >= 0)
        {
            entry.RestoreBatch(new BatchMetadata(lastSeq, lastOffset, offsetDelta, timestamp));
        }

        rest = rest[KafkaEntrySize..];
        problem = null;
        return entry;
    }
}
