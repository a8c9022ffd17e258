using Pipeline.Broker.Network;
using Pipeline.Protocol.Messages;

namespace Pipeline.Broker.Handlers;

/// <summary>CreatePartitions (37): grows a topic, with optional manual assignments and validate-only;
/// a topic named twice in one request is INVALID_REQUEST (Kafka's ControllerApis).</summary>
internal sealed class CreatePartitionsHandler
{
    private readonly BrokerServices _broker;

    public CreatePartitionsHandler(BrokerServices broker)
    {
        _broker = broker;
    }

    public async ValueTask<IResponseMessage?> HandleAsync(RequestContext context, CreatePartitionsRequest request)
    {
        var response = new CreatePartitionsResponse();
        var duplicates = request.Topics.GroupBy(t => t.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var name in duplicates)
        {
            response.Results.Add(new CreatePartitionsResponse.CreatePartitionsTopicResult
            {
                Name = name,
                ErrorCode = (short)Protocol.ErrorCode.InvalidRequest,
                ErrorMessage = "Duplicate topic name.",
            });
        }

        foreach (var t in request.Topics.Where(t => !duplicates.Contains(t.Name)))
        {
            List<IReadOnlyList<int>>? assignments = t.Assignments?.Select(a => (IReadOnlyList<int>)a.BrokerIds).ToList();
            var error = await _broker.Controller.CreatePartitionsAsync(t.Name, t.Count, assignments, request.ValidateOnly).ConfigureAwait(false);
            response.Results.Add(new CreatePartitionsResponse.CreatePartitionsTopicResult
            {
                Name = t.Name,
                ErrorCode = error.Wire,
                ErrorMessage = error.Message,
            });
        }

        return response;
    }
}
