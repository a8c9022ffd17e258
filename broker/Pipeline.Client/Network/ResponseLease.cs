using System.Buffers;

namespace Pipeline.Client.Network;

/// <summary>
/// A decoded response whose <c>records</c> fields still point into the frame it was read from
/// (Fetch). The frame is a pooled array owned by this lease: dispose it once the records are consumed.
/// </summary>
public sealed class ResponseLease<TResponse> : IDisposable
{
    private byte[]? _frame;

    internal ResponseLease(TResponse response, byte[] frame)
    {
        Response = response;
        _frame = frame;
    }

    public TResponse Response { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _frame, null) is { } f)
        {
            ArrayPool<byte>.Shared.Return(f);
        }
    }
}
