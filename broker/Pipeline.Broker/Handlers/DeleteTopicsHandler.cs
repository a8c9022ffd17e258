using Pipeline.Broker.Controller;
using Pipeline.Broker.Network;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using Pipeline.Protocol.Primitives;

namespace Pipeline.Broker.Handlers;

/// <summary>
/// DeleteTopics (20): by name (v0-5) or by name or id (v6+), as Kafka's controller answers it: a
/// topic named by both name and id, by neither, or twice is INVALID_REQUEST; unknown names and
/// ids get UNKNOWN_TOPIC_OR_PARTITION / UNKNOWN_TOPIC_ID with Kafka's default messages.
/// </summary>
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
        var targets = new List<(string? Name, Uuid Id)>();
        if (context.ApiVersion >= 6)
        {
            foreach (var t in request.Topics)
            {
                if (t.Name is null && t.TopicId.IsZero)
                {
                    Add(response, null, Uuid.Zero, new ApiError(ErrorCode.InvalidRequest, "Neither topic name nor id were specified."));
                }
                else if (t.Name is not null && !t.TopicId.IsZero)
                {
                    Add(response, t.Name, t.TopicId, new ApiError(ErrorCode.InvalidRequest, "You may not specify both topic name and topic id."));
                }
                else
                {
                    targets.Add((t.Name, t.TopicId));
                }
            }
        }
        else
        {
            foreach (var n in request.TopicNames)
            {
                targets.Add((n, Uuid.Zero));
            }
        }

        foreach (var group in targets.GroupBy(t => t).Where(g => g.Count() > 1))
        {
            var (name, id) = group.Key;
            Add(response, name, id, new ApiError(ErrorCode.InvalidRequest, name is null ? "Duplicate topic id." : "Duplicate topic name."));
        }

        foreach (var (requestedName, id) in targets.GroupBy(t => t).Where(g => g.Count() == 1).Select(g => g.Key))
        {
            if (!_broker.Config.DeleteTopicEnable)
            {
                // Kafka fails the whole request; clients before v3 do not know TOPIC_DELETION_DISABLED.
                var code = context.ApiVersion < 3 ? ErrorCode.InvalidRequest : ErrorCode.TopicDeletionDisabled;
                Add(response, requestedName, id, new ApiError(code, "Topic deletion is disabled."));
                continue;
            }

            var image = _broker.Controller.Image;
            string name;
            Uuid topicId;
            if (requestedName is null)
            {
                if (!image.TopicsById.TryGetValue(id, out var byId))
                {
                    Add(response, null, id, new ApiError(ErrorCode.UnknownTopicId, "This server does not host this topic ID."));
                    continue;
                }

                name = byId.Name;
                topicId = id;
            }
            else
            {
                name = requestedName;
                topicId = image.TopicsByName.TryGetValue(name, out var byName) ? byName.TopicId : Uuid.Zero;
            }

            var error = await _broker.Controller.DeleteTopicAsync(name).ConfigureAwait(false);
            Add(response, name, error.IsError ? Uuid.Zero : topicId, error);
        }

        return response;
    }

    private static void Add(DeleteTopicsResponse response, string? name, Uuid id, ApiError error) =>
        response.Responses.Add(new DeleteTopicsResponse.DeletableTopicResult
        {
            Name = name,
            TopicId = id,
            ErrorCode = error.Wire,
            ErrorMessage = error.Message,
        });
}
