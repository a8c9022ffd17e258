using System.Buffers.Binary;
using Pipeline.Broker.Tests.Fixtures;
using Pipeline.Protocol.Messages;
using Pipeline.Testing.Kafka;
using Xunit;

namespace Pipeline.Broker.Tests.Faults;

/// <summary>
/// Bytes that are not a valid request close that one connection; the broker keeps serving the
/// connections it already has and new ones. Kafka does the same: the network layer closes a
/// connection whose request it cannot parse, except for ApiVersions (KIP-511, see
/// <see cref="ApiVersionsFaultTests"/>).
/// </summary>
[Trait("Category", "Integration")]
public sealed class MalformedFrameTests
{
    private const int RequestMaxBytes = 1 << 20;

    public static TheoryData<string> Cases =>
    [
        "random bytes",
        "negative size",
        "zero size",
        "size above socket.request.max.bytes",
        "size smaller than a request header",
        "truncated frame then end of stream",
        "unknown api key",
        "api key beyond the table",
        "unsupported version of a known api",
        "garbage after a valid header",
        "array length beyond the frame",
        "string length beyond the frame",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Connection_SendsMalformedBytes_IsClosedAndBrokerKeepsServing(string fault)
    {
        await using var broker = await InProcessBroker.StartAsync(new Dictionary<string, string> { ["socket.request.max.bytes"] = RequestMaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await using var bystander = await broker.ConnectAsync();
        await bystander.MetadataAsync();

        await using (var bad = await broker.ConnectAsync())
        {
            await bad.SendRawAsync(BadBytes(fault, bad.NextCorrelationId()));
            if (fault == "truncated frame then end of stream")
            {
                bad.ShutdownSend();
            }

            Assert.True(await bad.IsClosedAsync(TimeSpan.FromSeconds(10)), $"'{fault}': the broker left the connection open\n{broker.Log}");
        }

        // The connection opened before the fault still works, and so do new ones.
        var meta = await bystander.MetadataAsync();
        Assert.Single(meta.Brokers);
        await ServingCheck.AssertServesAsync(broker.ConnectAsync, () => broker.Log);
    }

    [Fact]
    public async Task Broker_ManyMutatedRequestsOfEverySupportedApi_SurvivesAndKeepsServing()
    {
        // Valid encodings of default requests with a few bytes changed or cut: every decoder sees
        // almost-valid input. The seed is fixed so a failure reproduces; change it to explore.
        const int seed = 20260518;
        var random = new Random(seed);
        await using var broker = await InProcessBroker.StartAsync();
        IReadOnlyList<ApiVersionsResponse.ApiVersion> apis;
        await using (var probe = await broker.ConnectAsync())
        {
            apis = (await probe.SendAsync<ApiVersionsResponse>(new ApiVersionsRequest(), 0)).ApiKeys;
        }

        var cases = new List<byte[]>();
        for (var i = 0; i < 120; i++)
        {
            var api = apis[random.Next(apis.Count)];
            var version = (short)random.Next(api.MinVersion, api.MaxVersion + 1);
            cases.Add(Mutate(KafkaTestClient.EncodeRequest(ApiMessages.CreateRequest((ApiKey)api.ApiKey), version, i + 1, "fuzz"), random));
        }

        for (var start = 0; start < cases.Count; start += 20)
        {
            await Task.WhenAll(cases.Skip(start).Take(20).Select(async frame =>
            {
                await using var client = await broker.ConnectAsync();
                await client.SendRawAsync(frame);
                // An answer, a close, or (for a request that legitimately waits, e.g. a fetch
                // with a mutated max wait) nothing for a while: all fine, as long as the broker lives.
                await client.IsClosedAsync(TimeSpan.FromMilliseconds(500));
            }));
        }

        await ServingCheck.AssertServesAsync(broker.ConnectAsync, () => $"seed {seed}\n{broker.Log}");
    }

    private static byte[] BadBytes(string fault, int correlationId)
    {
        switch (fault)
        {
            case "random bytes":
                var random = new byte[64];
                new Random(42).NextBytes(random);
                // A size that matches the bytes sent, so the broker reads a whole frame of garbage.
                BinaryPrimitives.WriteInt32BigEndian(random, random.Length - 4);
                return random;
            case "negative size":
                return [0xFF, 0xFF, 0xFF, 0xF0, 1, 2, 3, 4, 5, 6, 7, 8];
            case "zero size":
                return [0, 0, 0, 0, 0, 0, 0, 0];
            case "size above socket.request.max.bytes":
                return Frame(RequestMaxBytes + 1, new byte[32]);
            case "size smaller than a request header":
                return Frame(3, [0, 3, 0]);
            case "truncated frame then end of stream":
                return Frame(100, new byte[20]);
            case "unknown api key":
                return Frame(Header(apiKey: 999, version: 0, correlationId), []);
            case "api key beyond the table":
                return Frame(Header(apiKey: short.MaxValue, version: 0, correlationId), new byte[16]);
            case "unsupported version of a known api":
                return Frame(Header((short)ApiKey.Metadata, version: 99, correlationId), new byte[16]);
            case "garbage after a valid header":
                // Metadata v12 (flexible): a compact array length whose varint never ends.
                return Frame([.. Header((short)ApiKey.Metadata, version: 12, correlationId, flexible: true), .. Enumerable.Repeat((byte)0xFF, 40)]);
            case "array length beyond the frame":
                // Metadata v4: topics array of 1,000,000 entries in a 9-byte body.
                return Frame([.. Header((short)ApiKey.Metadata, version: 4, correlationId), 0x00, 0x0F, 0x42, 0x40, 0, 0, 0, 0, 1]);
            case "string length beyond the frame":
                // Metadata v4: one topic whose name claims 30,000 bytes.
                return Frame([.. Header((short)ApiKey.Metadata, version: 4, correlationId), 0, 0, 0, 1, 0x75, 0x30, (byte)'a', (byte)'b', 1]);
            default:
                throw new ArgumentOutOfRangeException(nameof(fault), fault, null);
        }
    }

    /// <summary>Request header v1 (v2 when flexible: plus an empty tagged-field section).</summary>
    private static byte[] Header(short apiKey, short version, int correlationId, bool flexible = false)
    {
        var clientId = "fault-test"u8;
        var h = new byte[8 + 2 + clientId.Length + (flexible ? 1 : 0)];
        BinaryPrimitives.WriteInt16BigEndian(h, apiKey);
        BinaryPrimitives.WriteInt16BigEndian(h.AsSpan(2), version);
        BinaryPrimitives.WriteInt32BigEndian(h.AsSpan(4), correlationId);
        BinaryPrimitives.WriteInt16BigEndian(h.AsSpan(8), (short)clientId.Length);
        clientId.CopyTo(h.AsSpan(10));
        return h;
    }

    private static byte[] Frame(byte[] payload) => Frame(payload.Length, payload);

    private static byte[] Frame(byte[] header, byte[] body) => Frame([.. header, .. body]);

    private static byte[] Frame(int declaredSize, byte[] payload)
    {
        var frame = new byte[4 + payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame, declaredSize);
        payload.CopyTo(frame, 4);
        return frame;
    }

    /// <summary>Flips, cuts or extends a frame after its request header's api key and version
    /// (those stay valid) and fixes the size prefix so the frame itself is whole.</summary>
    private static byte[] Mutate(byte[] frame, Random random)
    {
        var payload = frame.AsSpan(4).ToArray().ToList();
        const int keep = 4; // api key + version
        switch (random.Next(3))
        {
            case 0:
                for (var n = random.Next(1, 4); n > 0 && payload.Count > keep; n--)
                {
                    var at = random.Next(keep, payload.Count);
                    payload[at] = (byte)random.Next(256);
                }

                break;
            case 1:
                if (payload.Count > keep + 1)
                {
                    payload.RemoveRange(random.Next(keep + 1, payload.Count), 1);
                }

                break;
            default:
                var extra = new byte[random.Next(1, 16)];
                random.NextBytes(extra);
                payload.InsertRange(random.Next(keep, payload.Count + 1), extra);
                break;
        }

        return Frame([.. payload]);
    }
}
