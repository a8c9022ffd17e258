using Pipeline.Protocol.Records;
using Xunit;

namespace Pipeline.Protocol.Tests.Records;

public class RecordBatchIteratorTests
{
    [Fact]
    public void MoveNext_ConcatenatedBatchesWithAPartialTail_YieldsTheCompleteOnes()
    {
        var a = TestBatches.Simple(2);
        var b = TestBatches.Simple(3, CompressionType.Gzip);
        byte[] data = [.. a, .. b, .. a[..30]];

        var sizes = new List<int>();
        var iterator = new RecordBatchIterator(data);
        while (iterator.MoveNext())
        {
            sizes.Add(iterator.Current.Length);
            Assert.True(RecordBatchHeader.IsCrcValid(iterator.Current));
        }

        Assert.Equal([a.Length, b.Length], sizes);
        Assert.Equal(a.Length + b.Length, iterator.ValidBytes);
    }

    [Fact]
    public void MoveNext_LengthBelowAnyMessage_Throws()
    {
        var data = TestBatches.SetInt32(TestBatches.Simple(1), RecordBatchHeader.BatchLengthOffset, 3, fixCrc: false);

        Assert.Throws<CorruptRecordException>(() =>
        {
            var iterator = new RecordBatchIterator(data);
            iterator.MoveNext();
        });
    }

    [Fact]
    public void Foreach_LegacyMessageSet_SplitsEachMessage()
    {
        var count = 0;
        foreach (var message in new RecordBatchIterator(KafkaPythonBatches.LegacyV1None))
        {
            Assert.Equal(1, message[RecordBatchHeader.MagicOffset]);
            count++;
        }

        Assert.Equal(3, count);
    }
}
