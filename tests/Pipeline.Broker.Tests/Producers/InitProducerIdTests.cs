using Pipeline.Broker.Tests.Support;
using Pipeline.Protocol;
using Pipeline.Testing.Kafka;
using Xunit;

namespace Pipeline.Broker.Tests.Producers;

/// <summary>
/// InitProducerId (22) over the wire: fresh ids for idempotent producers, the KIP-360 forms,
/// transactional ids that bump their epoch and fence the previous instance, request checks.
/// </summary>
[Trait("Category", "Integration")]
public sealed class InitProducerIdTests : IClassFixture<BrokerFixture>
{
    private readonly BrokerFixture _fixture;

    public InitProducerIdTests(BrokerFixture fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Idempotent_EveryCallGetsANewIdAtEpochZero(short version)
    {
        await using var client = await _fixture.ConnectAsync();

        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            var r = await client.InitProducerIdAsync(transactionTimeoutMs: -1, version: version);
            Expect.NoError(r.ErrorCode);
            Assert.Equal(0, r.ProducerEpoch);
            Assert.True(r.ProducerId >= 0);
            ids.Add(r.ProducerId);
        }

        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task Idempotent_ConcurrentCallsFromManyConnections_NeverShareAnId()
    {
        var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            await using var client = await _fixture.ConnectAsync();
            var mine = new List<long>();
            for (var i = 0; i < 50; i++)
            {
                mine.Add((await client.InitProducerIdAsync()).ProducerId);
            }

            return mine;
        }));

        var all = ids.SelectMany(x => x).ToList();
        Assert.Equal(400, all.Distinct().Count());
    }

    [Fact]
    public async Task Idempotent_Kip360RequestWithTheCurrentIdentity_GetsAFreshIdAsKafkaAnswers()
    {
        await using var client = await _fixture.ConnectAsync();
        var first = await client.InitProducerIdAsync();

        var again = await client.InitProducerIdAsync(producerId: first.ProducerId, producerEpoch: first.ProducerEpoch);

        Expect.NoError(again.ErrorCode);
        Assert.NotEqual(first.ProducerId, again.ProducerId);
        Assert.Equal(0, again.ProducerEpoch);
    }

    [Theory]
    [InlineData(5L, (short)-1)]
    [InlineData(-1L, (short)3)]
    public async Task OnlyOneOfProducerIdAndEpoch_IsInvalidRequest(long producerId, short epoch)
    {
        await using var client = await _fixture.ConnectAsync();

        var r = await client.InitProducerIdAsync(producerId: producerId, producerEpoch: epoch);

        Expect.Error(ErrorCode.InvalidRequest, r.ErrorCode);
        Assert.Equal((-1L, (short)-1), (r.ProducerId, r.ProducerEpoch));
    }

    [Fact]
    public async Task Transactional_EachCallKeepsTheIdAndBumpsTheEpoch()
    {
        await using var client = await _fixture.ConnectAsync();
        var txn = TestTopics.Unique("txn");

        var first = await client.InitProducerIdAsync(txn);
        var second = await client.InitProducerIdAsync(txn);
        var third = await client.InitProducerIdAsync(txn);

        Expect.NoError(first.ErrorCode);
        Assert.Equal(0, first.ProducerEpoch);
        Assert.Equal((first.ProducerId, (short)1), (second.ProducerId, second.ProducerEpoch));
        Assert.Equal((first.ProducerId, (short)2), (third.ProducerId, third.ProducerEpoch));
        Assert.NotEqual(first.ProducerId, (await client.InitProducerIdAsync(TestTopics.Unique("other"))).ProducerId);
    }

    [Fact]
    public async Task Transactional_Kip360_CurrentEpochBumps_RetryOfTheLastBumpIsAnsweredAgain_OlderIsFenced()
    {
        await using var client = await _fixture.ConnectAsync();
        var txn = TestTopics.Unique("txn");
        var first = await client.InitProducerIdAsync(txn);

        var bumped = await client.InitProducerIdAsync(txn, producerId: first.ProducerId, producerEpoch: 0);
        var retried = await client.InitProducerIdAsync(txn, producerId: first.ProducerId, producerEpoch: 0);
        var bumpedAgain = await client.InitProducerIdAsync(txn, producerId: first.ProducerId, producerEpoch: 1);
        var zombie = await client.InitProducerIdAsync(txn, producerId: first.ProducerId, producerEpoch: 0);
        var zombieV3 = await client.InitProducerIdAsync(txn, producerId: first.ProducerId, producerEpoch: 0, version: 3);
        var stranger = await client.InitProducerIdAsync(txn, producerId: first.ProducerId + 1000, producerEpoch: 2);

        Assert.Equal((first.ProducerId, (short)1), (bumped.ProducerId, bumped.ProducerEpoch));
        Assert.Equal((first.ProducerId, (short)1), (retried.ProducerId, retried.ProducerEpoch));
        Assert.Equal((first.ProducerId, (short)2), (bumpedAgain.ProducerId, bumpedAgain.ProducerEpoch));
        Expect.Error(ErrorCode.ProducerFenced, zombie.ErrorCode);
        Expect.Error(ErrorCode.InvalidProducerEpoch, zombieV3.ErrorCode);
        Expect.Error(ErrorCode.ProducerFenced, stranger.ErrorCode);
        Assert.Equal((-1L, (short)-1), (zombie.ProducerId, zombie.ProducerEpoch));
    }

    [Fact]
    public async Task Transactional_NewInstance_FencesTheOldOnesProduce()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("fenced");
        await client.CreateTopicOrFailAsync(topic);
        var txn = TestTopics.Unique("txn");
        var old = await client.InitProducerIdAsync(txn);
        Expect.NoError((await client.ProduceAsync(topic, 0, ProducerRequests.Batch(old.ProducerId, old.ProducerEpoch, 0))).ErrorCode);

        var current = await client.InitProducerIdAsync(txn);
        Expect.NoError((await client.ProduceAsync(topic, 0, ProducerRequests.Batch(current.ProducerId, current.ProducerEpoch, 0))).ErrorCode);
        var zombie = await client.ProduceAsync(topic, 0, ProducerRequests.Batch(old.ProducerId, old.ProducerEpoch, 2));

        Expect.Error(ErrorCode.InvalidProducerEpoch, zombie.ErrorCode, zombie.ErrorMessage);
        Assert.Equal(-1, zombie.BaseOffset);
        Assert.Equal(4, (await client.FetchAllAsync(topic, 0)).Count);
    }

    [Theory]
    [InlineData(900_001)]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task Transactional_TimeoutOutsideTheAllowedRange_IsInvalidTransactionTimeout(int timeoutMs)
    {
        await using var client = await _fixture.ConnectAsync();

        var r = await client.InitProducerIdAsync(TestTopics.Unique("txn"), transactionTimeoutMs: timeoutMs);

        Expect.Error(ErrorCode.InvalidTransactionTimeout, r.ErrorCode);
    }

    [Fact]
    public async Task Transactional_EmptyTransactionalId_IsInvalidRequest()
    {
        await using var client = await _fixture.ConnectAsync();

        Expect.Error(ErrorCode.InvalidRequest, (await client.InitProducerIdAsync(string.Empty)).ErrorCode);
    }

    [Fact]
    public async Task ApiVersions_AdvertisesInitProducerIdZeroToFive()
    {
        await using var client = await _fixture.ConnectAsync();

        var r = await client.SendAsync<Pipeline.Protocol.Messages.ApiVersionsResponse>(new Pipeline.Protocol.Messages.ApiVersionsRequest { ClientSoftwareName = "t", ClientSoftwareVersion = "1" }, 3);

        var entry = Assert.Single(r.ApiKeys, k => k.ApiKey == (short)Pipeline.Protocol.Messages.ApiKey.InitProducerId);
        Assert.Equal((0, 5), (entry.MinVersion, entry.MaxVersion));
    }
}
