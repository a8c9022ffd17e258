using Pipeline.Broker.Controller;
using Pipeline.Broker.Coordinators.Group;
using Pipeline.Broker.Network;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Broker.Handlers;

/// <summary>
/// FindCoordinator (10): on a single node this broker coordinates every group and transactional
/// id. v0-v3 answer one key, v4+ a batch of keys. A group key first makes sure
/// <c>__consumer_offsets</c> exists (created on first use, as Kafka does) and its shard is loaded.
/// </summary>
internal sealed class FindCoordinatorHandler
{
    private const sbyte GroupKeyType = 0;

    private readonly BrokerServices _broker;
    private readonly GroupCoordinator _groups;

    public FindCoordinatorHandler(BrokerServices broker, GroupCoordinator groups)
    {
        _broker = broker;
        _groups = groups;
    }

    public async ValueTask<IResponseMessage?> HandleAsync(RequestContext context, FindCoordinatorRequest request)
    {
        var endpoint = _broker.EndpointFor(context.Connection.ListenerName);
        var response = new FindCoordinatorResponse();
        var validType = request.KeyType is 0 or 1;
        if (context.ApiVersion < 4)
        {
            var error = !validType || string.IsNullOrEmpty(request.KeyValue)
                ? new ApiError(ErrorCode.InvalidRequest, validType ? "The coordinator key is empty." : $"Unknown coordinator key type {request.KeyType}.")
                : await PrepareAsync(request.KeyType, request.KeyValue).ConfigureAwait(false);
            if (error.IsError)
            {
                response.ErrorCode = error.Wire;
                response.ErrorMessage = error.Message;
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
            var error = validType
                ? await PrepareAsync(request.KeyType, key).ConfigureAwait(false)
                : new ApiError(ErrorCode.InvalidRequest, $"Unknown coordinator key type {request.KeyType}.");
            if (error.IsError)
            {
                c.ErrorCode = error.Wire;
                c.ErrorMessage = error.Message;
                c.NodeId = -1;
                c.Host = string.Empty;
                c.Port = -1;
            }

            response.Coordinators.Add(c);
        }

        return response;
    }

    private async ValueTask<ApiError> PrepareAsync(sbyte keyType, string key) =>
        keyType == GroupKeyType ? await _groups.PrepareCoordinatorAsync(key).ConfigureAwait(false) : ApiError.None;
}
