using Pipeline.Protocol.Messages;

namespace Pipeline.Broker.Network;

/// <summary>
/// Routes a parsed request to its handler. Called on the connection's receive loop, in arrival
/// order; the synchronous part of a handler (e.g. the append of a produce) therefore runs in that
/// order too. A null response means "send nothing" (Produce with acks=0).
/// </summary>
public interface IRequestDispatcher
{
    /// <summary>True when this broker serves the API at this version.</summary>
    bool IsSupported(ApiKey key, short version);

    ValueTask<IResponseMessage?> DispatchAsync(RequestContext context, IRequestMessage request, CancellationToken cancellationToken);
}
