using Pipeline.Broker.Network;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Broker.Handlers;

/// <summary>
/// FindCoordinator (10): on a single node this broker coordinates every group and transactional
/// id. v0-v3 answer one key, v4+ a batch of keys.
/// </summary>
internal sealed class FindCoordinatorHandler
{
    private readonly BrokerServices _broker;

    public FindCoordinatorHandler(BrokerServices broker)
    {
        _broker = broker;
    }

    public IResponseMessage Handle(RequestContext context, FindCoordinatorRequest request)
    {
        var endpoint = _broker.EndpointFor(context.Connection.ListenerName);
        var response = new FindCoordinatorResponse();
        var validType = request.KeyType is 0 or 1;
        if (context.ApiVersion < 4)
        {
            if (!validType || string.IsNullOrEmpty(request.KeyValue))
            {
                response.ErrorCode = (short)ErrorCode.InvalidRequest;
                response.ErrorMessage = validType ? "The coordinator key is empty." : $"Unknown coordinator key type {request.KeyType}.";
                response.NodeId = -1;
                response.Host = string.Empty;
                response.Port = -1;
                return response;
            }

            response.NodeId = _broker.NodeId;
            response.Host = endpoint.Host;
            response.Port = endpoint.Port;
            return response;
        }

        foreach (var key in request.CoordinatorKeys)
        {
            var c = new FindCoordinatorResponse.Coordinator { Key = key, NodeId = _broker.NodeId, Host = endpoint.Host, Port = endpoint.Port };
            if (!validType)
            {
                c.ErrorCode = (short)ErrorCode.InvalidRequest;
                c.ErrorMessage = $"Unknown coordinator key type {request.KeyType}.";
                c.NodeId = -1;
                c.Host = string.Empty;
                c.Port = -1;
            }

            response.Coordinators.Add(c);
        }

        return response;
    }
}
