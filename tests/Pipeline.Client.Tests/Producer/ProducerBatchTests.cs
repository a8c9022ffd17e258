using System.Text;
using Pipeline.Client.Producer;
using Pipeline.Protocol;
using Pipeline.Protocol.Compression;
using Pipeline.Protocol.Records;

namespace Pipeline.Client.Tests.Producer;

public sealed class ProducerBatchTests
{
    private static readonly TopicPartition Tp = new("t", 0);

    [Fact]
    public void Build_Uncompressed_DecodesWithTheProtocolReader()
    {
        var memory = new BufferMemory(1 << 20);
        var batch = NewBatch(memory, 16384);
        var headers = new Headers { { "h1", "x" }, { "h2", (byte[]?)null } };
        Assert.True(batch.TryAppend(1000, "k0"u8, false, "v0"u8, false, headers, null, null));
        Assert.True(batch.TryAppend(990, default, true, "v1"u8, false, null, null, null));
        Assert.True(batch.TryAppend(1005, "k2"u8, false, default, true, null, null, null));
        batch.Close();
        batch.Build(CompressionType.None, CompressionCodecs.DefaultLevel);

        var bytes = batch.Built.Span;
        var header = new RecordBatchHeader(bytes);
        Assert.True(RecordBatchHeader.IsCrcValid(bytes));
        Assert.Equal(bytes.Length, header.TotalSize);
        Assert.Equal(2, header.Magic);
        Assert.Equal(3, header.RecordsCount);
        Assert.Equal(2, header.LastOffsetDelta);
        Assert.Equal(1000, header.BaseTimestamp);
        Assert.Equal(1005, header.MaxTimestamp);
        Assert.Equal(-1, header.ProducerId);
        Assert.Equal(-1, header.BaseSequence);
        Assert.Equal(-1, header.PartitionLeaderEpoch);

        using var reader = new RecordBatchReader();
        var records = new List<(long Offset, long Timestamp, string? Key, string? Value, int Headers)>();
        foreach (var r in reader.Records(bytes))
        {
            records.Add((r.Offset, r.Timestamp, r.KeyIsNull ? null : Encoding.UTF8.GetString(r.Key), r.ValueIsNull ? null : Encoding.UTF8.GetString(r.Value), r.HeaderCount));
        }

        Assert.Equal([(0L, 1000L, "k0", "v0", 2), (1L, 990L, null, "v1", 0), (2L, 1005L, "k2", null, 0)], records);
        var decodedHeaders = new List<(string, string?)>();
        foreach (var r in reader.Records(bytes))
        {
            foreach (var h in r.Headers)
            {
                decodedHeaders.Add((Encoding.UTF8.GetString(h.Key), h.ValueIsNull ? null : Encoding.UTF8.GetString(h.Value)));
            }

            break;
        }

        Assert.Equal([("h1", "x"), ("h2", null)], decodedHeaders);
        batch.Release(memory);
        Assert.Equal(1 << 20, memory.Available);
    }

    [Theory]
    [InlineData(CompressionType.Gzip)]
    [InlineData(CompressionType.Snappy)]
    [InlineData(CompressionType.Lz4)]
    [InlineData(CompressionType.Zstd)]
    public void Build_Compressed_SetsTheCodecAndRoundTrips(CompressionType codec)
    {
        var memory = new BufferMemory(1 << 20);
        var batch = NewBatch(memory, 1 << 16);
        for (var i = 0; i < 100; i++)
        {
            Assert.True(batch.TryAppend(5000 + i, Encoding.UTF8.GetBytes("key-" + i), false, Encoding.UTF8.GetBytes(new string('x', 50) + i), false, null, null, null));
        }

        batch.Build(codec, CompressionCodecs.DefaultLevel);
        var bytes = batch.Built.Span;
        var header = new RecordBatchHeader(bytes);
        Assert.Equal(codec, header.Compression);
        Assert.True(RecordBatchHeader.IsCrcValid(bytes));
        Assert.True(bytes.Length < batch.EstimatedSize, "the repetitive records should compress");
        using var reader = new RecordBatchReader();
        var n = 0;
        foreach (var r in reader.Records(bytes))
        {
            Assert.Equal("key-" + n, Encoding.UTF8.GetString(r.Key));
            Assert.Equal(n, r.Offset);
            n++;
        }

        Assert.Equal(100, n);
        batch.Release(memory);
    }

    [Fact]
    public void SetProducerState_AfterBuild_RewritesFieldsAndCrc()
    {
        var memory = new BufferMemory(1 << 20);
        var batch = NewBatch(memory, 16384);
        batch.TryAppend(1, "a"u8, false, "b"u8, false, null, null, null);
        batch.TryAppend(1, "a"u8, false, "b"u8, false, null, null, null);
        batch.Build(CompressionType.None, CompressionCodecs.DefaultLevel);
        batch.SetProducerState(42, 3, 17);
        var header = new RecordBatchHeader(batch.Built.Span);
        Assert.Equal(42, header.ProducerId);
        Assert.Equal(3, header.ProducerEpoch);
        Assert.Equal(17, header.BaseSequence);
        Assert.Equal(18, batch.LastSequence);
        Assert.True(RecordBatchHeader.IsCrcValid(batch.Built.Span));
        batch.ClearSequence();
        Assert.False(batch.HasSequence);
        Assert.Equal(-1, new RecordBatchHeader(batch.Built.Span).BaseSequence);
        batch.Release(memory);
    }

    [Fact]
    public void LastSequence_WrapsAfterIntMax()
    {
        var memory = new BufferMemory(1 << 20);
        var batch = NewBatch(memory, 16384);
        for (var i = 0; i < 3; i++)
        {
            batch.TryAppend(1, default, true, "v"u8, false, null, null, null);
        }

        batch.SetProducerState(1, 0, int.MaxValue - 1);
        Assert.Equal(0, batch.LastSequence);
        batch.Release(memory);
    }

    [Fact]
    public void TryAppend_PastBatchSize_RefusesButTheFirstRecordAlwaysFits()
    {
        var memory = new BufferMemory(1 << 20);
        var batch = NewBatch(memory, 200);
        var big = new byte[500];
        Assert.True(batch.TryAppend(1, default, true, big, false, null, null, null));
        Assert.True(batch.IsFull);
        Assert.False(batch.TryAppend(1, default, true, "x"u8, false, null, null, null));
        batch.Close();
        Assert.False(batch.TryAppend(1, default, true, "x"u8, false, null, null, null));
        batch.Release(memory);
    }

    [Fact]
    public void TryAppend_IntoAnOpenBatch_AllocatesNothing()
    {
        var memory = new BufferMemory(1 << 24);
        var batch = NewBatch(memory, 1 << 22);
        var key = new byte[16];
        var value = new byte[100];
        var headers = new Headers { { "trace", "abc" } };
        batch.TryAppend(1, key, false, value, false, headers, null, null);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            batch.TryAppend(1 + i, key, false, value, false, headers, null, null);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        batch.Release(memory);
    }

    internal static ProducerBatch NewBatch(BufferMemory memory, int sizeLimit)
    {
        var reserve = Math.Max(sizeLimit, 1024);
        return new ProducerBatch(Tp, memory.Allocate(reserve, TimeSpan.Zero), reserve, sizeLimit, 0);
    }
}
