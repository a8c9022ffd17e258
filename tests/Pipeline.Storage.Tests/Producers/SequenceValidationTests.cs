using Pipeline.Protocol;
using Pipeline.Protocol.Records;
using Pipeline.Testing.Storage;

namespace Pipeline.Storage.Tests.Producers;

/// <summary>The idempotent producer's checks on leader appends (reference 9.1, Kafka's ProducerAppendInfo).</summary>
public sealed class SequenceValidationTests : IAsyncLifetime
{
    private const long Pid = 1000;
    private readonly StorageTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _ctx.DisposeAsync().AsTask();

    [Theory]
    [InlineData(0)]
    [InlineData(42)]
    public async Task FirstBatch_OfAnUnknownProducer_IsAcceptedWithAnySequence(int sequence)
    {
        var log = await _ctx.CreateLogAsync();

        var info = log.AppendOk(ProducerBatches.Idempotent(Pid, 0, sequence));

        Assert.Equal(0, info.FirstOffset);
        Assert.Equal(1, log.ProducerIdCount);
    }

    [Fact]
    public async Task NextSequence_IsAppended()
    {
        var log = await _ctx.CreateLogAsync();
        log.AppendOk(ProducerBatches.Idempotent(Pid, 0, 0, count: 3));

        var info = log.AppendOk(ProducerBatches.Idempotent(Pid, 0, 3, count: 2));

        Assert.Equal(3, info.FirstOffset);
        Assert.Equal(5, log.LogEndOffset);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Duplicate_OfEachOfTheLastFiveBatches_IsAnsweredWithTheOriginalOffsetsAndNotWritten(int which)
    {
        var log = await _ctx.CreateLogAsync();
        log.AppendOk(TestBatches.Simple(3, _ctx.NowMs));
        var originals = new List<(byte[] Batch, long First, long Last)>();
        for (var i = 0; i < 5; i++)
        {
            var batch = ProducerBatches.Idempotent(Pid, 0, i * 2, count: 2, timestamp: ProducerBatches.Now + i);
            var info = log.AppendOk((byte[])batch.Clone());
            originals.Add((batch, info.FirstOffset, info.LastOffset));
        }

        var end = log.LogEndOffset;
        var size = log.SizeInBytes;

        var retry = log.AppendAsLeader(originals[which].Batch, 0);

        Assert.Equal(ErrorCode.None, retry.Error);
        Assert.True(retry.IsDuplicate);
        Assert.Equal(originals[which].First, retry.FirstOffset);
        Assert.Equal(originals[which].Last, retry.LastOffset);
        Assert.Equal(ProducerBatches.Now + which, retry.LogAppendTime);
        Assert.Equal(end, log.LogEndOffset);
        Assert.Equal(size, log.SizeInBytes);
    }

    [Fact]
    public async Task Retry_OfABatchOlderThanTheLastFive_IsOutOfOrder()
    {
        var log = await _ctx.CreateLogAsync();
        var first = ProducerBatches.Idempotent(Pid, 0, 0);
        log.AppendOk((byte[])first.Clone());
        for (var i = 1; i <= 5; i++)
        {
            log.AppendOk(ProducerBatches.Idempotent(Pid, 0, i * 2));
        }

        var retry = log.AppendAsLeader(first, 0);

        Assert.Equal(ErrorCode.OutOfOrderSequenceNumber, retry.Error);
        Assert.False(retry.IsDuplicate);
        Assert.Equal(12, log.LogEndOffset);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(1)]
    [InlineData(100)]
    public async Task SequenceThatDoesNotFollowTheLast_IsOutOfOrderAndNothingIsWritten(int sequence)
    {
        var log = await _ctx.CreateLogAsync();
        log.AppendOk(ProducerBatches.Idempotent(Pid, 0, 0, count: 2));

        var info = log.AppendAsLeader(ProducerBatches.Idempotent(Pid, 0, sequence), 0);

        Assert.Equal(ErrorCode.OutOfOrderSequenceNumber, info.Error);
        Assert.Contains("expected 2", info.ErrorMessage);
        Assert.Equal(2, log.LogEndOffset);
    }

    [Fact]
    public async Task NewEpoch_RestartsTheSequenceAtZero()
    {
        var log = await _ctx.CreateLogAsync();
        log.AppendOk(ProducerBatches.Idempotent(Pid, 0, 0, count: 4));

        var bumped = log.AppendAsLeader(ProducerBatches.Idempotent(Pid, 1, 4), 0);
        var restarted = log.AppendAsLeader(ProducerBatches.Idempotent(Pid, 1, 0), 0);
        var next = log.AppendAsLeader(ProducerBatches.Idempotent(Pid, 1, 2), 0);

        Assert.Equal(ErrorCode.OutOfOrderSequenceNumber, bumped.Error);
        Assert.Equal(ErrorCode.None, restarted.Error);
        Assert.Equal(ErrorCode.None, next.Error);
        Assert.Equal(8, log.LogEndOffset);
    }

    [Fact]
    public async Task OlderEpoch_IsFencedWithInvalidProducerEpoch()
    {
        var log = await _ctx.CreateLogAsync();
        log.AppendOk(ProducerBatches.Idempotent(Pid, 3, 0));
        log.AppendOk(ProducerBatches.Idempotent(Pid, 4, 0));

        var zombie = log.AppendAsLeader(ProducerBatches.Idempotent(Pid, 3, 2), 0);

        Assert.Equal(ErrorCode.InvalidProducerEpoch, zombie.Error);
        Assert.Contains("epoch 3", zombie.ErrorMessage);
        Assert.Equal(4, log.LogEndOffset);
    }

    [Fact]
    public async Task RetryOfABatchOfTheOldEpoch_AfterABump_IsFencedNotADuplicate()
    {
        var log = await _ctx.CreateLogAsync();
        var old = ProducerBatches.Idempotent(Pid, 0, 0);
        log.AppendOk((byte[])old.Clone());
        log.AppendOk(ProducerBatches.Idempotent(Pid, 1, 0));

        Assert.Equal(ErrorCode.InvalidProducerEpoch, log.AppendAsLeader(old, 0).Error);
    }

    [Fact]
    public async Task Sequence_WrapsFromIntMaxToZero()
    {
        var log = await _ctx.CreateLogAsync();
        var wrapping = ProducerBatches.Idempotent(Pid, 0, int.MaxValue - 1, count: 3);
        log.AppendOk(ProducerBatches.Idempotent(Pid, 0, int.MaxValue - 3, count: 2));
        log.AppendOk((byte[])wrapping.Clone());

        var duplicate = log.AppendAsLeader(wrapping, 0);
        var gap = log.AppendAsLeader(ProducerBatches.Idempotent(Pid, 0, 0), 0);
        var next = log.AppendAsLeader(ProducerBatches.Idempotent(Pid, 0, 1), 0);

        Assert.True(duplicate.IsDuplicate);
        Assert.Equal(2, duplicate.FirstOffset);
        Assert.Equal(ErrorCode.OutOfOrderSequenceNumber, gap.Error);
        Assert.Equal(ErrorCode.None, next.Error);
        Assert.False(next.IsDuplicate);
    }

    [Fact]
    public async Task Sequence_EndingExactlyAtIntMax_IsFollowedByZero()
    {
        var log = await _ctx.CreateLogAsync();
        log.AppendOk(ProducerBatches.Idempotent(Pid, 0, int.MaxValue - 1, count: 2));

        log.AppendOk(ProducerBatches.Idempotent(Pid, 0, 0));

        Assert.Equal(4, log.LogEndOffset);
    }

    [Fact]
    public async Task ProducersAreIndependent()
    {
        var log = await _ctx.CreateLogAsync();
        log.AppendOk(ProducerBatches.Idempotent(1, 0, 0));
        log.AppendOk(ProducerBatches.Idempotent(2, 0, 7));
        log.AppendOk(ProducerBatches.Idempotent(1, 0, 2));

        Assert.Equal(ErrorCode.OutOfOrderSequenceNumber, log.AppendAsLeader(ProducerBatches.Idempotent(2, 0, 2), 0).Error);
        Assert.Equal(2, log.ProducerIdCount);
    }

    [Fact]
    public async Task BatchesWithoutProducerId_AreNeverChecked()
    {
        var log = await _ctx.CreateLogAsync();
        var plain = TestBatches.Simple(2, _ctx.NowMs);
        log.AppendOk((byte[])plain.Clone());

        log.AppendOk(plain);

        Assert.Equal(4, log.LogEndOffset);
        Assert.Equal(0, log.ProducerIdCount);
    }

    [Fact]
    public async Task CoordinatorAppends_SkipTheSequenceChecksButNotTheEpochCheck()
    {
        var log = await _ctx.CreateLogAsync();
        log.AppendOk(ProducerBatches.Idempotent(Pid, 2, 0));

        var anySequence = log.AppendAsLeader(ProducerBatches.Idempotent(Pid, 2, 50), 0, AppendOrigin.Coordinator);
        var oldEpoch = log.AppendAsLeader(ProducerBatches.Idempotent(Pid, 1, 52), 0, AppendOrigin.Coordinator);

        Assert.Equal(ErrorCode.None, anySequence.Error);
        Assert.Equal(ErrorCode.InvalidProducerEpoch, oldEpoch.Error);
    }

    [Fact]
    public async Task OpenTransaction_RefusesNonTransactionalBatchesUntilItsMarker()
    {
        var log = await _ctx.CreateLogAsync();
        log.AppendOk(ProducerBatches.Idempotent(Pid, 0, 0, transactional: true));

        var plain = log.AppendAsLeader(ProducerBatches.Idempotent(Pid, 0, 2), 0);
        log.AppendOk(ProducerBatches.Marker(Pid, 0, ControlRecordType.Commit, coordinatorEpoch: 5), AppendOrigin.Coordinator);
        var zombieMarker = log.AppendAsLeader(ProducerBatches.Marker(Pid, 0, ControlRecordType.Abort, coordinatorEpoch: 4), 0, AppendOrigin.Coordinator);
        var afterCommit = log.AppendAsLeader(ProducerBatches.Idempotent(Pid, 0, 2), 0);

        Assert.Equal(ErrorCode.InvalidTxnState, plain.Error);
        Assert.Equal(ErrorCode.TransactionCoordinatorFenced, zombieMarker.Error);
        Assert.Equal(ErrorCode.None, afterCommit.Error);
        Assert.True(log.ProducerState.TryGetEntry(Pid, out var entry));
        Assert.Equal(5, entry.CoordinatorEpoch);
        Assert.Equal(-1, entry.CurrentTxnFirstOffset);
    }
}
