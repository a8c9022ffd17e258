using Pipeline.Broker.Network;
using Pipeline.Protocol.Messages;

namespace Pipeline.Broker.Handlers;

/// <summary>CreatePartitions (37): grows a topic, with optional manual assignments and validate-only.</summary>
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
        foreach (var t in request.Topics)
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
