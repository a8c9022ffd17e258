using Pipeline.Broker.Network;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Broker.Handlers;

/// <summary>DeleteTopics (20): by name (v0-5) or by name or id (v6+).</summary>
internal sealed class DeleteTopicsHandler
{
    private readonly BrokerServices _broker;

    public DeleteTopicsHandler(BrokerServices broker)
    {
        _broker = broker;
    }

    public async ValueTask<IResponseMessage?> HandleAsync(RequestContext context, DeleteTopicsRequest request)
    {
        var response = new DeleteTopicsResponse();
        var targets = new List<(string? Name, Protocol.Primitives.Uuid Id)>();
        if (context.ApiVersion >= 6)
        {
            foreach (var t in request.Topics)
            {
                targets.Add((t.Name, t.TopicId));
            }
        }
        else
        {
            foreach (var n in request.TopicNames)
            {
                targets.Add((n, default));
            }
        }

        foreach (var (requestedName, id) in targets)
        {
            var result = new DeleteTopicsResponse.DeletableTopicResult { Name = requestedName, TopicId = id };
            response.Responses.Add(result);
            var image = _broker.Controller.Image;
            string? name = requestedName;
            if (name is null)
            {
                if (!image.TopicsById.TryGetValue(id, out var byId))
                {
                    result.ErrorCode = (short)ErrorCode.UnknownTopicId;
                    result.ErrorMessage = $"Topic id {id} does not exist.";
                    continue;
                }

                name = byId.Name;
                result.Name = name;
            }
            else if (image.TopicsByName.TryGetValue(name, out var byName))
            {
                result.TopicId = byName.TopicId;
            }

            if (!_broker.Config.DeleteTopicEnable)
            {
                result.ErrorCode = (short)ErrorCode.TopicDeletionDisabled;
                result.ErrorMessage = "Topic deletion is disabled (delete.topic.enable=false).";
                continue;
            }

            var error = await _broker.Controller.DeleteTopicAsync(name).ConfigureAwait(false);
            result.ErrorCode = error.Wire;
            result.ErrorMessage = error.Message;
        }

        return response;
    }
}
