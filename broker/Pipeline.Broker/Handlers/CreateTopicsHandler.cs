using Pipeline.Broker.Controller;
using Pipeline.Broker.Network;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Broker.Handlers;

/// <summary>CreateTopics (19), with configs, manual assignments and validate-only (v1+).</summary>
internal sealed class CreateTopicsHandler
{
    private readonly BrokerServices _broker;
    private readonly TopicConfigDescriber _configs;

    public CreateTopicsHandler(BrokerServices broker, TopicConfigDescriber configs)
    {
        _broker = broker;
        _configs = configs;
    }

    public async ValueTask<IResponseMessage?> HandleAsync(RequestContext context, CreateTopicsRequest request)
    {
        var version = context.ApiVersion;
        var response = new CreateTopicsResponse();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = request.Topics.GroupBy(t => t.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var t in request.Topics)
        {
            var result = new CreateTopicsResponse.CreatableTopicResult { Name = t.Name };
            if (duplicates.Contains(t.Name))
            {
                if (seen.Add(t.Name))
                {
                    result.ErrorCode = (short)ErrorCode.InvalidRequest;
                    result.ErrorMessage = "Duplicate topic name.";
                    response.Topics.Add(result);
                }

                continue;
            }

            var configs = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var c in t.Configs)
            {
                configs[c.Name] = c.Value;
            }

            Dictionary<int, IReadOnlyList<int>>? assignments = null;
            if (t.Assignments.Count > 0)
            {
                assignments = [];
                foreach (var a in t.Assignments)
                {
                    assignments[a.PartitionIndex] = a.BrokerIds;
                }
            }

            var spec = new CreateTopicSpec(t.Name, t.NumPartitions, t.ReplicationFactor, configs, assignments);
            var (error, topic) = await _broker.Controller.CreateTopicAsync(spec, request.ValidateOnly).ConfigureAwait(false);
            result.ErrorCode = error.Wire;
            result.ErrorMessage = error.Message;
            if (!error.IsError && topic is not null)
            {
                result.TopicId = request.ValidateOnly ? default : topic.TopicId;
                result.NumPartitions = topic.PartitionCount;
                result.ReplicationFactor = topic.ReplicationFactor;
                if (version >= 5)
                {
                    result.Configs = _configs.DescribeForCreate(topic.Configs);
                }
            }

            response.Topics.Add(result);
        }

        return response;
    }
}
