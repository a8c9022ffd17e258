using System.Buffers;
using System.Net.Sockets;
using Pipeline.Protocol.Primitives;

namespace Pipeline.Broker.Network;

/// <summary>
/// Sends a segment file range to a socket with sendfile(2): the bytes go from the page cache to
/// the socket without a copy through user space (Kafka's FileRecords.writeTo). .NET reaches
/// sendfile through <see cref="Socket.SendPacketsAsync"/> with a file element, which needs a
/// <see cref="FileStream"/> over an asynchronous handle: storage opens segments that way, and we
/// wrap the handle without ever letting the stream close it.
/// <c>PIPELINE_SENDFILE=0</c> switches to a pread-and-send copy loop (for comparison).
/// Runs on the connection's send loop only; the region is released by its owner (the writer).
/// </summary>
internal sealed class FileRegionSender : IDisposable
{
    private const int ChunkSize = 256 * 1024;

    private static readonly bool UseSendFile = Environment.GetEnvironmentVariable("PIPELINE_SENDFILE") != "0";

    private readonly Socket _socket;
    private readonly SocketAsyncEventArgs _args = new();
    private readonly SendPacketsElement[] _elements = new SendPacketsElement[1];
    private TaskCompletionSource<SocketError>? _pending;
    private byte[]? _chunk;

    public FileRegionSender(Socket socket)
    {
        _socket = socket;
        _args.Completed += (_, e) => _pending?.TrySetResult(e.SocketError);
    }

    public ValueTask SendAsync(IFileRegion region, CancellationToken ct) =>
        UseSendFile ? SendFileAsync(region, ct) : CopyAsync(region, ct);

    private async ValueTask SendFileAsync(IFileRegion region, CancellationToken ct)
    {
        if (region.Length == 0)
        {
            return;
        }

        // The stream only carries the handle to SendPacketsAsync. It must never close it (the
        // segment owns it and other fetches share it), so it is neither disposed nor finalized.
        var stream = new FileStream(region.Handle, FileAccess.Read, bufferSize: 0, isAsync: true);
        GC.SuppressFinalize(stream);
        _elements[0] = new SendPacketsElement(stream, region.Position, region.Length, endOfPacket: false);
        _args.SendPacketsElements = _elements;
        _pending = new TaskCompletionSource<SocketError>(TaskCreationOptions.RunContinuationsAsynchronously);
        SocketError result;
        if (_socket.SendPacketsAsync(_args))
        {
            using (ct.Register(static s => ((Socket)s!).Dispose(), _socket))
            {
                result = await _pending.Task.ConfigureAwait(false);
            }
        }
        else
        {
            result = _args.SocketError;
        }

        _elements[0] = null!;
        _args.SendPacketsElements = null;
        if (result != SocketError.Success)
        {
            throw new SocketException((int)result);
        }
    }

    private async ValueTask CopyAsync(IFileRegion region, CancellationToken ct)
    {
        _chunk ??= ArrayPool<byte>.Shared.Rent(ChunkSize);
        var position = region.Position;
        var left = region.Length;
        while (left > 0)
        {
            var want = Math.Min(left, _chunk.Length);
            var read = await RandomAccess.ReadAsync(region.Handle, _chunk.AsMemory(0, want), position, ct).ConfigureAwait(false);
            if (read <= 0)
            {
                // The file is shorter than the region promised: the frame length is already on the
                // wire, so the only honest thing is to drop the connection.
                throw new IOException($"segment file ended {left} byte(s) early at position {position}");
            }

            var data = _chunk.AsMemory(0, read);
            while (!data.IsEmpty)
            {
                var n = await _socket.SendAsync(data, SocketFlags.None, ct).ConfigureAwait(false);
                data = data[n..];
            }

            position += read;
            left -= read;
        }
    }

    public void Dispose()
    {
        _args.Dispose();
        var c = Interlocked.Exchange(ref _chunk, null);
        if (c is not null)
        {
            ArrayPool<byte>.Shared.Return(c);
        }
    }
}
