using Pipeline.Storage.Producers;

namespace Pipeline.Storage.Tests.Producers;

public sealed class ProducerStateEntryTests
{
    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(int.MaxValue, 1, 0)]
    [InlineData(int.MaxValue - 1, 3, 1)]
    [InlineData(5, 0, 5)]
    public void Increment_WrapsPastIntMax(int sequence, int increment, int expected) =>
        Assert.Equal(expected, ProducerSequence.Increment(sequence, increment));

    [Theory]
    [InlineData(1, 1, 0)]
    [InlineData(0, 1, int.MaxValue)]
    [InlineData(1, 3, int.MaxValue - 1)]
    public void Decrement_WrapsBelowZero(int sequence, int decrement, int expected) =>
        Assert.Equal(expected, ProducerSequence.Decrement(sequence, decrement));

    [Theory]
    [InlineData(4, 5, true)]
    [InlineData(int.MaxValue, 0, true)]
    [InlineData(-1, 0, true)]
    [InlineData(4, 6, false)]
    [InlineData(4, 4, false)]
    [InlineData(int.MaxValue - 1, 0, false)]
    public void InSequence_IsTheNextSequenceOnly(int last, int next, bool expected) =>
        Assert.Equal(expected, ProducerSequence.InSequence(last, next));

    [Fact]
    public void AddBatch_KeepsTheLastFiveOldestFirst()
    {
        var entry = new ProducerStateEntry(9);
        for (var i = 0; i < 7; i++)
        {
            entry.AddBatch(0, lastSeq: (i * 10) + 9, lastOffset: (i * 100) + 9, offsetDelta: 9, timestamp: i);
        }

        Assert.Equal(5, entry.BatchCount);
        Assert.Equal([20, 30, 40, 50, 60], Enumerable.Range(0, 5).Select(i => entry.BatchAt(i).FirstSeq));
        Assert.Equal(20, entry.FirstSeq);
        Assert.Equal(69, entry.LastSeq);
        Assert.Equal(200, entry.FirstDataOffset);
        Assert.Equal(609, entry.LastDataOffset);
        Assert.Equal(6, entry.LastTimestamp);
        Assert.False(entry.TryFindDuplicate(0, 10, 19, out _));
        Assert.True(entry.TryFindDuplicate(0, 20, 29, out var original));
        Assert.Equal(200, original.FirstOffset);
    }

    [Fact]
    public void AddBatch_WithANewEpoch_ForgetsTheOldEpochsBatches()
    {
        var entry = new ProducerStateEntry(9);
        entry.AddBatch(0, 4, 4, 4, 1);
        entry.AddBatch(0, 9, 9, 4, 2);

        entry.AddBatch(1, 1, 11, 1, 3);

        Assert.Equal(1, entry.ProducerEpoch);
        Assert.Equal(1, entry.BatchCount);
        Assert.False(entry.TryFindDuplicate(0, 5, 9, out _));
        Assert.False(entry.TryFindDuplicate(1, 5, 9, out _));
    }

    [Fact]
    public void TryFindDuplicate_NeedsTheSameEpochAndExactRange()
    {
        var entry = new ProducerStateEntry(9);
        entry.AddBatch(3, 9, 109, 4, 1);

        Assert.True(entry.TryFindDuplicate(3, 5, 9, out _));
        Assert.False(entry.TryFindDuplicate(2, 5, 9, out _));
        Assert.False(entry.TryFindDuplicate(3, 5, 8, out _));
        Assert.False(entry.TryFindDuplicate(3, 6, 9, out _));
    }

    [Fact]
    public void BatchMetadata_FirstSequence_WrapsBelowZero()
    {
        var batch = new BatchMetadata(LastSeq: 1, LastOffset: 10, OffsetDelta: 3, Timestamp: 0);

        Assert.Equal(int.MaxValue - 1, batch.FirstSeq);
        Assert.Equal(7, batch.FirstOffset);
    }
}
