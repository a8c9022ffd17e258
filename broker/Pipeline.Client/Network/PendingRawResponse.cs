using Pipeline.Protocol.Messages;

namespace Pipeline.Client.Network;

/// <summary>A request whose response body is returned as bytes (the ApiVersions handshake decodes it itself, KIP-511).</summary>
internal sealed class PendingRawResponse : PendingRequest
{
    private readonly TaskCompletionSource<byte[]> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PendingRawResponse(ApiKey apiKey, short version, TimeSpan timeout)
        : base(apiKey, version, timeout)
    {
    }

    public Task<byte[]> Task => _completion.Task;

    public override void Complete(ReadOnlyMemory<byte> frame)
    {
        var reader = BodyReader(frame);
        _completion.TrySetResult(reader.ReadRaw(reader.Remaining));
    }

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}
