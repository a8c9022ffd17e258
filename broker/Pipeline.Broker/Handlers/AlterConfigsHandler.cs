using Pipeline.Broker.Controller;
using Pipeline.Broker.Network;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using Pipeline.Storage.Config;

namespace Pipeline.Broker.Handlers;

/// <summary>
/// AlterConfigs (33, replaces the whole set of topic overrides) and IncrementalAlterConfigs (44:
/// SET, DELETE, APPEND and SUBTRACT per key; APPEND/SUBTRACT only for list configs). Both validate
/// the resulting config as a whole and support validate-only. Broker configs are static in this
/// release: they are changed in the .properties file.
/// </summary>
internal sealed class AlterConfigsHandler
{
    private const sbyte OpSet = 0;
    private const sbyte OpDelete = 1;
    private const sbyte OpAppend = 2;
    private const sbyte OpSubtract = 3;

    private readonly BrokerServices _broker;

    public AlterConfigsHandler(BrokerServices broker, TopicConfigDescriber describer)
    {
        _broker = broker;
        _ = describer;
    }

    public async ValueTask<IResponseMessage?> HandleAsync(RequestContext context, AlterConfigsRequest request)
    {
        var response = new AlterConfigsResponse();
        foreach (var resource in request.Resources)
        {
            var error = ResourceError(resource.ResourceType, resource.ResourceName);
            if (!error.IsError)
            {
                var duplicate = resource.Configs.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
                if (duplicate is not null)
                {
                    error = new ApiError(ErrorCode.InvalidRequest, $"Error due to duplicate config keys: {duplicate.Key}");
                }
                else
                {
                    var replacement = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var c in resource.Configs)
                    {
                        if (c.Value is null)
                        {
                            error = new ApiError(ErrorCode.InvalidRequest, $"Null value not supported for: {c.Name}");
                            break;
                        }

                        replacement[c.Name] = c.Value;
                    }

                    if (!error.IsError)
                    {
                        error = await _broker.Controller.AlterTopicConfigsAsync(resource.ResourceName, _ => (ApiError.None, replacement), request.ValidateOnly).ConfigureAwait(false);
                    }
                }
            }

            response.Responses.Add(new AlterConfigsResponse.AlterConfigsResourceResponse
            {
                ResourceType = resource.ResourceType,
                ResourceName = resource.ResourceName,
                ErrorCode = error.Wire,
                ErrorMessage = error.Message,
            });
        }

        return response;
    }

    public async ValueTask<IResponseMessage?> HandleIncrementalAsync(RequestContext context, IncrementalAlterConfigsRequest request)
    {
        var response = new IncrementalAlterConfigsResponse();
        foreach (var resource in request.Resources)
        {
            var error = ResourceError(resource.ResourceType, resource.ResourceName);
            if (!error.IsError)
            {
                var duplicate = resource.Configs.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
                error = duplicate is not null
                    ? new ApiError(ErrorCode.InvalidRequest, $"Error due to duplicate config keys: {duplicate.Key}")
                    : await _broker.Controller.AlterTopicConfigsAsync(resource.ResourceName, current => Apply(current, resource.Configs), request.ValidateOnly).ConfigureAwait(false);
            }

            response.Responses.Add(new IncrementalAlterConfigsResponse.AlterConfigsResourceResponse
            {
                ResourceType = resource.ResourceType,
                ResourceName = resource.ResourceName,
                ErrorCode = error.Wire,
                ErrorMessage = error.Message,
            });
        }

        return response;
    }

    private static (ApiError, Dictionary<string, string>?) Apply(IReadOnlyDictionary<string, string> current, List<IncrementalAlterConfigsRequest.AlterableConfig> changes)
    {
        var next = new Dictionary<string, string>(current, StringComparer.Ordinal);
        foreach (var c in changes)
        {
            LogConfigDef.TryGetKey(c.Name, out var key);
            switch (c.ConfigOperation)
            {
                case OpSet:
                    if (c.Value is null)
                    {
                        return (new ApiError(ErrorCode.InvalidRequest, $"Null value not supported for: {c.Name}"), null);
                    }

                    next[c.Name] = c.Value;
                    break;
                case OpDelete:
                    next.Remove(c.Name);
                    break;
                case OpAppend or OpSubtract:
                    if (key is null || key.Type != ConfigType.List)
                    {
                        var op = c.ConfigOperation == OpAppend ? "APPEND" : "SUBTRACT";
                        return (new ApiError(ErrorCode.InvalidConfig, $"Can't {op} to key {c.Name} because its type is not LIST."), null);
                    }

                    var items = (next.TryGetValue(c.Name, out var v) ? v : key.DefaultValue ?? string.Empty)
                        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
                    var given = (c.Value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (c.ConfigOperation == OpAppend)
                    {
                        items.AddRange(given.Where(g => !items.Contains(g)));
                    }
                    else
                    {
                        items.RemoveAll(i => given.Contains(i));
                    }

                    next[c.Name] = string.Join(",", items);
                    break;
                default:
                    return (new ApiError(ErrorCode.InvalidRequest, $"Unknown config operation {c.ConfigOperation} for {c.Name}"), null);
            }
        }

        return (ApiError.None, next);
    }

    private ApiError ResourceError(sbyte type, string name) => type switch
    {
        ConfigResourceType.Topic => ApiError.None,
        ConfigResourceType.Broker or ConfigResourceType.BrokerLogger => new ApiError(ErrorCode.InvalidRequest,
            $"Broker {name} configs are static in this release; change them in the broker's .properties file (or --override) and restart."),
        _ => new ApiError(ErrorCode.InvalidRequest, $"Unsupported resource type {type}"),
    };
}
