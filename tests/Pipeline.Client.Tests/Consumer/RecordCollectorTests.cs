using System.Text;
using Pipeline.Client.Config;
using Pipeline.Client.Consumer;
using Pipeline.Client.Consumer.Fetching;
using Pipeline.Client.Serialization;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using Pipeline.Protocol.Records;

namespace Pipeline.Client.Tests.Consumer;

/// <summary>Turning fetched batches into consume results, with hand-made batches (transactions included, which the broker cannot write yet).</summary>
public sealed class RecordCollectorTests
{
    private static readonly TopicPartition Tp = new("t", 0);

    private sealed class Setup<TKey, TValue>
    {
        public Setup(ConsumerOptions options, IDeserializer<TKey> keys, IDeserializer<TValue> values)
        {
            Subscriptions.AssignManually();
            State = Subscriptions.Add([Tp], PositionNeed.None, AutoOffsetReset.Earliest)[0];
            State.MoveTo(0, -1);
            Collector = new RecordCollector<TKey, TValue>(options, Subscriptions, Completed, keys, values, () => { });
        }

        public SubscriptionState Subscriptions { get; } = new();

        public PartitionState State { get; }

        public CompletedFetches Completed { get; } = new();

        public RecordCollector<TKey, TValue> Collector { get; }

        public void Fetched(byte[] records, long fetchOffset = 0, List<FetchResponse.AbortedTransaction>? aborted = null)
        {
            Completed.Add(new CompletedFetch(State, State.Epoch, null, records, fetchOffset, 100, aborted));
            State.Buffered++;
        }

        public List<ConsumeResult<TKey, TValue>> TakeAll()
        {
            var list = new List<ConsumeResult<TKey, TValue>>();
            while (true)
            {
                if (!Collector.TryTake(out var r))
                {
                    Collector.Drain();
                    if (!Collector.TryTake(out r))
                    {
                        return list;
                    }
                }

                list.Add(r!);
            }
        }
    }

    private static Setup<string?, string?> Strings(ConsumerOptions? options = null) => new(options ?? ConsumerOptions.Default, Deserializers.Utf8, Deserializers.Utf8);

    private static byte[] Batch(long baseOffset, int count, long producerId = -1, bool transactional = false, CompressionType compression = CompressionType.None)
    {
        using var b = new RecordBatchBuilder { BaseOffset = baseOffset, ProducerId = producerId, IsTransactional = transactional, Compression = compression, BaseSequence = producerId < 0 ? -1 : 0 };
        for (var i = 0; i < count; i++)
        {
            b.Append(1000 + baseOffset + i, Encoding.UTF8.GetBytes("k"), Encoding.UTF8.GetBytes((baseOffset + i).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return b.ToArray();
    }

    private static byte[] Marker(long offset, long producerId, ControlRecordType type)
    {
        using var b = new RecordBatchBuilder { BaseOffset = offset, ProducerId = producerId, IsTransactional = true };
        b.AppendEndTransactionMarker(type, 0, 5000);
        return b.ToArray();
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    // Offsets: 0-2 aborted transaction of producer 7, 3-4 plain, 5 ABORT marker, 6-8 committed transaction, 9 COMMIT marker.
    private static byte[] TransactionalLog() => Concat(
        Batch(0, 3, producerId: 7, transactional: true), Batch(3, 2), Marker(5, 7, ControlRecordType.Abort),
        Batch(6, 3, producerId: 7, transactional: true), Marker(9, 7, ControlRecordType.Commit));

    [Fact]
    public void Drain_ReadCommitted_SkipsAbortedTransactionsAndControlRecords()
    {
        var s = Strings(ConsumerOptions.Default with { IsolationLevel = IsolationLevel.ReadCommitted });
        s.Fetched(TransactionalLog(), aborted: [new FetchResponse.AbortedTransaction { ProducerId = 7, FirstOffset = 0 }]);

        var got = s.TakeAll();

        Assert.Equal(["3", "4", "6", "7", "8"], got.Select(r => r.Message!.Value));
        Assert.Equal(10, s.State.Position);
        Assert.Equal(10, s.State.StoredOffset);
        Assert.Equal(0, s.State.Buffered);
    }

    [Fact]
    public void Drain_ReadUncommitted_SeesAbortedRecordsButNeverControlRecords()
    {
        var s = Strings();
        s.Fetched(TransactionalLog());

        Assert.Equal(["0", "1", "2", "3", "4", "6", "7", "8"], s.TakeAll().Select(r => r.Message!.Value));
        Assert.Equal(10, s.State.Position);
    }

    [Fact]
    public void Drain_MaxPollRecordsInsideACompressedBatch_ResumesWhereItStopped()
    {
        var s = Strings(ConsumerOptions.Default with { MaxPollRecords = 2 });
        s.Fetched(Concat(Batch(0, 5, compression: CompressionType.Gzip), Batch(5, 1)));

        s.Collector.Drain();
        Assert.True(s.Collector.TryTake(out var first));
        Assert.Equal(0, first!.Offset);
        Assert.Equal(1, s.State.Position);

        var rest = s.TakeAll();
        Assert.Equal([1L, 2, 3, 4, 5], rest.Select(r => r.Offset));
        Assert.Equal(6, s.State.Position);
        Assert.Equal(1000 + 4, rest[3].Message!.Timestamp.UnixTimestampMs);
    }

    [Fact]
    public void Drain_FetchOffsetInsideABatch_SkipsTheRecordsBeforeIt()
    {
        var s = Strings();
        s.State.MoveTo(3, -1);
        s.Fetched(Batch(0, 5, compression: CompressionType.Snappy), fetchOffset: 3);

        Assert.Equal([3L, 4], s.TakeAll().Select(r => r.Offset));
    }

    [Fact]
    public void TryTake_AfterTheEpochMoved_DropsWhatWasDrainedForTheOldPosition()
    {
        var s = Strings();
        s.Fetched(Batch(0, 5));
        s.Collector.Drain();
        Assert.True(s.Collector.TryTake(out _));

        s.State.MoveTo(40, -1);
        Assert.False(s.Collector.TryTake(out _));
        Assert.Equal(40, s.State.Position);
    }

    [Fact]
    public void Drain_CorruptBatch_ThrowsOnceAndMovesPastIt()
    {
        var s = Strings();
        var bad = Batch(0, 2);
        bad[^1] ^= 0xFF;
        s.Fetched(Concat(bad, Batch(2, 1)));

        s.Collector.Drain();
        var e = Assert.Throws<ConsumeException>(() => s.Collector.TryTake(out _));
        Assert.Equal(ErrorCode.CorruptMessage, e.Code);
        Assert.Equal(["2"], s.TakeAll().Select(r => r.Message!.Value));
    }

    [Fact]
    public void Drain_AllocatesOnlyTheResultsAndMessagesPerRecord()
    {
        var s = new Setup<Ignore?, Ignore?>(ConsumerOptions.Default with { MaxPollRecords = 1000 }, Deserializers.Ignore, Deserializers.Ignore);
        var log = Batch(0, 1000, compression: CompressionType.Lz4);
        s.Fetched(log);
        Assert.Equal(1000, s.TakeAll().Count);

        // Warm: same records again (reader buffers and the ready list have grown already).
        s.State.MoveTo(0, -1);
        s.Fetched(log);
        var before = GC.GetAllocatedBytesForCurrentThread();
        s.Collector.Drain();
        var n = 0;
        while (s.Collector.TryTake(out _))
        {
            n++;
        }

        var perRecord = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)n;
        Assert.Equal(1000, n);

        // A ConsumeResult and a Message are about 100 bytes together; nothing else may be allocated per record.
        Assert.True(perRecord < 140, $"{perRecord:F1} bytes per record");
    }
}
