using System.Buffers.Binary;
using System.Text;
using Pipeline.Protocol.Records;

namespace Pipeline.Testing.Kafka;

/// <summary>
/// A minimal, independent encoder and decoder of uncompressed record batches (magic 2), written
/// straight from the format description so tests have an oracle that does not share code with the
/// broker's record handling. Not for production: it allocates freely.
/// <code>
/// 0 baseOffset int64 | 8 batchLength int32 | 12 partitionLeaderEpoch int32 | 16 magic int8
/// 17 crc uint32 (CRC-32C of bytes 21..end) | 21 attributes int16 | 23 lastOffsetDelta int32
/// 27 baseTimestamp int64 | 35 maxTimestamp int64 | 43 producerId int64 | 51 producerEpoch int16
/// 53 baseSequence int32 | 57 recordCount int32 | 61 records...
/// record: length varint | attributes int8 | timestampDelta varlong | offsetDelta varint |
///         keyLength varint (-1 = null) key | valueLength varint value | headerCount varint
///         { keyLength varint key | valueLength varint value }
/// </code>
/// </summary>
public static class TestRecordBatch
{
    public const int HeaderSize = 61;

    /// <summary>Encodes <paramref name="records"/> as one batch with offsets 0..n-1 (the broker assigns real ones).</summary>
    public static byte[] Build(
        IReadOnlyList<TestRecord> records,
        long baseOffset = 0,
        long? timestamp = null,
        long producerId = -1,
        short producerEpoch = -1,
        int baseSequence = -1,
        int partitionLeaderEpoch = -1,
        short attributes = 0)
    {
        if (records.Count == 0)
        {
            throw new ArgumentException("a batch needs at least one record", nameof(records));
        }

        var ts = timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var body = new List<byte>();
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            var rec = new List<byte> { 0 };
            TestVarints.WriteVarLong(rec, 0);
            TestVarints.WriteVarLong(rec, i);
            TestVarints.WriteNullableBytes(rec, r.Key);
            TestVarints.WriteNullableBytes(rec, r.Value);
            TestVarints.WriteVarLong(rec, r.Headers.Count);
            foreach (var (k, v) in r.Headers)
            {
                TestVarints.WriteNullableBytes(rec, Encoding.UTF8.GetBytes(k));
                TestVarints.WriteNullableBytes(rec, v);
            }

            TestVarints.WriteVarLong(body, rec.Count);
            body.AddRange(rec);
        }

        var batch = new byte[HeaderSize + body.Count];
        var s = batch.AsSpan();
        BinaryPrimitives.WriteInt64BigEndian(s, baseOffset);
        BinaryPrimitives.WriteInt32BigEndian(s[8..], batch.Length - 12);
        BinaryPrimitives.WriteInt32BigEndian(s[12..], partitionLeaderEpoch);
        s[16] = 2;
        BinaryPrimitives.WriteInt16BigEndian(s[21..], attributes);
        BinaryPrimitives.WriteInt32BigEndian(s[23..], records.Count - 1);
        BinaryPrimitives.WriteInt64BigEndian(s[27..], ts);
        BinaryPrimitives.WriteInt64BigEndian(s[35..], ts);
        BinaryPrimitives.WriteInt64BigEndian(s[43..], producerId);
        BinaryPrimitives.WriteInt16BigEndian(s[51..], producerEpoch);
        BinaryPrimitives.WriteInt32BigEndian(s[53..], baseSequence);
        BinaryPrimitives.WriteInt32BigEndian(s[57..], records.Count);
        body.CopyTo(batch, HeaderSize);
        BinaryPrimitives.WriteUInt32BigEndian(s[17..], Crc32C.Compute(s[21..]));
        return batch;
    }

    /// <summary>
    /// Splits a record set (a fetch response's records, or a whole .log file) into batches. A
    /// trailing partial batch (fetch responses may end with one) is ignored and reported through
    /// <paramref name="trailingBytes"/>. Compressed batches are returned with their header only.
    /// </summary>
    public static IReadOnlyList<DecodedBatch> Decode(ReadOnlySpan<byte> recordSet, out int trailingBytes)
    {
        var batches = new List<DecodedBatch>();
        var position = 0;
        while (recordSet.Length - position >= 12)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(recordSet[(position + 8)..]);
            if (length < HeaderSize - 12 || recordSet.Length - position - 12 < length)
            {
                break;
            }

            batches.Add(DecodeOne(recordSet.Slice(position, length + 12), position));
            position += length + 12;
        }

        trailingBytes = recordSet.Length - position;
        return batches;
    }

    public static IReadOnlyList<DecodedBatch> Decode(ReadOnlySpan<byte> recordSet) => Decode(recordSet, out _);

    /// <summary>Every record of every batch, in order (throws for a compressed batch).</summary>
    public static IReadOnlyList<TestRecord> DecodeRecords(ReadOnlySpan<byte> recordSet)
    {
        var all = new List<TestRecord>();
        foreach (var b in Decode(recordSet))
        {
            all.AddRange(b.Records ?? throw new NotSupportedException($"batch at offset {b.BaseOffset} is compressed ({b.Compression}); this decoder reads uncompressed batches only"));
        }

        return all;
    }

    private static DecodedBatch DecodeOne(ReadOnlySpan<byte> b, int position)
    {
        var baseOffset = BinaryPrimitives.ReadInt64BigEndian(b);
        var attributes = BinaryPrimitives.ReadInt16BigEndian(b[21..]);
        var baseTimestamp = BinaryPrimitives.ReadInt64BigEndian(b[27..]);
        var count = BinaryPrimitives.ReadInt32BigEndian(b[57..]);
        var crcValid = b[16] == 2 && BinaryPrimitives.ReadUInt32BigEndian(b[17..]) == Crc32C.Compute(b[21..]);
        List<TestRecord>? records = null;
        if ((attributes & 0x07) == 0 && crcValid)
        {
            records = [];
            var p = HeaderSize;
            for (var i = 0; i < count; i++)
            {
                var length = (int)TestVarints.ReadVarLong(b, ref p);
                var end = p + length;
                p++; // attributes
                var tsDelta = TestVarints.ReadVarLong(b, ref p);
                var offsetDelta = TestVarints.ReadVarLong(b, ref p);
                var key = TestVarints.ReadNullableBytes(b, ref p);
                var value = TestVarints.ReadNullableBytes(b, ref p);
                var headerCount = (int)TestVarints.ReadVarLong(b, ref p);
                var headers = new List<KeyValuePair<string, byte[]?>>(headerCount);
                for (var h = 0; h < headerCount; h++)
                {
                    var hk = TestVarints.ReadNullableBytes(b, ref p) ?? [];
                    headers.Add(new(Encoding.UTF8.GetString(hk), TestVarints.ReadNullableBytes(b, ref p)));
                }

                if (p != end)
                {
                    throw new InvalidDataException($"record {i} of the batch at offset {baseOffset} declares {length} bytes but uses {length + p - end}");
                }

                records.Add(new TestRecord(key, value, headers, baseOffset + offsetDelta, baseTimestamp + tsDelta));
            }
        }

        return new DecodedBatch(
            position,
            baseOffset,
            BinaryPrimitives.ReadInt32BigEndian(b[23..]),
            b.Length,
            (sbyte)b[16],
            attributes,
            count,
            BinaryPrimitives.ReadInt64BigEndian(b[43..]),
            BinaryPrimitives.ReadInt16BigEndian(b[51..]),
            BinaryPrimitives.ReadInt32BigEndian(b[53..]),
            crcValid,
            records);
    }
}
