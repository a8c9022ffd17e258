using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using Pipeline.Protocol.Primitives;

namespace Pipeline.Broker.Network;

/// <summary>
/// One client connection. Two loops joined by a bounded channel (Kestrel's shape):
/// <list type="bullet">
/// <item>the receive loop reads frames, parses them and starts their handlers in arrival order;</item>
/// <item>the send loop awaits the responses in that same order and writes them, so clients that
/// pipeline requests get replies FIFO, as Kafka guarantees.</item>
/// </list>
/// A full channel (<c>queued.max.requests</c> in flight) stops the receive loop: back-pressure.
/// A malformed frame, an unknown API key or an unsupported version closes this connection only.
/// </summary>
internal sealed partial class KafkaConnection
{
    private const int ReceiveBufferSize = 64 * 1024;

    private readonly Socket _socket;
    private readonly IRequestDispatcher _dispatcher;
    private readonly KafkaListenerOptions _options;
    private readonly ILogger _log;
    private readonly Channel<PendingResponse> _pending;
    private readonly ProtocolWriter _writer = new(16 * 1024);
    private readonly FileRegionSender _fileSender;

    public KafkaConnection(Socket socket, ConnectionInfo info, IRequestDispatcher dispatcher, KafkaListenerOptions options, ILogger log)
    {
        _socket = socket;
        Info = info;
        _dispatcher = dispatcher;
        _options = options;
        _log = log;
        _pending = Channel.CreateBounded<PendingResponse>(new BoundedChannelOptions(options.QueuedMaxRequests)
        {
            SingleReader = true,
            SingleWriter = true,
        });
        _fileSender = new FileRegionSender(socket);
    }

    public ConnectionInfo Info { get; }

    private readonly record struct PendingResponse(RequestFrame Frame, RequestContext Context, ValueTask<IResponseMessage?> Response, short ResponseVersion);

    /// <summary>Runs until the peer closes, a protocol error, or <paramref name="cancellationToken"/>.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var send = SendLoopAsync(cts.Token);
        try
        {
            await ReceiveLoopAsync(cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // closing
        }
        catch (Exception e)
        {
            ConnectionLog.ReceiveFailed(_log, Info, e);
        }
        finally
        {
            _pending.Writer.TryComplete();
        }

        try
        {
            await send.ConfigureAwait(false);
        }
        finally
        {
            await cts.CancelAsync().ConfigureAwait(false);
            Close();
            DrainPending();
            _writer.Dispose();
            _fileSender.Dispose();
        }
    }

    private void Close()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }

        _socket.Dispose();
    }

    private void DrainPending()
    {
        while (_pending.Reader.TryRead(out var p))
        {
            p.Frame.Dispose();
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ReceiveBufferSize);
        try
        {
            int start = 0, end = 0;
            while (!ct.IsCancellationRequested)
            {
                // Size prefix.
                while (end - start < 4)
                {
                    if (start > 0)
                    {
                        buffer.AsSpan(start, end - start).CopyTo(buffer);
                        end -= start;
                        start = 0;
                    }

                    var n = await _socket.ReceiveAsync(buffer.AsMemory(end), SocketFlags.None, ct).ConfigureAwait(false);
                    if (n == 0)
                    {
                        return;
                    }

                    end += n;
                }

                var size = BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(start));
                if (size < 8 || size > _options.SocketRequestMaxBytes)
                {
                    ConnectionLog.BadFrameSize(_log, Info, size, _options.SocketRequestMaxBytes);
                    return;
                }

                start += 4;
                var frame = new RequestFrame(size);
                var copied = Math.Min(size, end - start);
                buffer.AsSpan(start, copied).CopyTo(frame.Buffer);
                start += copied;
                if (start == end)
                {
                    start = end = 0;
                }

                try
                {
                    while (copied < size)
                    {
                        var n = await _socket.ReceiveAsync(frame.Buffer.AsMemory(copied, size - copied), SocketFlags.None, ct).ConfigureAwait(false);
                        if (n == 0)
                        {
                            frame.Dispose();
                            return;
                        }

                        copied += n;
                    }
                }
                catch
                {
                    frame.Dispose();
                    throw;
                }

                if (!Start(frame, ct, out var pending))
                {
                    frame.Dispose();
                    return;
                }

                await _pending.Writer.WriteAsync(pending, ct).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Parses a frame and starts its handler. False closes the connection.</summary>
    private bool Start(RequestFrame frame, CancellationToken ct, out PendingResponse pending)
    {
        pending = default;
        var rawKey = frame.ApiKey;
        var version = frame.ApiVersion;
        if (!ApiMessages.IsKnown(rawKey))
        {
            ConnectionLog.UnknownApiKey(_log, Info, rawKey);
            return false;
        }

        var key = (ApiKey)rawKey;
        var reader = new ProtocolReader(frame.Memory);
        var header = new RequestHeader();
        RequestContext context;
        try
        {
            header.Read(ref reader, ApiMessages.RequestHeaderVersion(key, version));
            context = new RequestContext(key, version, header.CorrelationId, header.ClientId, Info);
        }
        catch (ProtocolException e)
        {
            ConnectionLog.MalformedRequest(_log, Info, key, version, e.Message);
            return false;
        }

        if (!_dispatcher.IsSupported(key, version))
        {
            if (key == ApiKey.ApiVersions)
            {
                // KIP-511: answer a too-new ApiVersions with a v0 body so the client can retry lower.
                pending = new PendingResponse(frame, context, new ValueTask<IResponseMessage?>(ApiVersionsFallback()), 0);
                return true;
            }

            ConnectionLog.UnsupportedVersion(_log, Info, key, version);
            return false;
        }

        IRequestMessage request;
        try
        {
            request = ApiMessages.CreateRequest(key);
            request.Read(ref reader, version);
        }
        catch (ProtocolException e)
        {
            ConnectionLog.MalformedRequest(_log, Info, key, version, e.Message);
            return false;
        }

        ValueTask<IResponseMessage?> response;
        try
        {
            response = _dispatcher.DispatchAsync(context, request, ct);
        }
        catch (Exception e)
        {
            ConnectionLog.HandlerFailed(_log, Info, key, version, e);
            return false;
        }

        pending = new PendingResponse(frame, context, response, version);
        return true;
    }

    private IResponseMessage ApiVersionsFallback()
    {
        var response = new ApiVersionsResponse { ErrorCode = (short)ErrorCode.UnsupportedVersion };
        response.ApiKeys.Add(new ApiVersionsResponse.ApiVersion
        {
            ApiKey = (short)ApiKey.ApiVersions,
            MinVersion = 0,
            MaxVersion = _options.ApiVersionsMaxVersion,
        });
        return response;
    }

    private async Task SendLoopAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var p in _pending.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                IResponseMessage? response;
                try
                {
                    response = await p.Response.ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    p.Frame.Dispose();
                    return;
                }
                catch (Exception e)
                {
                    p.Frame.Dispose();
                    ConnectionLog.HandlerFailed(_log, Info, p.Context.ApiKey, p.Context.ApiVersion, e);
                    return;
                }

                p.Frame.Dispose();
                if (response is not null)
                {
                    Encode(p.Context, response, p.ResponseVersion);
                    await SendAsync(ct).ConfigureAwait(false);
                }

                if (p.Context.CloseConnection)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        catch (Exception e)
        {
            ConnectionLog.SendFailed(_log, Info, e);
        }
        finally
        {
            // Stop the receive loop too.
            try
            {
                _socket.Shutdown(SocketShutdown.Receive);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }
        }
    }

    private void Encode(RequestContext context, IResponseMessage response, short version)
    {
        _writer.Reset();
        var sizeAt = _writer.Reserve(4);
        _writer.WriteInt32(context.CorrelationId);
        if (ApiMessages.ResponseHeaderVersion(context.ApiKey, version) >= 1)
        {
            _writer.WriteUnsignedVarInt(0);
        }

        response.Write(_writer, version);
        _writer.PatchInt32(sizeAt, checked((int)(_writer.TotalLength - 4)));
    }

    private async ValueTask SendAsync(CancellationToken ct)
    {
        var splices = _writer.Splices;
        try
        {
            var memory = _writer.WrittenMemory;
            var at = 0;
            for (var i = 0; i < splices.Count; i++)
            {
                var s = splices[i];
                await SendAllAsync(memory[at..s.BufferOffset], ct).ConfigureAwait(false);
                at = s.BufferOffset;
                await _fileSender.SendAsync(s.Region, ct).ConfigureAwait(false);
            }

            await SendAllAsync(memory[at..], ct).ConfigureAwait(false);
        }
        finally
        {
            _writer.Reset();
        }
    }

    private async ValueTask SendAllAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        while (!data.IsEmpty)
        {
            var n = await _socket.SendAsync(data, SocketFlags.None, ct).ConfigureAwait(false);
            data = data[n..];
        }
    }
}
