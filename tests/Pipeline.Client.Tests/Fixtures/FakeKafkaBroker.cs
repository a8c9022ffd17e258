using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Pipeline.Client.Network;
using Pipeline.Protocol.Messages;
using Pipeline.Protocol.Primitives;

namespace Pipeline.Client.Tests.Fixtures;

/// <summary>
/// A scriptable Kafka peer built on our own codec (as Npgsql tests use a fake server): it reads
/// request frames, records them, and answers whatever <see cref="Handler"/> returns (null = no
/// answer), one request at a time per connection and in order, like Kafka. Out of the box it
/// answers ApiVersions (every API, up to the client's versions) and Metadata from <see cref="Topics"/>.
/// </summary>
public sealed class FakeKafkaBroker : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<Socket> _sockets = [];
    private readonly Task _accept;
    private int _connections;

    public FakeKafkaBroker(int nodeId = 1)
    {
        NodeId = nodeId;
        LeaderFor = (_, _) => NodeId;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accept = AcceptAsync();
    }

    public int NodeId { get; }

    public int Port { get; }

    public string BootstrapServers => $"127.0.0.1:{Port}";

    /// <summary>Every request received, in order.</summary>
    public ConcurrentQueue<FakeRequest> Received { get; } = new();

    /// <summary>Topic -> partition count, served by the default Metadata answer, all led by <see cref="LeaderFor"/>.</summary>
    public ConcurrentDictionary<string, int> Topics { get; } = new();

    /// <summary>Other brokers to list in Metadata (id -> port), e.g. a second fake.</summary>
    public ConcurrentDictionary<int, int> OtherBrokers { get; } = new();

    /// <summary>The leader of a topic's partitions in the default Metadata answer (this node unless changed).</summary>
    public Func<string, int, int> LeaderFor { get; set; }

    /// <summary>Decides the answer; falls back to <see cref="Default"/> when it returns <see cref="Fallback"/>.</summary>
    public Func<FakeRequest, FakeReply?> Handler { get; set; } = _ => Fallback;

    /// <summary>A marker reply: "do what the broker does by default".</summary>
    public static FakeReply Fallback { get; } = new();

    public int ConnectionCount => Volatile.Read(ref _connections);

    public IEnumerable<FakeRequest> OfType(ApiKey key) => Received.Where(r => r.ApiKey == key);

    public FakeReply? Default(FakeRequest request)
    {
        switch (request.ApiKey)
        {
            case ApiKey.ApiVersions:
                var versions = new ApiVersionsResponse();
                foreach (var info in ApiMessages.All)
                {
                    versions.ApiKeys.Add(new ApiVersionsResponse.ApiVersion { ApiKey = (short)info.Key, MinVersion = 0, MaxVersion = ApiVersionTable.ClientMax(info.Key) });
                }

                return FakeReply.Of(versions);
            case ApiKey.Metadata:
                var metadata = new MetadataResponse { ClusterId = "fake-cluster", ControllerId = NodeId };
                metadata.Brokers.Add(new MetadataResponse.MetadataResponseBroker { NodeId = NodeId, Host = "127.0.0.1", Port = Port });
                foreach (var (id, port) in OtherBrokers)
                {
                    metadata.Brokers.Add(new MetadataResponse.MetadataResponseBroker { NodeId = id, Host = "127.0.0.1", Port = port });
                }

                var asked = request.Read<MetadataRequest>().Topics?.Select(t => t.Name!).ToList() ?? [.. Topics.Keys];
                foreach (var name in asked)
                {
                    var topic = new MetadataResponse.MetadataResponseTopic { Name = name, TopicId = new Uuid(7, name.Length) };
                    if (!Topics.TryGetValue(name, out var count))
                    {
                        topic.ErrorCode = 3;
                    }

                    for (var p = 0; p < count; p++)
                    {
                        var leader = LeaderFor(name, p);
                        topic.Partitions.Add(new MetadataResponse.MetadataResponsePartition { PartitionIndex = p, LeaderId = leader, LeaderEpoch = 0, ReplicaNodes = [leader], IsrNodes = [leader] });
                    }

                    metadata.Topics.Add(topic);
                }

                return FakeReply.Of(metadata);
            case ApiKey.InitProducerId:
                // A fresh id, or the same id one epoch up when the client presents its own (KIP-360).
                var init = request.Read<InitProducerIdRequest>();
                return FakeReply.Of(init.ProducerId >= 0
                    ? new InitProducerIdResponse { ProducerId = init.ProducerId, ProducerEpoch = (short)(init.ProducerEpoch + 1) }
                    : new InitProducerIdResponse { ProducerId = 1000, ProducerEpoch = 0 });
            default:
                return null;
        }
    }

    /// <summary>Closes every open connection (the listener stays up).</summary>
    public void DropConnections()
    {
        while (_sockets.TryTake(out var s))
        {
            s.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        DropConnections();
        try
        {
            await _accept;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stop.Token);
            _sockets.Add(socket);
            _ = ServeAsync(socket, Interlocked.Increment(ref _connections));
        }
    }

    private async Task ServeAsync(Socket socket, int connection)
    {
        try
        {
            await using var stream = new NetworkStream(socket, ownsSocket: true);
            var size = new byte[4];
            while (true)
            {
                await stream.ReadExactlyAsync(size, _stop.Token);
                var frame = new byte[BinaryPrimitives.ReadInt32BigEndian(size)];
                await stream.ReadExactlyAsync(frame, _stop.Token);
                var request = Parse(frame, connection);
                Received.Enqueue(request);
                var reply = Handler(request);
                if (ReferenceEquals(reply, Fallback))
                {
                    reply = Default(request);
                }

                if (reply is null)
                {
                    continue;
                }

                if (reply.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(reply.Delay, _stop.Token);
                }

                if (reply.CloseConnection)
                {
                    return;
                }

                await stream.WriteAsync(Encode(request, reply), _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException or EndOfStreamException)
        {
            // The client or the test closed the connection.
        }
    }

    private static FakeRequest Parse(byte[] frame, int connection)
    {
        var reader = new ProtocolReader(frame);
        var key = (ApiKey)reader.ReadInt16();
        var version = reader.ReadInt16();
        var correlationId = reader.ReadInt32();
        var clientId = reader.ReadNullableString(false);
        if (ApiMessages.Info(key).IsFlexible(version))
        {
            MessageSupport.ReadTaggedFields(ref reader);
        }

        return new FakeRequest(key, version, correlationId, clientId, reader.ReadRaw(reader.Remaining), connection);
    }

    private static byte[] Encode(FakeRequest request, FakeReply reply)
    {
        using var writer = new ProtocolWriter();
        var sizeAt = writer.Reserve(4);
        writer.WriteInt32(reply.CorrelationIdOverride ?? request.CorrelationId);
        if (request.ApiKey != ApiKey.ApiVersions && ApiMessages.Info(request.ApiKey).IsFlexible(request.Version))
        {
            writer.WriteUnsignedVarInt(0);
        }

        if (reply.RawBody is { } raw)
        {
            writer.WriteRaw(raw);
        }
        else
        {
            reply.Message!.Write(writer, request.Version);
        }

        writer.PatchInt32(sizeAt, writer.Position - 4);
        return writer.WrittenSpan.ToArray();
    }
}
