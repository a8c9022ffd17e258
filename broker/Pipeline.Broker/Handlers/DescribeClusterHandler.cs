using Pipeline.Broker.Network;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Broker.Handlers;

/// <summary>DescribeCluster (60): cluster id, controller and brokers (endpoint type 1 = brokers).</summary>
internal sealed class DescribeClusterHandler
{
    private readonly BrokerServices _broker;

    public DescribeClusterHandler(BrokerServices broker)
    {
        _broker = broker;
    }

    public IResponseMessage Handle(RequestContext context, DescribeClusterRequest request)
    {
        var response = new DescribeClusterResponse
        {
            ClusterId = _broker.Controller.Image.ClusterId,
            ControllerId = _broker.NodeId,
            EndpointType = request.EndpointType,
        };
        if (context.ApiVersion >= 1 && request.EndpointType != 1)
        {
            response.ErrorCode = (short)ErrorCode.UnsupportedEndpointType;
            response.ErrorMessage = "Only the broker endpoint type (1) is served by brokers.";
            return response;
        }

        var endpoint = _broker.EndpointFor(context.Connection.ListenerName);
        response.Brokers.Add(new DescribeClusterResponse.DescribeClusterBroker
        {
            BrokerId = _broker.NodeId,
            Host = endpoint.Host,
            Port = endpoint.Port,
            Rack = _broker.Config.Rack,
        });
        if (request.IncludeClusterAuthorizedOperations)
        {
            response.ClusterAuthorizedOperations = (1 << 4) | (1 << 5) | (1 << 7) | (1 << 8) | (1 << 9) | (1 << 10) | (1 << 11) | (1 << 12);
        }

        return response;
    }
}
