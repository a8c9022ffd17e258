using Pipeline.Protocol.Messages;
using Pipeline.Protocol.Primitives;

namespace Pipeline.Client.Network;

/// <summary>
/// A request written to a connection and waiting for its response. Responses arrive in request
/// order, so the receive loop completes the head of the connection's FIFO. Completion runs on the
/// receive loop; continuations are asynchronous so user code never runs there.
/// </summary>
internal abstract class PendingRequest
{
    protected PendingRequest(ApiKey apiKey, short version, TimeSpan timeout)
    {
        ApiKey = apiKey;
        Version = version;
        Timeout = timeout;
    }

    public ApiKey ApiKey { get; }

    public short Version { get; }

    public TimeSpan Timeout { get; }

    public int CorrelationId { get; set; }

    /// <summary>Stopwatch timestamp after which the connection gives up on this request.</summary>
    public long Deadline { get; set; }

    /// <summary>Decodes <paramref name="frame"/> (the response without its size prefix) and completes.</summary>
    public abstract void Complete(ReadOnlyMemory<byte> frame);

    public abstract void Fail(Exception exception);

    /// <summary>Positions a reader after the response header (which ApiVersions always sends as v0).</summary>
    protected ProtocolReader BodyReader(ReadOnlyMemory<byte> frame)
    {
        var reader = new ProtocolReader(frame);
        reader.ReadInt32();
        if (ApiKey != ApiKey.ApiVersions && ApiMessages.Info(ApiKey).IsFlexible(Version))
        {
            MessageSupport.ReadTaggedFields(ref reader);
        }

        return reader;
    }
}
