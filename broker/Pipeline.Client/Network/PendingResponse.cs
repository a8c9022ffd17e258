using Pipeline.Protocol.Messages;

namespace Pipeline.Client.Network;

/// <summary>A request whose response is decoded into a fresh <typeparamref name="TResponse"/>; the frame is not kept.</summary>
internal sealed class PendingResponse<TResponse> : PendingRequest
    where TResponse : IResponseMessage, new()
{
    private readonly TaskCompletionSource<TResponse> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PendingResponse(ApiKey apiKey, short version, TimeSpan timeout)
        : base(apiKey, version, timeout)
    {
    }

    public Task<TResponse> Task => _completion.Task;

    public override void Complete(ReadOnlyMemory<byte> frame)
    {
        var reader = BodyReader(frame);
        var response = new TResponse();
        response.Read(ref reader, Version);
        _completion.TrySetResult(response);
    }

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}
