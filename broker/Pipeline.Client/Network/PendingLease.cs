using System.Buffers;
using Pipeline.Protocol.Messages;

namespace Pipeline.Client.Network;

/// <summary>A request whose response keeps slices of its frame (records): the frame is copied into a pooled array the lease owns.</summary>
internal sealed class PendingLease<TResponse> : PendingRequest
    where TResponse : IResponseMessage, new()
{
    private readonly TaskCompletionSource<ResponseLease<TResponse>> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PendingLease(ApiKey apiKey, short version, TimeSpan timeout)
        : base(apiKey, version, timeout)
    {
    }

    public Task<ResponseLease<TResponse>> Task => _completion.Task;

    public override void Complete(ReadOnlyMemory<byte> frame)
    {
        var copy = ArrayPool<byte>.Shared.Rent(frame.Length);
        try
        {
            frame.CopyTo(copy);
            var reader = BodyReader(copy.AsMemory(0, frame.Length));
            var response = new TResponse();
            response.Read(ref reader, Version);
            _completion.TrySetResult(new ResponseLease<TResponse>(response, copy));
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(copy);
            throw;
        }
    }

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}
