using System.Buffers;
using System.Buffers.Binary;

namespace Pipeline.Broker.Network;

/// <summary>
/// One request frame (without its 4-byte size) in a buffer rented from the shared pool. The
/// parsed request may slice this buffer (records fields), so the frame lives until the request's
/// response has been produced; the connection's send loop returns it.
/// </summary>
internal sealed class RequestFrame : IDisposable
{
    private byte[]? _buffer;

    public RequestFrame(int length)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(length);
        Length = length;
    }

    public int Length { get; }

    public byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(RequestFrame));

    public Memory<byte> Memory => Buffer.AsMemory(0, Length);

    public short ApiKey => BinaryPrimitives.ReadInt16BigEndian(Buffer);

    public short ApiVersion => BinaryPrimitives.ReadInt16BigEndian(Buffer.AsSpan(2));

    public int CorrelationId => BinaryPrimitives.ReadInt32BigEndian(Buffer.AsSpan(4));

    public void Dispose()
    {
        var b = Interlocked.Exchange(ref _buffer, null);
        if (b is not null)
        {
            ArrayPool<byte>.Shared.Return(b);
        }
    }
}
