using System.Buffers.Binary;
using System.Text;
using Pipeline.Protocol.Records;

namespace Pipeline.Protocol.Tests.Records;

/// <summary>Batches for tests, made with <see cref="RecordBatchBuilder"/>, and ways to damage them.</summary>
internal static class TestBatches
{
    public const long Now = 1_700_000_000_000;

    public static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    /// <summary>Five records like kafka-python's fixtures: headers, a null key, a null value, empty key and value.</summary>
    public static byte[] Mixed(CompressionType compression = CompressionType.None, Action<RecordBatchBuilder>? configure = null)
    {
        using var builder = new RecordBatchBuilder { Compression = compression };
        configure?.Invoke(builder);
        builder.Append(Now, Utf8("key-0"), Utf8("value-0"), [new RecordHeader("trace", Utf8("abc"))]);
        builder.Append(Now + 1, null, Utf8("value-1"));
        builder.Append(Now + 2, Utf8("key-2"), null, [new RecordHeader("h", null), new RecordHeader("k2", Utf8("vv"))]);
        builder.Append(Now + 5, Utf8("key-3"), Utf8(new string('x', 500)));
        builder.Append(Now + 3, [], [], [new RecordHeader("empty", [])]);
        return builder.ToArray();
    }

    public static byte[] Simple(int count, CompressionType compression = CompressionType.None, long timestamp = Now, bool nullKeys = false)
    {
        using var builder = new RecordBatchBuilder { Compression = compression };
        for (var i = 0; i < count; i++)
        {
            builder.Append(timestamp + i, nullKeys ? null : Utf8($"key-{i}"), Utf8($"value-{i}-{new string('v', i % 50)}"));
        }

        return builder.ToArray();
    }

    public static byte[] WithCrc(byte[] batch)
    {
        RecordBatchHeader.UpdateCrc(batch);
        return batch;
    }

    public static byte[] SetInt32(byte[] batch, int offset, int value, bool fixCrc = true)
    {
        BinaryPrimitives.WriteInt32BigEndian(batch.AsSpan(offset), value);
        return fixCrc ? WithCrc(batch) : batch;
    }

    public static byte[] SetInt64(byte[] batch, int offset, long value, bool fixCrc = true)
    {
        BinaryPrimitives.WriteInt64BigEndian(batch.AsSpan(offset), value);
        return fixCrc ? WithCrc(batch) : batch;
    }

    public static byte[] SetAttributes(byte[] batch, short attributes)
    {
        BinaryPrimitives.WriteInt16BigEndian(batch.AsSpan(RecordBatchHeader.AttributesOffset), attributes);
        return WithCrc(batch);
    }

    /// <summary>Replaces the records section (uncompressed batches) and fixes length and CRC.</summary>
    public static byte[] WithSection(byte[] batch, ReadOnlySpan<byte> section)
    {
        var result = new byte[RecordBatchHeader.Size + section.Length];
        batch.AsSpan(0, RecordBatchHeader.Size).CopyTo(result);
        section.CopyTo(result.AsSpan(RecordBatchHeader.Size));
        BinaryPrimitives.WriteInt32BigEndian(result.AsSpan(RecordBatchHeader.BatchLengthOffset), result.Length - RecordBatchHeader.LogOverhead);
        return WithCrc(result);
    }
}
