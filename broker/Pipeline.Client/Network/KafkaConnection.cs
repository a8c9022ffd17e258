using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using Pipeline.Protocol.Primitives;

namespace Pipeline.Client.Network;

/// <summary>
/// One TCP connection to one broker. Requests from any thread are encoded into the connection's
/// pooled <see cref="ProtocolWriter"/> and written under a send lock, so correlation ids, the
/// in-flight FIFO and the byte stream share one order; many may be in flight (pipelined). A
/// receive loop reads size-prefixed frames and completes the head of the FIFO (Kafka answers in
/// order). A request that outlives its timeout closes the connection, as Kafka's NetworkClient
/// does: later responses could not be matched otherwise.
/// <para>Threads: any caller (send), the receive loop (responses), a timer (timeouts).</para>
/// </summary>
internal sealed class KafkaConnection : IAsyncDisposable
{
    private const int InitialReceiveBuffer = 64 * 1024;

    private readonly Socket _socket;
    private readonly ConnectionSettings _settings;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ProtocolWriter _writer = new();
    private readonly RequestHeader _header = new();
    private readonly Queue<PendingRequest> _inFlight = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource<Exception> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Timer _timeoutTimer;
    private int _nextCorrelationId;
    private ApiVersionTable? _versions;

    private KafkaConnection(int nodeId, BrokerAddress address, Socket socket, ConnectionSettings settings, ILogger log)
    {
        NodeId = nodeId;
        Address = address;
        _socket = socket;
        _settings = settings;
        _log = log;
        _header.ClientId = settings.ClientId;
        var period = TimeSpan.FromMilliseconds(Math.Clamp(settings.RequestTimeout.TotalMilliseconds / 10, 10, 250));
        _timeoutTimer = new Timer(static s => ((KafkaConnection)s!).CheckTimeouts(), this, period, period);
    }

    public int NodeId { get; }

    public BrokerAddress Address { get; }

    public ApiVersionTable Versions => _versions ?? throw new InvalidOperationException("the connection has not negotiated versions");

    public bool IsClosed => _closed.Task.IsCompleted;

    /// <summary>Completes (with the reason) when the connection is closed, by either side.</summary>
    public Task<Exception> Closed => _closed.Task;

    public int InFlightCount
    {
        get
        {
            lock (_inFlight)
            {
                return _inFlight.Count;
            }
        }
    }

    /// <summary>Connects, starts the receive loop and negotiates API versions; the whole within the setup timeout.</summary>
    public static async Task<KafkaConnection> ConnectAsync(
        int nodeId, BrokerAddress address, ConnectionSettings settings, ILogger log, CancellationToken cancellationToken)
    {
        using var setup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        setup.CancelAfter(settings.SetupTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        KafkaConnection? connection = null;
        try
        {
            if (settings.SendBufferBytes > 0)
            {
                socket.SendBufferSize = settings.SendBufferBytes;
            }

            if (settings.ReceiveBufferBytes > 0)
            {
                socket.ReceiveBufferSize = settings.ReceiveBufferBytes;
            }

            await socket.ConnectAsync(address.Host, address.Port, setup.Token).ConfigureAwait(false);
            connection = new KafkaConnection(nodeId, address, socket, settings, log);
            _ = connection.ReceiveLoopAsync();
            var (versions, version) = await ApiVersionsHandshake.RunAsync(connection.SendRawAsync, address, settings.SetupTimeout, setup.Token).ConfigureAwait(false);
            connection._versions = versions;
            ClientLog.Connected(log, nodeId, address.ToString(), version);
            return connection;
        }
        catch (Exception e)
        {
            var reason = e is OperationCanceledException && !cancellationToken.IsCancellationRequested
                ? new KafkaException(ErrorCode.NetworkException, $"connection setup to {address} timed out after {(long)settings.SetupTimeout.TotalMilliseconds} ms")
                : e is SocketException se
                    ? new KafkaException(ErrorCode.NetworkException, $"cannot connect to {address}: {se.Message}", se)
                    : e;
            if (connection is not null)
            {
                connection.Close(reason);
            }
            else
            {
                socket.Dispose();
            }

            if (reason == e)
            {
                throw;
            }

            throw reason;
        }
    }

    /// <summary>Sends a request and decodes its response (the frame is released at once).</summary>
    public Task<TResponse> SendAsync<TResponse>(IRequestMessage request, short version, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where TResponse : IResponseMessage, new()
    {
        var pending = new PendingResponse<TResponse>(request.ApiKey, version, timeout ?? _settings.RequestTimeout);
        return SendAndAwaitAsync(request, pending, pending.Task, cancellationToken);
    }

    /// <summary>
    /// Writes a request and returns once it is on the wire, with the task of its response. The
    /// producer's sender uses this so that its requests to one node are written in its own order.
    /// </summary>
    public async Task<Task<TResponse>> WriteRequestAsync<TResponse>(IRequestMessage request, short version, TimeSpan? timeout = null)
        where TResponse : IResponseMessage, new()
    {
        var pending = new PendingResponse<TResponse>(request.ApiKey, version, timeout ?? _settings.RequestTimeout);
        await WriteAsync(request, version, pending).ConfigureAwait(false);
        return pending.Task;
    }

    /// <summary>Sends a request whose response keeps pointing into its frame (Fetch); dispose the lease.</summary>
    public Task<ResponseLease<TResponse>> SendRetainingFrameAsync<TResponse>(IRequestMessage request, short version, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where TResponse : IResponseMessage, new()
    {
        var pending = new PendingLease<TResponse>(request.ApiKey, version, timeout ?? _settings.RequestTimeout);
        return SendAndAwaitAsync(request, pending, pending.Task, cancellationToken);
    }

    /// <summary>Writes a request that gets no response (Produce with acks=0).</summary>
    public Task SendWithoutResponseAsync(IRequestMessage request, short version) => WriteAsync(request, version, pending: null);

    /// <summary>Sends a request and returns its response body undecoded (the ApiVersions handshake decodes it itself).</summary>
    internal Task<byte[]> SendRawAsync(IRequestMessage request, short version, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var pending = new PendingRawResponse(request.ApiKey, version, timeout);
        return SendAndAwaitAsync(request, pending, pending.Task, cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        Close(new KafkaException(ErrorCode.NetworkException, $"connection to node {NodeId} ({Address}) closed by the client"));
        return ValueTask.CompletedTask;
    }

    /// <summary>Closes the socket and fails every request still waiting, with <paramref name="reason"/>.</summary>
    public void Close(Exception reason)
    {
        if (!_closed.TrySetResult(reason))
        {
            return;
        }

        _timeoutTimer.Dispose();
        _closing.Cancel();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }

        _socket.Dispose();
        ClientLog.Disconnected(_log, NodeId, Address.ToString(), reason.Message);
        PendingRequest[] orphans;
        lock (_inFlight)
        {
            orphans = [.. _inFlight];
            _inFlight.Clear();
        }

        var disconnected = reason as KafkaException is { Code: ErrorCode.NetworkException } k
            ? k
            : new KafkaException(ErrorCode.NetworkException, $"disconnected from node {NodeId} ({Address}): {reason.Message}", reason);
        foreach (var p in orphans)
        {
            p.Fail(disconnected);
        }
    }

    private async Task<TResult> SendAndAwaitAsync<TResult>(IRequestMessage request, PendingRequest pending, Task<TResult> response, CancellationToken cancellationToken)
    {
        await WriteAsync(request, pending.Version, pending).ConfigureAwait(false);
        if (!cancellationToken.CanBeCanceled)
        {
            return await response.ConfigureAwait(false);
        }

        // The entry stays in the FIFO when the caller gives up: its response still has to be read and dropped.
        return await response.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteAsync(IRequestMessage request, short version, PendingRequest? pending)
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_closed.Task.IsCompleted)
            {
                throw new KafkaException(ErrorCode.NetworkException, $"connection to node {NodeId} ({Address}) is closed: {_closed.Task.Result.Message}");
            }

            var correlationId = unchecked(++_nextCorrelationId);
            Encode(request, version, correlationId);
            if (pending is not null)
            {
                pending.CorrelationId = correlationId;
                pending.Deadline = Stopwatch.GetTimestamp() + (long)(pending.Timeout.TotalSeconds * Stopwatch.Frequency);
                lock (_inFlight)
                {
                    _inFlight.Enqueue(pending);
                }
            }

            try
            {
                var remaining = _writer.WrittenMemory;
                while (!remaining.IsEmpty)
                {
                    var sent = await _socket.SendAsync(remaining, SocketFlags.None, _closing.Token).ConfigureAwait(false);
                    remaining = remaining[sent..];
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                var reason = new KafkaException(ErrorCode.NetworkException, $"send to node {NodeId} ({Address}) failed: {e.Message}", e);
                Close(reason);
                throw reason;
            }
        }
        finally
        {
            _writer.Reset();
            _sendLock.Release();
        }
    }

    /// <summary>Size prefix, header (v2 for flexible versions, else v1), body; the size is patched last.</summary>
    private void Encode(IRequestMessage request, short version, int correlationId)
    {
        _writer.Reset();
        var sizeAt = _writer.Reserve(4);
        _header.RequestApiKey = (short)request.ApiKey;
        _header.RequestApiVersion = version;
        _header.CorrelationId = correlationId;
        _header.Write(_writer, ApiMessages.Info(request.ApiKey).IsFlexible(version) ? (short)2 : (short)1);
        request.Write(_writer, version);
        _writer.PatchInt32(sizeAt, _writer.Position - 4);
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InitialReceiveBuffer);
        var start = 0;
        var end = 0;
        try
        {
            while (true)
            {
                while (end - start >= 4)
                {
                    var size = BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(start));
                    if (size < 4 || size > _settings.MaxResponseBytes)
                    {
                        throw new KafkaException(ErrorCode.CorruptMessage, $"invalid response size {size} from node {NodeId} ({Address})");
                    }

                    if (end - start - 4 < size)
                    {
                        if (size + 4 > buffer.Length)
                        {
                            var bigger = ArrayPool<byte>.Shared.Rent(size + 4);
                            buffer.AsSpan(start, end - start).CopyTo(bigger);
                            ArrayPool<byte>.Shared.Return(buffer);
                            buffer = bigger;
                            end -= start;
                            start = 0;
                        }

                        break;
                    }

                    Dispatch(buffer.AsMemory(start + 4, size));
                    start += 4 + size;
                }

                if (start > 0)
                {
                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    end -= start;
                    start = 0;
                }

                var read = await _socket.ReceiveAsync(buffer.AsMemory(end), SocketFlags.None, _closing.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new KafkaException(ErrorCode.NetworkException, $"node {NodeId} ({Address}) closed the connection");
                }

                end += read;
            }
        }
        catch (Exception e)
        {
            Close(e is KafkaException ? e : new KafkaException(ErrorCode.NetworkException, $"receive from node {NodeId} ({Address}) failed: {e.Message}", e));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Dispatch(ReadOnlyMemory<byte> frame)
    {
        var correlationId = BinaryPrimitives.ReadInt32BigEndian(frame.Span);
        PendingRequest? pending;
        lock (_inFlight)
        {
            _inFlight.TryDequeue(out pending);
        }

        if (pending is null || pending.CorrelationId != correlationId)
        {
            var expected = pending is null ? "none" : pending.CorrelationId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var error = new KafkaException(ErrorCode.CorruptMessage, $"node {NodeId} answered correlation id {correlationId}, expected {expected}");
            pending?.Fail(error);
            throw error;
        }

        try
        {
            pending.Complete(frame);
        }
        catch (ProtocolException e)
        {
            var error = new KafkaException(ErrorCode.CorruptMessage, $"cannot decode {pending.ApiKey} v{pending.Version} response from node {NodeId}: {e.Message}", e);
            pending.Fail(error);
            throw error;
        }
    }

    private void CheckTimeouts()
    {
        var now = Stopwatch.GetTimestamp();
        PendingRequest? expired = null;
        lock (_inFlight)
        {
            foreach (var p in _inFlight)
            {
                if (p.Deadline < now)
                {
                    expired = p;
                    break;
                }
            }
        }

        if (expired is null)
        {
            return;
        }

        var ms = (long)expired.Timeout.TotalMilliseconds;
        ClientLog.RequestTimedOut(_log, expired.ApiKey.ToString(), NodeId, ms);
        expired.Fail(new KafkaException(ErrorCode.RequestTimedOut, $"{expired.ApiKey} request to node {NodeId} ({Address}) timed out after {ms} ms"));
        Close(new KafkaException(ErrorCode.NetworkException, $"a request to node {NodeId} ({Address}) timed out"));
    }
}
