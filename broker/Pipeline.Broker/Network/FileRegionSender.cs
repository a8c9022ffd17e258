using System.Buffers;
using System.Net.Sockets;
using Pipeline.Protocol.Primitives;

namespace Pipeline.Broker.Network;

/// <summary>
/// Sends a segment file range to a socket. Reads it with positional I/O into one pooled chunk
/// owned by the connection and sends the chunk; the region itself is released by its owner.
/// Runs on the connection's send loop only.
/// </summary>
internal sealed class FileRegionSender : IDisposable
{
    private const int ChunkSize = 256 * 1024;

    private readonly Socket _socket;
    private byte[]? _chunk;

    public FileRegionSender(Socket socket)
    {
        _socket = socket;
    }

    public async ValueTask SendAsync(IFileRegion region, CancellationToken ct)
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
                // The file is shorter than the region promised (truncated underneath us): the
                // frame length is already on the wire, so the only honest thing is to drop the
                // connection.
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
        var c = Interlocked.Exchange(ref _chunk, null);
        if (c is not null)
        {
            ArrayPool<byte>.Shared.Return(c);
        }
    }
}
