using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Broker.Coordinators.ProducerIds;
using Pipeline.Protocol;
using Pipeline.Testing.IO;
using Pipeline.Testing.Time;
using Xunit;

namespace Pipeline.Broker.Tests.Producers;

/// <summary>The producer id allocator and the transactional id rules without a broker (files in a temp dir, a manual clock).</summary>
public sealed class ProducerIdCoordinatorTests : IDisposable
{
    private const long SevenDaysMs = 604_800_000;
    private readonly TempDirectory _dir = new("pipeline-pids");
    private readonly ManualTimeProvider _time = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ProducerIdManager_ReservesABlockDurablyBeforeHandingOutItsFirstId()
    {
        var ids = new ProducerIdManager(_dir.Path);

        Assert.Equal(0, ids.GenerateProducerId());
        Assert.Equal("next.block.start=1000", File.ReadAllText(ids.FilePath).Trim());
        for (var i = 1; i < 1000; i++)
        {
            Assert.Equal(i, ids.GenerateProducerId());
        }

        Assert.Equal(1000, ids.GenerateProducerId());
        Assert.Equal("next.block.start=2000", File.ReadAllText(ids.FilePath).Trim());
    }

    [Fact]
    public void ProducerIdManager_Reopened_ContinuesAfterTheReservedBlock()
    {
        var first = new ProducerIdManager(_dir.Path);
        first.GenerateProducerId();
        first.GenerateProducerId();

        var reopened = new ProducerIdManager(_dir.Path);

        Assert.Equal(1000, reopened.GenerateProducerId());
    }

    [Fact]
    public void ProducerIdManager_DamagedFile_RefusesToStartRatherThanRepeatIds()
    {
        File.WriteAllText(Path.Combine(_dir.Path, ProducerIdManager.FileName), "garbage");

        var e = Assert.Throws<InvalidDataException>(() => new ProducerIdManager(_dir.Path));
        Assert.Contains(ProducerIdManager.FileName, e.Message);
    }

    [Fact]
    public void Transactional_StateSurvivesReopening()
    {
        var first = Coordinator().InitProducerId("t", 60_000, -1, -1);

        var second = Coordinator().InitProducerId("t", 60_000, -1, -1);

        Assert.Equal((first.ProducerId, (short)1), (second.ProducerId, second.ProducerEpoch));
    }

    [Fact]
    public void Transactional_UnusedForTheExpirationTime_IsForgottenAndStartsANewProducerId()
    {
        var coordinator = Coordinator();
        var first = coordinator.InitProducerId("t", 60_000, -1, -1);
        coordinator.InitProducerId("t", 60_000, -1, -1);

        _time.Advance(TimeSpan.FromMilliseconds(SevenDaysMs - 1));
        var stillKnown = coordinator.InitProducerId("t", 60_000, -1, -1);
        _time.Advance(TimeSpan.FromMilliseconds(SevenDaysMs));
        var expired = coordinator.InitProducerId("t", 60_000, -1, -1);

        Assert.Equal((first.ProducerId, (short)2), (stillKnown.ProducerId, stillKnown.ProducerEpoch));
        Assert.NotEqual(first.ProducerId, expired.ProducerId);
        Assert.Equal(0, expired.ProducerEpoch);
    }

    [Fact]
    public void Transactional_ExpiredIdsAreDroppedFromTheFile()
    {
        var coordinator = Coordinator();
        coordinator.InitProducerId("old", 60_000, -1, -1);
        _time.Advance(TimeSpan.FromMilliseconds(SevenDaysMs + 1));

        coordinator.InitProducerId("new", 60_000, -1, -1);

        var text = File.ReadAllText(Path.Combine(_dir.Path, TransactionalIdStore.FileName));
        Assert.Contains("\"new\"", text);
        Assert.DoesNotContain("\"old\"", text);
    }

    [Fact]
    public void Transactional_ExhaustedEpoch_ContinuesUnderANewProducerIdAtEpochZero()
    {
        var store = new TransactionalIdStore(_dir.Path, SevenDaysMs, Now);
        store.Put(new TransactionalIdState("t", 42, short.MaxValue - 1, short.MaxValue - 2, 42, 60_000, Now), Now);
        var coordinator = Coordinator();

        var rotated = coordinator.InitProducerId("t", 60_000, 42, short.MaxValue - 1);
        var retryOfTheOldIdentity = coordinator.InitProducerId("t", 60_000, 42, short.MaxValue - 1);

        Expect(ErrorCode.None, rotated);
        Assert.NotEqual(42, rotated.ProducerId);
        Assert.Equal(0, rotated.ProducerEpoch);
        Assert.Equal(ErrorCode.None, retryOfTheOldIdentity.Error);
        Assert.Equal(rotated.ProducerId, retryOfTheOldIdentity.ProducerId);
    }

    [Fact]
    public void Idempotent_IgnoresTheTimeout()
    {
        var r = Coordinator().InitProducerId(null, -1, -1, -1);

        Assert.Equal((ErrorCode.None, (short)0), (r.Error, r.ProducerEpoch));
    }

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private static void Expect(ErrorCode error, InitProducerIdResult r) => Assert.True(r.Error == error, $"expected {error}, got {r.Error}");

    private ProducerIdCoordinator Coordinator() => new(
        new ProducerIdManager(_dir.Path),
        new TransactionalIdStore(_dir.Path, SevenDaysMs, Now),
        900_000,
        _time,
        NullLogger.Instance);
}
