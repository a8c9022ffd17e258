using System.Buffers.Binary;
using System.Text;
using Pipeline.Protocol.Records;

namespace Pipeline.Testing.Storage;

/// <summary>
/// Test-only encoder and decoder of uncompressed record batches v2 (reference section 5), so
/// storage tests do not depend on the protocol's builder. Offsets in built batches start at
/// <c>baseOffset</c> (0 for produce-style batches; the log assigns the real one).
/// </summary>
public static class TestBatches
{
    public static byte[] Build(
        IReadOnlyList<TestRecord> records,
        long baseOffset = 0,
        long producerId = -1,
        short producerEpoch = -1,
        int baseSequence = -1,
        int leaderEpoch = -1,
        bool transactional = false,
        int? lastOffsetDelta = null,
        short extraAttributes = 0,
        long? baseTimestamp = null)
    {
        var body = new List<byte>();
        long firstTs = records.Count > 0 ? records[0].Timestamp : -1;
        var baseTs = baseTimestamp ?? firstTs;
        long maxTs = -1;
        var lastDelta = 0;
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            var delta = r.OffsetDelta ?? i;
            lastDelta = Math.Max(lastDelta, delta);
            maxTs = Math.Max(maxTs, r.Timestamp);
            var rec = new List<byte> { 0 };
            WriteVarLong(rec, r.Timestamp - baseTs);
            WriteVarLong(rec, delta);
            WriteBytes(rec, r.Key);
            WriteBytes(rec, r.Value);
            WriteVarLong(rec, 0);
            WriteVarLong(body, rec.Count);
            body.AddRange(rec);
        }

        var batch = new byte[RecordBatchHeader.Size + body.Count];
        var b = batch.AsSpan();
        BinaryPrimitives.WriteInt64BigEndian(b, baseOffset);
        BinaryPrimitives.WriteInt32BigEndian(b[8..], batch.Length - RecordBatchHeader.LogOverhead);
        BinaryPrimitives.WriteInt32BigEndian(b[12..], leaderEpoch);
        b[16] = 2;
        var attributes = (short)((ushort)(transactional ? RecordBatchHeader.TransactionalFlag : 0) | (ushort)extraAttributes);
        BinaryPrimitives.WriteInt16BigEndian(b[21..], attributes);
        BinaryPrimitives.WriteInt32BigEndian(b[23..], lastOffsetDelta ?? (records.Count == 0 ? 0 : lastDelta));
        BinaryPrimitives.WriteInt64BigEndian(b[27..], baseTs);
        BinaryPrimitives.WriteInt64BigEndian(b[35..], maxTs);
        BinaryPrimitives.WriteInt64BigEndian(b[43..], producerId);
        BinaryPrimitives.WriteInt16BigEndian(b[51..], producerEpoch);
        BinaryPrimitives.WriteInt32BigEndian(b[53..], baseSequence);
        BinaryPrimitives.WriteInt32BigEndian(b[57..], records.Count);
        body.CopyTo(batch, RecordBatchHeader.Size);
        RecordBatchHeader.UpdateCrc(batch);
        return batch;
    }

    /// <summary><paramref name="count"/> records with keys k0.. and values of <paramref name="valueSize"/> bytes.</summary>
    public static byte[] Simple(int count, long timestamp, int valueSize = 16, string keyPrefix = "k")
    {
        var records = new TestRecord[count];
        for (var i = 0; i < count; i++)
        {
            var value = new byte[valueSize];
            value.AsSpan().Fill((byte)('a' + (i % 26)));
            records[i] = new TestRecord(Encoding.UTF8.GetBytes(keyPrefix + i), value, timestamp + i);
        }

        return Build(records);
    }

    public static byte[] KeyValue(string key, string? value, long timestamp) =>
        Build([new TestRecord(Encoding.UTF8.GetBytes(key), value is null ? null : Encoding.UTF8.GetBytes(value), timestamp)]);

    /// <summary>Headers of the concatenated batches in <paramref name="data"/> (whole batches only).</summary>
    public static List<BatchSummary> Summaries(ReadOnlySpan<byte> data)
    {
        var result = new List<BatchSummary>();
        while (data.Length >= RecordBatchHeader.Size)
        {
            var h = new RecordBatchHeader(data);
            if (h.TotalSize > data.Length)
            {
                break;
            }

            result.Add(new BatchSummary(h.BaseOffset, h.LastOffset, h.RecordsCount, h.MaxTimestamp, h.PartitionLeaderEpoch, h.ProducerId, h.BaseSequence, h.Attributes, h.BaseTimestamp, RecordBatchHeader.IsCrcValid(data[..h.TotalSize])));
            data = data[h.TotalSize..];
        }

        return result;
    }

    /// <summary>Every record of the uncompressed batches in <paramref name="data"/>.</summary>
    public static List<DecodedRecord> Records(ReadOnlySpan<byte> data)
    {
        var result = new List<DecodedRecord>();
        while (data.Length >= RecordBatchHeader.Size)
        {
            var h = new RecordBatchHeader(data);
            var body = data[RecordBatchHeader.Size..h.TotalSize];
            var pos = 0;
            for (var i = 0; i < h.RecordsCount; i++)
            {
                var length = (int)ReadVarLong(body, ref pos);
                var end = pos + length;
                pos++;
                var tsDelta = ReadVarLong(body, ref pos);
                var offDelta = ReadVarLong(body, ref pos);
                var key = ReadBytes(body, ref pos);
                var value = ReadBytes(body, ref pos);
                pos = end;
                var ts = h.IsLogAppendTime ? h.MaxTimestamp : h.BaseTimestamp + tsDelta;
                if (h.HasDeleteHorizon)
                {
                    ts = h.BaseTimestamp + tsDelta;
                }

                result.Add(new DecodedRecord(h.BaseOffset + offDelta, ts, key, value));
            }

            data = data[h.TotalSize..];
        }

        return result;
    }

    private static void WriteBytes(List<byte> to, byte[]? bytes)
    {
        if (bytes is null)
        {
            WriteVarLong(to, -1);
            return;
        }

        WriteVarLong(to, bytes.Length);
        to.AddRange(bytes);
    }

    private static void WriteVarLong(List<byte> to, long value)
    {
        var v = (ulong)((value << 1) ^ (value >> 63));
        while (v >= 0x80)
        {
            to.Add((byte)(v | 0x80));
            v >>= 7;
        }

        to.Add((byte)v);
    }

    private static long ReadVarLong(ReadOnlySpan<byte> data, ref int pos)
    {
        ulong v = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[pos++];
            v |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return (long)(v >> 1) ^ -(long)(v & 1);
            }
        }
    }

    private static byte[]? ReadBytes(ReadOnlySpan<byte> data, ref int pos)
    {
        var length = (int)ReadVarLong(data, ref pos);
        if (length < 0)
        {
            return null;
        }

        var bytes = data.Slice(pos, length).ToArray();
        pos += length;
        return bytes;
    }
}

public sealed record BatchSummary(long BaseOffset, long LastOffset, int Count, long MaxTimestamp, int LeaderEpoch, long ProducerId, int BaseSequence, short Attributes, long BaseTimestamp, bool CrcValid);

public sealed record DecodedRecord(long Offset, long Timestamp, byte[]? Key, byte[]? Value)
{
    public string? KeyString => Key is null ? null : Encoding.UTF8.GetString(Key);

    public string? ValueString => Value is null ? null : Encoding.UTF8.GetString(Value);
}
