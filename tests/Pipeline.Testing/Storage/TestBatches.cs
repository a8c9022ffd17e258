using System.Buffers.Binary;
using System.Text;
using Pipeline.Protocol.Records;
using Pipeline.Testing.Kafka;

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
            TestVarints.WriteVarLong(rec, r.Timestamp - baseTs);
            TestVarints.WriteVarLong(rec, delta);
            TestVarints.WriteNullableBytes(rec, r.Key);
            TestVarints.WriteNullableBytes(rec, r.Value);
            TestVarints.WriteVarLong(rec, 0);
            TestVarints.WriteVarLong(body, rec.Count);
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
                var length = (int)TestVarints.ReadVarLong(body, ref pos);
                var end = pos + length;
                pos++;
                var tsDelta = TestVarints.ReadVarLong(body, ref pos);
                var offDelta = TestVarints.ReadVarLong(body, ref pos);
                var key = TestVarints.ReadNullableBytes(body, ref pos);
                var value = TestVarints.ReadNullableBytes(body, ref pos);
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

}

public sealed record BatchSummary(long BaseOffset, long LastOffset, int Count, long MaxTimestamp, int LeaderEpoch, long ProducerId, int BaseSequence, short Attributes, long BaseTimestamp, bool CrcValid);

public sealed record DecodedRecord(long Offset, long Timestamp, byte[]? Key, byte[]? Value)
{
    public string? KeyString => Key is null ? null : Encoding.UTF8.GetString(Key);

    public string? ValueString => Value is null ? null : Encoding.UTF8.GetString(Value);
}
