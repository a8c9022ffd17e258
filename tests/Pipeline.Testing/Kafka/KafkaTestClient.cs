using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Pipeline.Protocol.Messages;
using Pipeline.Protocol.Primitives;

namespace Pipeline.Testing.Kafka;

/// <summary>
/// A deliberately tiny Kafka client for integration tests that need exact control: it sends one
/// request (any API, any version) encoded with our generated messages and reads its response, or
/// sends raw bytes and watches what the broker does with them. No retries, no metadata cache, no
/// pipelining: one request in flight at a time.
/// </summary>
public sealed class KafkaTestClient : IAsyncDisposable, IDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _correlationId;

    private KafkaTestClient(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
    }

    public string? ClientId { get; set; } = "pipeline-test-client";

    /// <summary>How long a request may wait for its response before the call fails.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    public EndPoint? RemoteEndPoint => _socket.RemoteEndPoint;

    public static async Task<KafkaTestClient> ConnectAsync(string host, int port, CancellationToken cancellationToken = default)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await socket.ConnectAsync(host, port, timeout.Token).ConfigureAwait(false);
            return new KafkaTestClient(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static Task<KafkaTestClient> ConnectAsync(string bootstrapServers, CancellationToken cancellationToken = default)
    {
        var first = bootstrapServers.Split(',')[0];
        var colon = first.LastIndexOf(':');
        return ConnectAsync(first[..colon], int.Parse(first[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
    }

    public int NextCorrelationId() => Interlocked.Increment(ref _correlationId);

    /// <summary>Sends <paramref name="request"/> at <paramref name="version"/> and decodes the response.
    /// Throws <see cref="IOException"/> when the broker closes the connection instead of answering.</summary>
    public async Task<TResponse> SendAsync<TResponse>(IRequestMessage request, short version, CancellationToken cancellationToken = default)
        where TResponse : IResponseMessage, new()
    {
        var correlationId = NextCorrelationId();
        var frame = EncodeRequest(request, version, correlationId, ClientId);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        byte[]? payload;
        try
        {
            await SendRawUnlockedAsync(frame, cancellationToken).ConfigureAwait(false);
            payload = await ReceiveFrameUnlockedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        if (payload is null)
        {
            throw new IOException($"the broker closed the connection instead of answering {request.ApiKey} v{version} (correlation id {correlationId})");
        }

        var response = DecodeResponse<TResponse>(payload, request.ApiKey, version, out var gotId);
        if (gotId != correlationId)
        {
            throw new InvalidDataException($"{request.ApiKey} v{version}: expected correlation id {correlationId}, got {gotId}");
        }

        return response;
    }

    /// <summary>Writes bytes as they are (a frame, part of one, or garbage).</summary>
    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await SendRawUnlockedAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Reads one size-prefixed frame and returns it without the size; null when the
    /// connection was closed (EOF or reset) before a whole frame arrived.</summary>
    public async Task<byte[]?> ReceiveFrameAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ReceiveFrameUnlockedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// True when the broker closes the connection within <paramref name="wait"/> (anything it sends
    /// first is read and dropped); false when the connection is still open after that time.
    /// </summary>
    public async Task<bool> IsClosedAsync(TimeSpan? wait = null, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(wait ?? TimeSpan.FromSeconds(5));
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                if (await _stream.ReadAsync(buffer, timeout.Token).ConfigureAwait(false) == 0)
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>Closes our sending side (the broker reads end-of-stream), as a peer that crashed mid-frame.</summary>
    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    /// <summary>A whole request frame: int32 size, request header (the version the API needs), body.</summary>
    public static byte[] EncodeRequest(IRequestMessage request, short version, int correlationId, string? clientId)
    {
        using var writer = new ProtocolWriter();
        var sizeAt = writer.Reserve(4);
        var header = new RequestHeader
        {
            RequestApiKey = (short)request.ApiKey,
            RequestApiVersion = version,
            CorrelationId = correlationId,
            ClientId = clientId,
        };
        header.Write(writer, ApiMessages.RequestHeaderVersion(request.ApiKey, version));
        request.Write(writer, version);
        writer.PatchInt32(sizeAt, writer.Position - 4);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes a response frame (without its size prefix); fails on trailing bytes.</summary>
    public static TResponse DecodeResponse<TResponse>(byte[] payload, ApiKey apiKey, short version, out int correlationId)
        where TResponse : IResponseMessage, new()
    {
        var reader = new ProtocolReader(payload);
        var header = new ResponseHeader();
        header.Read(ref reader, ApiMessages.ResponseHeaderVersion(apiKey, version));
        correlationId = header.CorrelationId;
        var response = new TResponse();
        response.Read(ref reader, version);
        if (!reader.End)
        {
            throw new InvalidDataException($"{apiKey} v{version} response has {reader.Remaining} unread byte(s) after the body");
        }

        return response;
    }

    public void Dispose()
    {
        _stream.Dispose();
        _gate.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task SendRawUnlockedAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        await _stream.WriteAsync(bytes, timeout.Token).ConfigureAwait(false);
    }

    private async Task<byte[]?> ReceiveFrameUnlockedAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var sizeBytes = new byte[4];
            if (!await ReadExactlyOrEofAsync(sizeBytes, timeout.Token).ConfigureAwait(false))
            {
                return null;
            }

            var size = BinaryPrimitives.ReadInt32BigEndian(sizeBytes);
            if (size < 0 || size > 256 << 20)
            {
                throw new InvalidDataException($"the broker sent a frame size of {size}");
            }

            var payload = new byte[size];
            return await ReadExactlyOrEofAsync(payload, timeout.Token).ConfigureAwait(false) ? payload : null;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no response from the broker within {Timeout.TotalSeconds:F1}s");
        }
    }

    private async Task<bool> ReadExactlyOrEofAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            int n;
            try
            {
                n = await _stream.ReadAsync(buffer[read..], cancellationToken).ConfigureAwait(false);
            }
            catch (IOException)
            {
                return false;
            }

            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }
}
