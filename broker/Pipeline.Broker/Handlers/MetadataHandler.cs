using Pipeline.Broker.Controller;
using Pipeline.Broker.Metadata;
using Pipeline.Broker.Network;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Broker.Handlers;

/// <summary>
/// Metadata (3): brokers, controller, topics and partition leaders. Creates unknown topics when
/// auto-creation is on and the client allows it (always for v0-v3). Null topics (v1+) means all
/// topics; an empty list means none, except in v0 where empty means all (README 4.4).
/// </summary>
internal sealed class MetadataHandler
{
    // Bits of AclOperation the topic supports: READ 3, WRITE 4, CREATE 5, DELETE 6, ALTER 7,
    // DESCRIBE 8, DESCRIBE_CONFIGS 10, ALTER_CONFIGS 11. Without an authorizer everything is allowed.
    private const int AllTopicOperations = (1 << 3) | (1 << 4) | (1 << 5) | (1 << 6) | (1 << 7) | (1 << 8) | (1 << 10) | (1 << 11);
    private const int AllClusterOperations = (1 << 4) | (1 << 5) | (1 << 7) | (1 << 8) | (1 << 9) | (1 << 10) | (1 << 11) | (1 << 12);

    private readonly BrokerServices _broker;

    public MetadataHandler(BrokerServices broker)
    {
        _broker = broker;
    }

    public async ValueTask<IResponseMessage?> HandleAsync(RequestContext context, MetadataRequest request)
    {
        var version = context.ApiVersion;
        if (version < 12 && request.Topics is { } asked && asked.Exists(t => t.Name is null || !t.TopicId.IsZero))
        {
            return InvalidRequest(asked);
        }

        var image = _broker.Controller.Image;
        var response = new MetadataResponse
        {
            ClusterId = image.ClusterId,
            ControllerId = _broker.NodeId,
        };
        var endpoint = _broker.EndpointFor(context.Connection.ListenerName);
        response.Brokers.Add(new MetadataResponse.MetadataResponseBroker
        {
            NodeId = _broker.NodeId,
            Host = endpoint.Host,
            Port = endpoint.Port,
            Rack = _broker.Config.Rack,
        });
        if (request.IncludeClusterAuthorizedOperations)
        {
            response.ClusterAuthorizedOperations = AllClusterOperations;
        }

        var allTopics = request.Topics is null || (version == 0 && request.Topics.Count == 0);
        if (allTopics)
        {
            foreach (var topic in image.TopicsByName.Values.OrderBy(t => t.Name, StringComparer.Ordinal))
            {
                response.Topics.Add(Describe(topic, request.IncludeTopicAuthorizedOperations));
            }

            return response;
        }

        var autoCreate = _broker.Config.AutoCreateTopicsEnable && (version < 4 || request.AllowAutoTopicCreation);
        foreach (var requested in request.Topics!)
        {
            TopicImage? topic = null;
            if (requested.Name is null)
            {
                if (!image.TopicsById.TryGetValue(requested.TopicId, out topic))
                {
                    response.Topics.Add(new MetadataResponse.MetadataResponseTopic
                    {
                        ErrorCode = (short)ErrorCode.UnknownTopicId,
                        Name = null,
                        TopicId = requested.TopicId,
                    });
                    continue;
                }
            }
            else if (!image.TopicsByName.TryGetValue(requested.Name, out topic))
            {
                var error = TopicNames.Validate(requested.Name) is null ? ErrorCode.UnknownTopicOrPartition : ErrorCode.InvalidTopicException;
                if (error == ErrorCode.UnknownTopicOrPartition && autoCreate && !TopicNames.IsInternal(requested.Name))
                {
                    var (created, createdTopic) = await _broker.Controller
                        .CreateTopicAsync(new CreateTopicSpec(requested.Name, -1, -1, new Dictionary<string, string?>()), validateOnly: false)
                        .ConfigureAwait(false);
                    if (!created.IsError || created.Code == ErrorCode.TopicAlreadyExists)
                    {
                        topic = createdTopic ?? _broker.Controller.Image.TopicsByName.GetValueOrDefault(requested.Name);
                    }
                    else
                    {
                        error = created.Code == ErrorCode.InvalidReplicationFactor ? ErrorCode.InvalidReplicationFactor : created.Code;
                    }
                }

                if (topic is null)
                {
                    response.Topics.Add(new MetadataResponse.MetadataResponseTopic
                    {
                        ErrorCode = (short)error,
                        Name = requested.Name,
                        IsInternal = TopicNames.IsInternal(requested.Name),
                    });
                    continue;
                }
            }

            response.Topics.Add(Describe(topic, request.IncludeTopicAuthorizedOperations));
        }

        return response;
    }

    /// <summary>
    /// v10 and v11 carry a topic id field but Kafka serves lookups by id only from v12: a null name
    /// or a non-zero id fails the whole request, answered as Kafka's error response (every topic
    /// with INVALID_REQUEST, no brokers).
    /// </summary>
    private static MetadataResponse InvalidRequest(List<MetadataRequest.MetadataRequestTopic> topics)
    {
        var response = new MetadataResponse();
        foreach (var t in topics)
        {
            response.Topics.Add(new MetadataResponse.MetadataResponseTopic
            {
                ErrorCode = (short)ErrorCode.InvalidRequest,
                Name = t.Name ?? string.Empty,
                TopicId = t.TopicId,
            });
        }

        return response;
    }

    private MetadataResponse.MetadataResponseTopic Describe(TopicImage topic, bool includeOperations)
    {
        var result = new MetadataResponse.MetadataResponseTopic
        {
            Name = topic.Name,
            TopicId = topic.TopicId,
            IsInternal = topic.IsInternal,
        };
        if (includeOperations)
        {
            result.TopicAuthorizedOperations = AllTopicOperations;
        }

        foreach (var p in topic.Partitions)
        {
            result.Partitions.Add(new MetadataResponse.MetadataResponsePartition
            {
                PartitionIndex = p.Index,
                LeaderId = p.Leader,
                LeaderEpoch = p.LeaderEpoch,
                ReplicaNodes = p.Replicas.ToList(),
                IsrNodes = p.Isr.ToList(),
                OfflineReplicas = [],
                ErrorCode = (short)ErrorCode.None,
            });
        }

        return result;
    }

}
