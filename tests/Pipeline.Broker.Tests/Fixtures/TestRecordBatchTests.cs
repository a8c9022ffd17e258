using System.Text;
using Pipeline.Protocol.Records;
using Pipeline.Testing.Kafka;
using Xunit;

namespace Pipeline.Broker.Tests.Fixtures;

/// <summary>The fault tests trust <see cref="TestRecordBatch"/> as their oracle; check it against
/// the protocol library's reader (two independent implementations must agree).</summary>
public sealed class TestRecordBatchTests
{
    private static readonly TestRecord[] Records =
    [
        TestRecord.Of("k1", "v1", ("h", "x")),
        new(null, [0, 1, 2, 255], [new("bin", [9, 9]), new("null-value", null)]),
        TestRecord.Of("k3", null),
        new(Encoding.UTF8.GetBytes("ü"), new byte[300], []),
    ];

    [Fact]
    public void Build_ReadByProtocolReader_SameRecordsAndValidCrc()
    {
        var batch = TestRecordBatch.Build(Records, baseOffset: 40, timestamp: 1_700_000_000_000, producerId: 7, producerEpoch: 1, baseSequence: 3);

        var header = new RecordBatchHeader(batch);
        Assert.Equal(40, header.BaseOffset);
        Assert.Equal(batch.Length, header.TotalSize);
        Assert.Equal(3, header.LastOffsetDelta);
        Assert.Equal(7, header.ProducerId);
        Assert.Equal(2, header.Magic);
        Assert.Equal(Crc32C.Compute(batch.AsSpan(RecordBatchHeader.AttributesOffset)), header.Crc);

        using var reader = new RecordBatchReader();
        var i = 0;
        foreach (var r in reader.Records(batch))
        {
            var expected = Records[i];
            Assert.Equal(40 + i, r.Offset);
            Assert.Equal(expected.Key is null, r.KeyIsNull);
            Assert.Equal(expected.Key ?? [], r.Key.ToArray());
            Assert.Equal(expected.Value is null, r.ValueIsNull);
            Assert.Equal(expected.Value ?? [], r.Value.ToArray());
            var h = 0;
            foreach (var header2 in r.Headers)
            {
                Assert.Equal(expected.Headers[h].Key, Encoding.UTF8.GetString(header2.Key));
                Assert.Equal(expected.Headers[h].Value is null, header2.ValueIsNull);
                Assert.Equal(expected.Headers[h].Value ?? [], header2.Value.ToArray());
                h++;
            }

            Assert.Equal(expected.Headers.Count, h);
            i++;
        }

        Assert.Equal(Records.Length, i);
    }

    [Fact]
    public void Decode_TwoBatchesAndAPartialOne_ReturnsBothWholeBatchesAndTheirRecords()
    {
        var first = TestRecordBatch.Build(Records[..2], baseOffset: 0);
        var second = TestRecordBatch.Build(Records[2..], baseOffset: 2);
        byte[] set = [.. first, .. second, .. first.AsSpan(0, 30)];

        var batches = TestRecordBatch.Decode(set, out var trailing);

        Assert.Equal(2, batches.Count);
        Assert.Equal(30, trailing);
        Assert.All(batches, b => Assert.True(b.CrcValid));
        Assert.Equal(first.Length, batches[1].Position);
        Assert.Equal(Records, TestRecordBatch.DecodeRecords(set));
        Assert.Equal([0L, 1, 2, 3], TestRecordBatch.DecodeRecords(set).Select(r => r.Offset));
    }

    [Fact]
    public void Decode_FlippedByte_ReportsBadCrcAndNoRecords()
    {
        var batch = TestRecordBatch.Build(Records);
        batch[batch.Length / 2] ^= 0xFF;

        var decoded = Assert.Single(TestRecordBatch.Decode(batch));

        Assert.False(decoded.CrcValid);
        Assert.Null(decoded.Records);
    }
}
