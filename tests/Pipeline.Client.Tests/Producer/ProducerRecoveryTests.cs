using Pipeline.Client.Config;
using Pipeline.Client.Producer;
using Pipeline.Client.Tests.Fixtures;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Client.Tests.Producer;

/// <summary>The producer against a scripted broker: retriable errors, leader moves, lost connections and broken sequences.</summary>
[Trait("Category", "Integration")]
public sealed class ProducerRecoveryTests
{
    private static ProducerOptions Options(FakeKafkaBroker broker, bool idempotent = true) => ProducerOptions.Default with
    {
        BootstrapServers = broker.BootstrapServers,
        EnableIdempotence = idempotent,
        Linger = TimeSpan.Zero,
        RetryBackoff = TimeSpan.FromMilliseconds(10),
        RetryBackoffMax = TimeSpan.FromMilliseconds(50),
        MaxBlock = TimeSpan.FromSeconds(10),
        RequestTimeout = TimeSpan.FromSeconds(5),
        DeliveryTimeout = TimeSpan.FromSeconds(15),
    };

    private static Message<string, string> Msg(string value) => new() { Key = "k", Value = value };

    [Fact]
    public async Task NotLeaderOrFollower_RefreshesMetadataAndRetries()
    {
        await using var broker = new FakeKafkaBroker();
        broker.Topics["t"] = 1;
        var produces = 0;
        broker.Handler = r => r.ApiKey == ApiKey.Produce
            ? FakeProduce.Reply(r, _ => Interlocked.Increment(ref produces) == 1 ? ((short)ErrorCode.NotLeaderOrFollower, -1) : ((short)0, 42))
            : FakeKafkaBroker.Fallback;
        using var producer = new Producer<string, string>(Options(broker, idempotent: false));
        var result = await producer.ProduceAsync("t", Msg("v"));
        Assert.Equal(42, result.Offset);
        Assert.Equal(2, produces);
        Assert.True(broker.OfType(ApiKey.Metadata).Count() >= 2, "the error must trigger a metadata refresh");
    }

    [Fact]
    public async Task LeaderMoves_SendsToTheNewLeader()
    {
        await using var a = new FakeKafkaBroker(nodeId: 1);
        await using var b = new FakeKafkaBroker(nodeId: 2);
        var leader = 1;
        foreach (var fake in new[] { a, b })
        {
            fake.Topics["t"] = 1;
            fake.LeaderFor = (_, _) => Volatile.Read(ref leader);
        }

        a.OtherBrokers[2] = b.Port;
        b.OtherBrokers[1] = a.Port;
        a.Handler = r =>
        {
            if (r.ApiKey != ApiKey.Produce)
            {
                return FakeKafkaBroker.Fallback;
            }

            Volatile.Write(ref leader, 2);
            return FakeProduce.Reply(r, _ => ((short)ErrorCode.NotLeaderOrFollower, -1));
        };
        b.Handler = r => r.ApiKey == ApiKey.Produce ? FakeProduce.Reply(r, _ => ((short)0, 7)) : FakeKafkaBroker.Fallback;

        using var producer = new Producer<string, string>(Options(a));
        var result = await producer.ProduceAsync("t", Msg("v"));
        Assert.Equal(7, result.Offset);
        // A retry may reach the old leader again before the refreshed metadata arrives; every
        // attempt carries the same producer id, epoch and sequence.
        var retried = FakeProduce.Batches(Assert.Single(b.OfType(ApiKey.Produce))).Single();
        Assert.All(a.OfType(ApiKey.Produce).Select(r => FakeProduce.Batches(r).Single()), first =>
            Assert.Equal((first.ProducerId, first.ProducerEpoch, first.BaseSequence), (retried.ProducerId, retried.ProducerEpoch, retried.BaseSequence)));
    }

    [Fact]
    public async Task ConnectionLostBeforeTheAnswer_ResendsTheSameSequence()
    {
        await using var broker = new FakeKafkaBroker();
        broker.Topics["t"] = 1;
        var produces = 0;
        broker.Handler = r => r.ApiKey == ApiKey.Produce
            ? Interlocked.Increment(ref produces) == 1 ? FakeReply.Close : FakeProduce.Reply(r, _ => ((short)0, 0))
            : FakeKafkaBroker.Fallback;
        using var producer = new Producer<string, string>(Options(broker));
        var result = await producer.ProduceAsync("t", Msg("v"));
        Assert.Equal(0, result.Offset);
        var sent = broker.OfType(ApiKey.Produce).Select(r => FakeProduce.Batches(r).Single()).ToList();
        Assert.Equal(2, sent.Count);
        Assert.Equal(sent[0], sent[1]);
        Assert.Equal((1000L, (short)0, 0), (sent[0].ProducerId, sent[0].ProducerEpoch, sent[0].BaseSequence));
    }

    [Fact]
    public async Task OutOfOrderSequenceOnTheExpectedBatch_FailsItAndBumpsTheEpoch()
    {
        await using var broker = new FakeKafkaBroker();
        broker.Topics["t"] = 1;
        var produces = 0;
        broker.Handler = r => r.ApiKey == ApiKey.Produce
            ? FakeProduce.Reply(r, _ => Interlocked.Increment(ref produces) == 1 ? ((short)ErrorCode.OutOfOrderSequenceNumber, -1) : ((short)0, 5))
            : FakeKafkaBroker.Fallback;
        using var producer = new Producer<string, string>(Options(broker));
        var e = await Assert.ThrowsAsync<ProduceException<string, string>>(() => producer.ProduceAsync("t", Msg("a")));
        Assert.Equal(ErrorCode.OutOfOrderSequenceNumber, e.Code);
        Assert.Equal(PersistenceStatus.NotPersisted, e.DeliveryResult.Status);

        var next = await producer.ProduceAsync("t", Msg("b"));
        Assert.Equal(5, next.Offset);
        var inits = broker.OfType(ApiKey.InitProducerId).Select(r => r.Read<InitProducerIdRequest>()).ToList();
        Assert.Equal([(-1L, (short)-1), (1000L, (short)0)], inits.Select(i => (i.ProducerId, i.ProducerEpoch)));
        var last = FakeProduce.Batches(broker.OfType(ApiKey.Produce).Last()).Single();
        Assert.Equal((1000L, (short)1, 0), (last.ProducerId, last.ProducerEpoch, last.BaseSequence));
    }

    [Fact]
    public async Task UnknownProducerId_BumpsTheEpochAndRedeliversFromSequenceZero()
    {
        await using var broker = new FakeKafkaBroker();
        broker.Topics["t"] = 1;
        var produces = 0;
        broker.Handler = r => r.ApiKey == ApiKey.Produce
            ? FakeProduce.Reply(r, _ => Interlocked.Increment(ref produces) == 2 ? ((short)ErrorCode.UnknownProducerId, -1) : ((short)0, produces))
            : FakeKafkaBroker.Fallback;
        using var producer = new Producer<string, string>(Options(broker));
        await producer.ProduceAsync("t", Msg("a"));
        var second = await producer.ProduceAsync("t", Msg("b"));
        Assert.Equal(3, second.Offset);
        var sent = broker.OfType(ApiKey.Produce).Select(r => FakeProduce.Batches(r).Single()).Select(b => (b.ProducerEpoch, b.BaseSequence)).ToList();
        Assert.Equal([((short)0, 0), ((short)0, 1), ((short)1, 0)], sent);
    }

    [Fact]
    public async Task NonRetriableError_FailsTheRecordWithTheBrokersMessage()
    {
        await using var broker = new FakeKafkaBroker();
        broker.Topics["t"] = 1;
        broker.Handler = r =>
        {
            if (r.ApiKey != ApiKey.Produce)
            {
                return FakeKafkaBroker.Fallback;
            }

            var reply = FakeProduce.Reply(r, _ => ((short)ErrorCode.InvalidRecord, -1));
            ((ProduceResponse)reply.Message!).Responses[0].PartitionResponses[0].ErrorMessage = "record 0 is bad";
            return reply;
        };
        using var producer = new Producer<string, string>(Options(broker, idempotent: false));
        var e = await Assert.ThrowsAsync<ProduceException<string, string>>(() => producer.ProduceAsync("t", Msg("a")));
        Assert.Equal(ErrorCode.InvalidRecord, e.Code);
        Assert.Equal("record 0 is bad", e.BrokerMessage);
        Assert.Single(broker.OfType(ApiKey.Produce));
    }

    [Fact]
    public async Task LeaderNeverAnswers_RecordExpiresAfterTheDeliveryTimeout()
    {
        await using var broker = new FakeKafkaBroker();
        broker.Topics["t"] = 1;
        broker.Handler = r => r.ApiKey == ApiKey.Produce ? null : FakeKafkaBroker.Fallback;
        var options = Options(broker, idempotent: false) with { RequestTimeout = TimeSpan.FromMilliseconds(300), DeliveryTimeout = TimeSpan.FromMilliseconds(800) };
        using var producer = new Producer<string, string>(options);
        var started = DateTime.UtcNow;
        var e = await Assert.ThrowsAsync<ProduceException<string, string>>(() => producer.ProduceAsync("t", Msg("a")));
        Assert.Equal(ErrorCode.RequestTimedOut, e.Code);
        Assert.Equal(PersistenceStatus.PossiblyPersisted, e.DeliveryResult.Status);
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task BrokerWithoutInitProducerId_IdempotentProducerFailsWithUnsupportedVersion()
    {
        await using var broker = new FakeKafkaBroker();
        broker.Topics["t"] = 1;
        broker.Handler = r =>
        {
            if (r.ApiKey != ApiKey.ApiVersions)
            {
                return FakeKafkaBroker.Fallback;
            }

            var versions = (ApiVersionsResponse)broker.Default(r)!.Message!;
            versions.ApiKeys.RemoveAll(k => k.ApiKey == (short)ApiKey.InitProducerId);
            return FakeReply.Of(versions);
        };
        using var producer = new Producer<string, string>(Options(broker));
        var e = await Assert.ThrowsAsync<ProduceException<string, string>>(() => producer.ProduceAsync("t", Msg("a")));
        Assert.Equal(ErrorCode.UnsupportedVersion, e.Code);
        Assert.Contains("enable.idempotence=false", e.Message, StringComparison.Ordinal);
    }
}
